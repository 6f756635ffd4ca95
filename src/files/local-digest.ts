/** Whether a file already on disk is the one W&B has: same size, same base64 MD5, read streaming. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * True when `path` is a regular file of `size` bytes (when known) whose base64 MD5 is `md5`. A
 * missing file, or any error reading it, is false: it is downloaded again.
 */
export async function isPresent(path: string, size: number | null, md5: string | null): Promise<boolean> {
  if (md5 === null) return false;
  try {
    const info = await stat(path);
    if (!info.isFile() || (size !== null && info.size !== size)) return false;
    const hash = createHash("md5");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest("base64") === md5;
  } catch {
    return false;
  }
}
