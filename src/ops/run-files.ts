/** The files a run saved: `runFiles`, `readRunFile`, `downloadRunFiles`, `runMetadata`. */
import { FileNotFoundError, InvalidArgumentError, WandbResponseError } from "../errors.js";
import { type DownloadedFile, downloadInto, listOf } from "../files/download-files.js";
import { type FileSource, fetchFile } from "../files/fetch-file.js";
import { memorySink } from "../files/sinks.js";
import { fetchRunFiles, type RunFilesFilter } from "../loaders/artifact-requests.js";
import { contextOf, type Run, type RunContext } from "../run.js";
import { decodeFile } from "../wire/file-content.js";
import type { JsonObject, JsonValue } from "../wire/json.js";
import type { ListedRunFile, RunFile } from "../wire/run-files.js";
import {
  checkDownloadOptions,
  checkFileChoice,
  checkReadOptions,
  type DownloadRunFilesOptions,
  type ReadFileOptions,
} from "./file-options.js";
import { checkOptions, type OperationOptions } from "./operation-options.js";

/** Options of {@link runFiles}. */
export interface RunFilesOptions extends OperationOptions {
  /** Only these files. */
  names?: readonly string[] | undefined;
  /** Only files whose name matches this MySQL `LIKE` pattern (`%` any run, `_` one character), e.g. `%.json`. */
  pattern?: string | undefined;
}

/**
 * What {@link downloadRunFiles} did.
 *
 * @example
 * ```ts
 * const { files } = await downloadRunFiles(run, { dir: "./out", names: ["eval.json"] });
 * // [{ path: "eval.json", localPath: "/home/ci/out/eval.json", size: 87, status: "downloaded" }]
 * ```
 */
export interface RunFilesDownload {
  /** The folder, absolute. */
  dir: string;
  files: DownloadedFile[];
  /** Bytes fetched; files already present count nothing. */
  bytesDownloaded: number;
}

const metadataFile = "wandb-metadata.json";

function checkFilter(options: RunFilesOptions | DownloadRunFilesOptions, operation: string): RunFilesFilter {
  return checkFileChoice(options.names, options.pattern, "names", operation);
}

function publicFile(file: ListedRunFile): RunFile {
  return {
    name: file.name,
    size: file.size,
    md5: file.md5,
    mimetype: file.mimetype,
    updatedAt: file.updatedAt,
  };
}

/**
 * The files the run saved (`wandb.save`, `wandb-metadata.json`, `output.log`, media, …): all of
 * them, those `names`, or those matching `pattern` (MySQL `LIKE` syntax, as W&B takes it:
 * `"%.json"`). Each is `{ name, size, md5, mimetype, updatedAt }`. One request per 50 files.
 *
 * @param run - The W&B run.
 * @param options - `names` or `pattern`, and see {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example The JSON files a run wrote
 * ```ts
 * for (const file of await runFiles(run, { pattern: "%.json" })) console.log(file.name, file.size);
 * ```
 *
 * @see
 * - {@link readRunFile} - One file's content
 * - {@link downloadRunFiles} - Files to disk
 */
export async function runFiles(run: Run, options?: RunFilesOptions): Promise<RunFile[]> {
  const operation = "runFiles";
  const context = contextOf(run, operation);
  const checked = checkOptions(options, operation, ["names", "pattern"]);
  const files = await fetchRunFiles(context.transport, run, checkFilter(checked, operation), checked.signal);
  return files.map(publicFile);
}

/** A listed file as a download source: its W&B-host URL first, a fresh listing when it expires. */
function sourceOf(
  context: RunContext,
  run: Run,
  file: ListedRunFile,
  operation: string,
  signal?: AbortSignal,
): FileSource {
  return {
    file: file.name,
    owner: run.path,
    size: file.size,
    md5: file.md5,
    url: file.url ?? file.directUrl,
    refresh: async () => {
      const [again] = await fetchRunFiles(context.transport, run, { names: [file.name] }, signal);
      if (!again) throw notFound(run, file.name, operation);
      return again.url ?? again.directUrl;
    },
  };
}

function notFound(run: Run, name: string, operation: string): FileNotFoundError {
  return new FileNotFoundError(`run ${run.path} has no file ${JSON.stringify(name)}`, name, {
    operation,
    runPath: run.path,
  });
}

/**
 * One file the run saved, read into memory and verified against the MD5 W&B recorded: as parsed
 * JSON (`as: "json"`, bare `NaN` and `Infinity` accepted), UTF-8 text (`"text"`) or bytes
 * (`"bytes"`, the default). Its URL on the W&B host gets the API key; the redirect to storage does
 * not. A file larger than `maxBytes` (64 MiB) is refused: download it instead.
 *
 * @param run - The W&B run.
 * @param name - The file's name within the run, e.g. `"eval.json"`.
 * @param options - `as`, `maxBytes`, and see {@link run-operations!OperationOptions | OperationOptions}.
 * @returns The content; rejects with {@link errors!FileNotFoundError | FileNotFoundError} when the
 * run saved no such file.
 *
 * @example Read the evaluation report a run wrote
 * ```ts
 * const report = await readRunFile<{ accuracy: number }>(run, "eval.json", { as: "json" });
 * console.log(`accuracy ${report.accuracy}`);
 * ```
 *
 * @see
 * - {@link runFiles} - The names there are
 * - {@link runMetadata} - `wandb-metadata.json`, parsed
 */
