/**
 * A file's bytes as the caller asked for them: the bytes, UTF-8 text, or JSON. JSON files are
 * read with the tolerant parser: W&B's Python users write them with `json.dump`, which puts bare
 * `NaN` and `Infinity` in by default, and plain `JSON.parse` refuses those.
 */
import { WandbResponseError } from "../errors.js";
import { type JsonValue, parseTolerantJson } from "./json.js";

/** How a file read returns its content. */
export type FileReadAs = "json" | "text" | "bytes";

/** The content of `bytes` as `as` says; a JSON file that does not parse is a WandbResponseError. */
export function decodeFile(
  bytes: Uint8Array,
  as: FileReadAs,
  source: { file: string; owner: string; operation: string },
): JsonValue | string | Uint8Array {
  if (as === "bytes") return bytes;
  // A byte-order mark is not text: editors on Windows write one, and JSON.parse refuses it.
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  if (as === "text") return text;
  try {
    return parseTolerantJson(text);
  } catch (error) {
    throw new WandbResponseError(
      `${source.file} of ${source.owner} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { operation: source.operation, field: source.file, cause: error },
    );
  }
}
