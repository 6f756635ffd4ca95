/** Options of the file reads and downloads, and their checks (before any request). */
import { InvalidArgumentError } from "../errors.js";
import type { DownloadProgress } from "../files/download-files.js";
import type { FileReadAs } from "../wire/file-content.js";
import { checkCount, checkOptions, type OperationOptions } from "./operation-options.js";

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
): T & { concurrency: number } {
  if (options === undefined) {
    throw new InvalidArgumentError(`${operation}: options with a dir are required`, { operation });
  }
  const checked = checkOptions(options, operation, ["dir", "concurrency", "onProgress", ...extra]);
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
  return { ...checked, concurrency };
}

/** A list of names (`paths`, `names`): non-empty strings; undefined stays undefined. */
export function checkNames(value: unknown, name: string, operation: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item === "")) {
    throw new InvalidArgumentError(`${operation}: ${name} must be an array of non-empty strings`, {
      operation,
    });
  }
  return [...new Set(value as string[])];
}

/** A `LIKE` pattern: a non-empty string; undefined stays undefined. */
export function checkPattern(value: unknown, operation: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") {
    throw new InvalidArgumentError(`${operation}: pattern must be a non-empty string such as "%.json"`, {
      operation,
    });
  }
  return value;
}