export function readRunFile<T = JsonValue>(
  run: Run,
  name: string,
  options: ReadFileOptions & { as: "json" },
): Promise<T>;
export function readRunFile(
  run: Run,
  name: string,
  options: ReadFileOptions & { as: "text" },
): Promise<string>;
export function readRunFile(
  run: Run,
  name: string,
  options?: ReadFileOptions & { as?: "bytes" | undefined },
): Promise<Uint8Array>;
export async function readRunFile(
  run: Run,
  name: string,
  options?: ReadFileOptions,
): Promise<JsonValue | string | Uint8Array> {
  return readNamedFile(run, name, options, "readRunFile");
}

async function readNamedFile(
  run: Run,
  name: string,
  options: ReadFileOptions | undefined,
  operation: string,
): Promise<JsonValue | string | Uint8Array> {
  const context = contextOf(run, operation);
  const checked = checkReadOptions(options, operation);
  if (typeof name !== "string" || name === "") {
    throw new InvalidArgumentError(`${operation}: name must be a file's name within the run`, { operation });
  }
  const [file] = await fetchRunFiles(context.transport, run, { names: [name] }, checked.signal);
  if (!file || file.name !== name) throw notFound(run, name, operation);
  const source = sourceOf(context, run, file, operation, checked.signal);
  const sink = memorySink(checked.maxBytes, name, operation);
  const bytes = await fetchFile(source, sink, context.files.policy(operation), checked.signal);
  return decodeFile(bytes, checked.as, { file: name, owner: run.path, operation });
}

/**
 * Downloads the run's files into `dir` (all, those `names`, or those matching `pattern`), each at
 * its name below it, as {@link downloadArtifact} downloads: streamed `concurrency` at a time,
 * written under a temporary name and renamed once its MD5 matches, skipped when already there
 * with the right MD5, retried, refused before anything is written when a name would land outside
 * `dir`. One listing request per 50 files; the API key goes only to the W&B host.
 *
 * @param run - The W&B run.
 * @param options - `dir` (required), `names` or `pattern`, `concurrency` (default 8),
 * `onProgress`, and see {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example Keep a run's report next to a build
 * ```ts
 * await downloadRunFiles(run, { dir: "./out", names: ["eval.json"] });
 * ```
 *
 * @see
 * - {@link runFiles} - The files, without downloading
 * - {@link downloadArtifact} - An artifact version's files
 */
export async function downloadRunFiles(
  run: Run,
  options: DownloadRunFilesOptions,
): Promise<RunFilesDownload> {
  const operation = "downloadRunFiles";
  const context = contextOf(run, operation);
  const checked = checkDownloadOptions(options, operation, ["names", "pattern"]);
  const filter = checkFilter(checked, operation);
  let listed = await fetchRunFiles(context.transport, run, filter, checked.signal);
  if (filter.names) {
    // Held on this side too: a file the server adds to the listing is not written.
    const wanted = new Set(filter.names);
    listed = listed.filter((file) => wanted.has(file.name));
    const found = new Set(listed.map((file) => file.name));
    const missing = filter.names.filter((name) => !found.has(name));
    if (missing.length > 0) throw notFound(run, missing[0] as string, operation);
    // One file per name: a listing that repeats one would write it twice.
    listed = listed.filter((file) => found.delete(file.name));
  }
  const sources = listed.map((file) => sourceOf(context, run, file, operation, checked.signal));
  const settings = context.files.downloadRun(operation, checked);
  return downloadInto(checked.dir, `the files of run ${run.path}`, listOf(sources), settings);
}

/**
 * The run's `wandb-metadata.json` parsed: the environment W&B recorded when the run started
 * (`os`, `python`, `program`, `git: { remote, commit }`, `host`, `gpu`, `gpu_count`, `cpu_count`,
 * `args`, …; W&B's own field names), or `null` when the run saved none. Any other failure rejects,
 * as every operation does.
 *
 * @param run - The W&B run.
 * @param options - See {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example Which commit and GPU a run used
 * ```ts
 * const meta = await runMetadata(run);
 * if (meta) console.log(meta.git, meta.gpu);
 * ```
 *
 * @see
 * - {@link readRunFile} - Any other file
 * - {@link run-operations!runConfig | runConfig} - The run's hyperparameters
 */
export async function runMetadata(run: Run, options?: OperationOptions): Promise<JsonObject | null> {
  const operation = "runMetadata";
  checkOptions(options, operation);
  try {
    const value = await readNamedFile(run, metadataFile, { ...options, as: "json" }, operation);
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      !(value instanceof Uint8Array)
    ) {
      return value as JsonObject;
    }
    throw new WandbResponseError(`${metadataFile} of run ${run.path} is not a JSON object`, {
      operation,
      runPath: run.path,
      field: metadataFile,
    });
  } catch (error) {
    if (error instanceof FileNotFoundError && error.file === metadataFile) return null;
    throw error;
  }
}
