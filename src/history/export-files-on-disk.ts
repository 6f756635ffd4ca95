/**
 * Export files written to disk whole: `downloadHistoryExports` (named as W&B's Python client names
 * them, by position) and the cache of `scanRunHistory({ cacheDir })`, keyed by the object's path
 * without its signature plus its size, not by the URL's position in the list (W&B does not keep
 * the order, and an export that grows keeps its path but not its size). Each file goes through the
 * file client (temporary file, then rename), and is renamed only when it starts and ends with
 * Parquet's magic bytes, so nothing partial or foreign enters the directory or the cache.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { FetchPolicy, FileSink } from "../files/fetch-file.js";
import { fetchFile } from "../files/fetch-file.js";
import { diskSink } from "../files/sinks.js";
import { unreadableExport } from "./export-file.js";

const magic = "PAR1";

/** A disk sink that refuses (before the rename) bytes that do not start and end with `PAR1`. */
export function parquetSink(
  target: string,
  where: { name: string; runPath: string; operation: string },
): FileSink<void> {
  const inner = diskSink(target);
  let head = "";
  let tail = new Uint8Array(0);
  return {
    ...inner,
    async open() {
      head = "";
      tail = new Uint8Array(0);
      await inner.open();
    },
    write(chunk) {
      if (head.length < magic.length)
        head += String.fromCharCode(...chunk.subarray(0, magic.length - head.length));
      const joined = new Uint8Array(Math.min(magic.length, tail.length + chunk.length));
      const keep = joined.length - Math.min(chunk.length, joined.length);
      joined.set(tail.subarray(tail.length - keep));
      joined.set(chunk.subarray(chunk.length - (joined.length - keep)), keep);
      tail = joined;
      return inner.write(chunk);
    },
    async close() {
      await inner.close();
      if (head !== magic || String.fromCharCode(...tail) !== magic) {
        throw unreadableExport(where, "not a Parquet file (no PAR1 at its start and end)");
      }
    },
  };
}

/** Fetches one export whole into `target` (size from the answer, Parquet checked). */
export function fetchExportFile(
  target: string,
  source: { name: string; runPath: string; url: string; refresh(): Promise<string> },
  policy: FetchPolicy,
  signal: AbortSignal | undefined,
): Promise<void> {
  return fetchFile(
    {
      file: source.name,
      owner: source.runPath,
      size: null,
      md5: null,
      url: source.url,
      refresh: source.refresh,
    },
    parquetSink(target, { name: source.name, runPath: source.runPath, operation: policy.operation }),
    policy,
    signal,
  );
}

/** The cache file of an object: its path without the signature, hashed, plus its size. */
export function cachePath(cacheDir: string, objectPath: string, size: number): string {
  const key = createHash("sha256").update(objectPath).digest("hex").slice(0, 40);
  return join(cacheDir, `${key}-${size}.parquet`);
}

/** Whether `path` is a file of `size` bytes. */
export async function isCached(path: string, size: number): Promise<boolean> {
  try {
    const found = await stat(path);
    return found.isFile() && found.size === size;
  } catch {
    return false;
  }
}
