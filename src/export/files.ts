/**
 * Writing the dataset's files so that a reader never sees half of one: each file is written next
 * to its place under a temporary name, flushed, then renamed over it (a rename within a folder is
 * atomic). A temporary file left by an interrupted export is removed by the next one.
 */
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

const tempMark = ".partial-";

/** Writes `bytes` to `path` through a temporary file and a rename. */
export async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `${tempMark}${process.pid}-${Math.random().toString(36).slice(2)}`);
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Removes temporary files an interrupted export left in `dir` and one level of folders below. */
export async function removeLeftovers(dir: string, depth = 2): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.startsWith(tempMark)) await rm(path, { force: true });
    else if (entry.isDirectory() && depth > 0) await removeLeftovers(path, depth - 1);
  }
}
