/**
 * Where fetched bytes go. A file is written under a temporary name beside its target and renamed
 * once verified, so an interrupted or corrupt download never leaves a file that looks complete; a
 * read keeps at most `maxBytes` in memory.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import { WandbResponseError } from "../errors.js";
import type { FileSink } from "./fetch-file.js";
import { type LocalFolder, localFailure, tempPath } from "./local-folder.js";

/** Bytes a file's write stream buffers before the download waits for the disk. */
const writeBuffer = 1024 * 1024;

/**
 * Writes to a temporary file in `target`'s folder, renamed to `target` on commit. The folders on
 * the way are made and checked by `folder` (never through a symbolic link); the temporary file is
 * created anew (`wx`), never opened through whatever is there. Every failure of the disk is a
 * {@link LocalFileError} naming `file`, and leaves no temporary file.
 */
export function diskSink(
  target: string,
  file: string,
  folder: LocalFolder,
  operation: string,
): FileSink<void> {
  const temp = tempPath(dirname(target));
  let stream: WriteStream | undefined;
  let failed: Error | undefined;
  const fail = (error: unknown) => localFailure(error, file, target, operation);
  const removeTemp = () => rm(temp, { force: true }).catch(() => {});
  return {
    async open() {
      await folder.prepare(target, file);
      failed = undefined;
      const opened = createWriteStream(temp, { highWaterMark: writeBuffer, flags: "wx" });
      stream = opened;
      opened.on("error", (error) => {
        failed = error;
      });
      // A temporary file that cannot be made (a name the disk refuses) fails here, not later.
      await Promise.race([once(opened, "open"), once(opened, "error")]).catch((error: unknown) => {
        failed ??= error as Error;
      });
      if (failed) throw fail(failed);
    },
    write(chunk) {
      const open = stream as WriteStream;
      if (failed) throw fail(failed);
      if (open.write(chunk)) return undefined;
      // Waits for the disk; rejects when the stream fails meanwhile.
      return once(open, "drain").then(
        () => undefined,
        (error: unknown) => {
          throw fail(error);
        },
      );
    },
    async close() {
      const open = stream as WriteStream;
      stream = undefined;
      open.end();
      await finished(open).catch((error: unknown) => {
        failed ??= error as Error;
      });
      if (failed) throw fail(failed);
    },
    async discard() {
      // A stream still open (a failed attempt) is closed before its file is removed.
      const open = stream;
      stream = undefined;
      if (open && !open.destroyed) {
        open.end();
        await finished(open).catch(() => {});
      }
      await removeTemp();
    },
    async commit() {
      try {
        // Looked at again just before: a folder or a link put there meanwhile is refused, not replaced.
        await folder.prepare(target, file);
        await rename(temp, target);
      } catch (error) {
        await removeTemp();
        throw fail(error);
      }
    },
  };
}

/**
 * Collects the bytes in memory, refusing more than `maxBytes`. When the answer announces its size,
 * the bytes go straight into one buffer of that size (a 120 MB manifest costs 120 MB, not twice
 * that for its chunks and their copy); otherwise chunks are kept and joined at the end.
 */
export function memorySink(maxBytes: number, file: string, operation: string): FileSink<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let whole: Buffer | undefined;
  let size = 0;
  return {
    async open(announced) {
      chunks = [];
      size = 0;
      whole =
        typeof announced === "number" && announced > 0 && announced <= maxBytes
          ? Buffer.allocUnsafe(announced)
          : undefined;
    },
    write(chunk) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new WandbResponseError(
          `${file} is larger than maxBytes (${maxBytes} bytes); download it to disk instead`,
          { operation },
        );
      }
      if (whole && size <= whole.length) {
        whole.set(chunk, size - chunk.length);
        return undefined;
      }
      if (whole) {
        // More than announced (the reader stops such a body anyway): back to chunks.
        chunks.push(whole.subarray(0, size - chunk.length));
        whole = undefined;
      }
      chunks.push(chunk);
      return undefined;
    },
    async close() {},
    async discard() {
      chunks = [];
      whole = undefined;
      size = 0;
    },
    async commit() {
      const bytes = whole ? whole.subarray(0, size) : Buffer.concat(chunks, size);
      // The chunks go at once: for a large manifest they are as large as the bytes themselves.
      chunks = [];
      whole = undefined;
      return bytes;
    },
  };
}
