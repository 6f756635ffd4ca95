/**
 * W&B's `File` nodes, their shape checked: a run's files (`Run.files`) read into {@link RunFile}, and
 * an artifact version's files into their storage URLs.
 */
import {
  expectNumber,
  expectObject,
  expectOptionalString,
  expectString,
  type FieldSource,
  readOptionalTime,
  within,
} from "./fields.js";

/**
 * One file a run saved (`wandb.save`, `wandb-metadata.json`, `output.log`, media, …).
 *
 * @example
 * ```ts
 * const files = await runFiles(run, { pattern: "%.json" });
 * // [{ name: "eval.json", size: 87, md5: "q5dX0YDLMXPxS0VxUAflDQ==", mimetype: "application/json", updatedAt: Date }, …]
 * ```
 */
export interface RunFile {
  /** The file's name within the run, e.g. `"eval.json"`, `"media/images/a.png"`. */
  name: string;
  /** Bytes. */
  size: number;
  /** Base64 of the raw MD5, as W&B records it; `null` when it recorded none. */
  md5: string | null;
  mimetype: string | null;
  /** When W&B last saw it change; `null` when unknown. */
  updatedAt: Date | null;
}

/** @internal A listed file with the URLs the downloads use. */
export interface ListedRunFile extends RunFile {
  /** On the W&B host (redirects to storage); null when W&B gave none. */
  url: string | null;
  /** On the storage host (presigned). */
  directUrl: string;
}

/** A file's storage URL and what W&B recorded of it, as the downloads use it. */
export interface StoredFileUrl {
  /** Presigned, on the storage host. */
  url: string;
  /** Base64 MD5; null for a reference entry or when W&B recorded none. */
  md5: string | null;
  size: number;
}

/** Reads one node of an artifact version's `files` (name, directUrl, md5, sizeBytes). */
export function readStoredFileUrl(node: unknown, source: FieldSource): { name: string } & StoredFileUrl {
  const file = expectObject(node, source);
  return {
    name: expectString(file.name, within(source, "name")),
    url: expectString(file.directUrl, within(source, "directUrl")),
    md5: expectOptionalString(file.md5, within(source, "md5")),
    size: expectNumber(file.sizeBytes, within(source, "sizeBytes")),
  };
}

/** Reads one node of a run's `files`. */
export function readRunFile(node: unknown, source: FieldSource): ListedRunFile {
  const { name, url: directUrl, md5, size } = readStoredFileUrl(node, source);
  const file = node as Record<string, unknown>;
  return {
    name,
    size,
    md5,
    mimetype: expectOptionalString(file.mimetype, within(source, "mimetype")),
    updatedAt: readOptionalTime(file.updatedAt, within(source, "updatedAt")),
    url: expectOptionalString(file.url, within(source, "url")),
    directUrl,
  };
}
