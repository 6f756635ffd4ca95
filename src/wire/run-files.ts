/** A run's files as W&B lists them (`Run.files`), read into {@link RunFile}. */
import type { RunFilesQuery } from "../_generated/graphql.js";
import { readOptionalTime } from "./fields.js";

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

type FileNode = NonNullable<
  NonNullable<NonNullable<NonNullable<RunFilesQuery["project"]>["run"]>["files"]>["edges"][number]["node"]
>;

/** Reads one listed file. */
export function readRunFile(node: FileNode, runPath: string, operation: string): ListedRunFile {
  return {
    name: node.name,
    size: node.sizeBytes,
    md5: node.md5,
    mimetype: node.mimetype,
    updatedAt: readOptionalTime(node.updatedAt, { field: "file.updatedAt", runPath, operation }),
    url: node.url,
    directUrl: node.directUrl,
  };
}
