/**
 * Where fetched bytes go. A file is written under a temporary name beside its target and renamed
 * once verified, so an interrupted or corrupt download never leaves a file that looks complete; a
 * read keeps at most `maxBytes` in memory.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { WandbResponseError } from "../errors.js";
import type { FileSink } from "./fetch-file.js";

/** Writes to a temporary file beside `target`, renamed to `target` on commit. */
export function diskSink(target: string): FileSink<void> {
  // Hidden, unique, and short enough that a long name plus the suffix stays a legal file name.
  const temp = join(
    dirname(target),
    `.${basename(target).slice(0, 180)}.${randomBytes(6).toString("hex")}.wandb-partial`,
  );
  return {
    async write(chunks) {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(chunks, createWriteStream(temp, { flags: "w" }));
    },
    async discard() {
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
    async write(source) {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new WandbResponseError(
            `${file} is larger than maxBytes (${maxBytes} bytes); download it to disk instead`,
            { operation },
          );
        }
        chunks.push(chunk);
      }
    },
    async discard() {
      chunks = [];
      size = 0;
    },
    async commit() {
      return Buffer.concat(chunks, size);
    },
  };
}
