/** Options of the file reads and downloads, and their checks (before any request). */
import { InvalidArgumentError } from "../errors.js";
import type { DownloadProgress } from "../files/download-files.js";
import type { FileReadAs } from "../wire/file-content.js";
import { checkCount, checkNames, checkOptions, type OperationOptions } from "./operation-options.js";

/** Options of {@link readArtifactFile} and {@link readRunFile}. */
export interface ReadFileOptions extends OperationOptions {
  /** `"json"` (parsed, bare `NaN`/`Infinity` accepted), `"text"` (UTF-8) or `"bytes"` (default). */
  as?: FileReadAs | undefined;
  /** Refuse a file larger than this many bytes (it is read into memory). Default 64 MiB. */
  maxBytes?: number | undefined;
}

/** Options every download takes. */
export interface DownloadOptions extends OperationOptions {
  /** The folder to download into; made when missing. Files keep their paths below it. */
  dir: string;
  /** Files fetched at once. Default 8, at most 64. */
  concurrency?: number | undefined;
  /** Called as bytes arrive and as each file is done; what it throws is ignored. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /**
   * Replace a file already in `dir` whose bytes differ from W&B's. Default `false`: such a file
   * refuses the download before anything is written, with a {@link errors!LocalFileError |
   * LocalFileError} naming it. A file with the right MD5 is skipped either way.
   */
  overwrite?: boolean | undefined;
  /**
   * The most bytes accepted for a file whose size neither the manifest nor W&B's file record
   * gives; past it the download stops with a {@link errors!WandbResponseError | WandbResponseError}.
   * Default 1 GiB. Files of known size are held to that size.
   */
  maxBytes?: number | undefined;
}

/** Options of {@link downloadArtifact}. */
export interface DownloadArtifactOptions extends DownloadOptions {
  /** Only these paths of the artifact. Default every file. */
  paths?: readonly string[] | undefined;
  /** Only paths matching this MySQL `LIKE` pattern (`%` any run, `_` one character), e.g. `%.json`. */
  pattern?: string | undefined;
}

/** Options of {@link downloadRunFiles}. */
export interface DownloadRunFilesOptions extends DownloadOptions {
  /** Only these files. Default every file the run saved. */
  names?: readonly string[] | undefined;
  /** Only files whose name matches this MySQL `LIKE` pattern, e.g. `%.json`. Not with `names`. */
  pattern?: string | undefined;
}

const defaultMaxBytes = 64 * 1024 * 1024;
/** `maxBytes` of a download: the bound on a file of unknown size. */
export const defaultDownloadMaxBytes = 1024 * 1024 * 1024;
const defaultConcurrency = 8;
const maxConcurrency = 64;

/** Checked read options, with defaults. */
export function checkReadOptions(
  options: ReadFileOptions | undefined,
  operation: string,
): ReadFileOptions & { as: FileReadAs; maxBytes: number } {
  const checked = checkOptions(options, operation, ["as", "maxBytes"]);
  const as = checked.as ?? "bytes";
  if (as !== "json" && as !== "text" && as !== "bytes") {
    throw new InvalidArgumentError(`${operation}: as must be "json", "text" or "bytes"`, { operation });
  }
  return { ...checked, as, maxBytes: checkCount(checked.maxBytes, "maxBytes", operation, defaultMaxBytes) };
}

/** Checked download options, with defaults; `extra` names the operation's own options. */
export function checkDownloadOptions<T extends DownloadOptions>(
  options: T | undefined,
  operation: string,
  extra: readonly string[],
): T & { concurrency: number; overwrite: boolean; maxBytes: number } {
  if (options === undefined) {
    throw new InvalidArgumentError(`${operation}: options with a dir are required`, { operation });
  }
  const checked = checkOptions(options, operation, [
    "dir",
    "concurrency",
    "onProgress",
    "overwrite",
    "maxBytes",
    ...extra,
  ]);
  if (typeof checked.dir !== "string" || checked.dir.trim() === "") {
    throw new InvalidArgumentError(`${operation}: dir must be a non-empty path`, { operation });
  }
  const concurrency = checkCount(checked.concurrency, "concurrency", operation, defaultConcurrency);
  if (concurrency > maxConcurrency) {
    throw new InvalidArgumentError(`${operation}: concurrency must be at most ${maxConcurrency}`, {
      operation,
    });
  }
  if (checked.onProgress !== undefined && typeof checked.onProgress !== "function") {
    throw new InvalidArgumentError(`${operation}: onProgress must be a function`, { operation });
  }
  if (checked.overwrite !== undefined && typeof checked.overwrite !== "boolean") {
    throw new InvalidArgumentError(`${operation}: overwrite must be true or false`, { operation });
  }
  const maxBytes = checkCount(checked.maxBytes, "maxBytes", operation, defaultDownloadMaxBytes);
  return { ...checked, concurrency, overwrite: checked.overwrite === true, maxBytes };
}

/**
 * Which files: a list of names (the option `field`: `names`, `paths`) or a `LIKE` pattern (a
 * non-empty string), or neither for all. W&B's own client refuses both at once: what the server
 * does with the pair is not specified.
 */
export function checkFileChoice(
  names: unknown,
  pattern: unknown,
  field: string,
  operation: string,
): { names: string[] | undefined; pattern: string | undefined } {
  const checkedNames = checkNames(names, field, operation);
  if (pattern !== undefined && (typeof pattern !== "string" || pattern === "")) {
    throw new InvalidArgumentError(`${operation}: pattern must be a non-empty string such as "%.json"`, {
      operation,
    });
  }
  if (checkedNames && pattern) {
    throw new InvalidArgumentError(`${operation}: give ${field} or pattern, not both`, { operation });
  }
  return { names: checkedNames, pattern };
}
