/**
 * Where fetched bytes go. A file is written under a temporary name beside its target and renamed
 * once verified, so an interrupted or corrupt download never leaves a file that looks complete; a
 * read keeps at most `maxBytes` in memory.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { WandbResponseError } from "../errors.js";
import type { FileSink } from "./fetch-file.js";

/** Bytes a file's write stream buffers before the download waits for the disk. */
const writeBuffer = 1024 * 1024;

/** Writes to a temporary file beside `target`, renamed to `target` on commit. */
export function diskSink(target: string): FileSink<void> {
  // Hidden, unique, and short enough that a long name plus the suffix stays a legal file name.
  const temp = join(
    dirname(target),
    `.${basename(target).slice(0, 180)}.${randomBytes(6).toString("hex")}.wandb-partial`,
  );
  let stream: WriteStream | undefined;
  let failed: Error | undefined;
  return {
    async open() {
      await mkdir(dirname(target), { recursive: true });
      failed = undefined;
      stream = createWriteStream(temp, { highWaterMark: writeBuffer });
      stream.on("error", (error) => {
        failed = error;
      });
    },
    write(chunk) {
      const open = stream as WriteStream;
      if (failed) throw failed;
      if (open.write(chunk)) return undefined;
      // Waits for the disk; rejects when the stream fails meanwhile.
      return once(open, "drain").then(() => undefined);
    },
    async close() {
      const open = stream as WriteStream;
      stream = undefined;
      open.end();
      await finished(open);
      if (failed) throw failed;
    },
    async discard() {
      // A stream still open (a failed attempt) is closed before its file is removed.
      const open = stream;
      stream = undefined;
      if (open && !open.destroyed) {
        open.end();
        await finished(open).catch(() => {});
      }
      await rm(temp, { force: true });
    },
    async commit() {
      await rename(temp, target);
    },
  };
}

/** Collects the bytes in memory, refusing more than `maxBytes`. */
export function memorySink(maxBytes: number, file: string, operation: string): FileSink<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let size = 0;
  return {
    async open() {
      chunks = [];
      size = 0;
    },
    write(chunk) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new WandbResponseError(
          `${file} is larger than maxBytes (${maxBytes} bytes); download it to disk instead`,
          { operation },
        );
      }
      chunks.push(chunk);
      return undefined;
    },
    async close() {},
    async discard() {
      chunks = [];
      size = 0;
    },
    async commit() {
      return Buffer.concat(chunks, size);
    },
  };
}
