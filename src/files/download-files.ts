/**
 * Many files to one folder: checked for escapes before anything is written, files already present
 * with the right digest left alone, the rest fetched `concurrency` at a time (memory stays at a
 * few chunks per file in flight, whatever the sizes), progress reported as bytes arrive. The
 * first file that fails for good stops the others and rejects the whole download; every file
 * finished before then stays, complete and verified.
 */
import { setMaxListeners } from "node:events";
import { resolve } from "node:path";
import { LocalFileError } from "../errors.js";
import { type FetchPolicy, type FileSource, fetchFile } from "./fetch-file.js";
import { isPresent } from "./local-digest.js";
import { LocalFolder, removeStaleTemps } from "./local-folder.js";
import { diskSink } from "./sinks.js";
import { checkTargets, targetOf } from "./target-path.js";

/**
 * How a download is going, reported as bytes arrive and as each file is done.
 *
 * @example
 * ```ts
 * await downloadArtifact(art, {
 *   dir: "./model",
 *   onProgress: (p) => console.log(`${p.filesDone}/${p.filesTotal} files, ${p.bytesDone} bytes`),
 * });
 * ```
 */
export interface DownloadProgress {
  /** The file the event is about (an artifact path or a run file name). */
  file: string;
  /** Bytes done so far, files already present included. */
  bytesDone: number;
  /** Bytes of every file of the download; `null` when a size is unknown. */
  bytesTotal: number | null;
  /** Files done (downloaded or already present). */
  filesDone: number;
  filesTotal: number;
}

/** One file of a finished download. */
export interface DownloadedFile {
  /** The artifact path or run file name. */
  path: string;
  /** Where it is on disk (absolute). */
  localPath: string;
  /** Bytes. */
  size: number | null;
  /** `downloaded`, or `skipped`: already there with the right digest. */
  status: "downloaded" | "skipped";
}

/**
 * The files of one download, by index: names, sizes and digests read from compact storage, and
 * each file's source made only when its turn comes, so a million files cost no million objects.
 */
export interface DownloadList {
  readonly count: number;
  /** The artifact path or run file name. */
  name(index: number): string;
  size(index: number): number | null;
  md5(index: number): string | null;
  /** How to fetch file `index`. */
  source(index: number): FileSource;
}

/** A list over sources already made (a run's files). */
export function listOf(sources: readonly FileSource[]): DownloadList {
  const at = (index: number) => sources[index] as FileSource;
  return {
    count: sources.length,
    name: (index) => at(index).file,
    size: (index) => at(index).size,
    md5: (index) => at(index).md5,
    source: at,
  };
}

/** What the downloads of one call share. */
export interface DownloadRun {
  policy: FetchPolicy;
  concurrency: number;
  /** Replace a file already there whose bytes differ (else refuse, naming it). */
  overwrite: boolean;
  /** The most bytes of a file whose size neither the manifest nor W&B's file record gives. */
  maxBytes: number;
  onProgress: ((progress: DownloadProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/** Progress over a set of files; every file counts, present ones included. */
export class ProgressCounter {
  private bytesDone = 0;
  private filesDone = 0;

  constructor(
    private readonly filesTotal: number,
    private readonly bytesTotal: number | null,
    private readonly listener: ((progress: DownloadProgress) => void) | undefined,
  ) {}

  bytes(file: string, bytes: number): void {
    this.bytesDone += bytes;
    this.report(file);
  }

  fileDone(file: string, bytesIfSkipped = 0): void {
    this.bytesDone += bytesIfSkipped;
    this.filesDone++;
    this.report(file);
  }

  private report(file: string): void {
    if (!this.listener) return;
    try {
      this.listener({
        file,
        bytesDone: this.bytesDone,
        bytesTotal: this.bytesTotal,
        filesDone: this.filesDone,
        filesTotal: this.filesTotal,
      });
    } catch {
      // A progress bar must not turn a good download into a failure.
    }
  }
}

/**
 * Downloads the files of `list` into `dir`, each to its name below it. Before anything is written:
 * every name checked (one that escapes `dir`, or a file that another entry needs as a folder,
 * refuses the whole download), every target looked at without following a link (a link on the
 * way refuses), files already there with the right MD5 skipped, and files there with other bytes
 * refused unless `overwrite` (naming them). Then leftovers of earlier downloads that were killed
 * are removed from the folders about to be written, `beforeFetch` is given the indexes of the rest
 * (to fill their URLs in bulk), and the rest fetched.
 *
 * @param what - Where the paths come from, for the escape message, e.g. `the manifest of acme/vision/model:v5`.
 */
export async function downloadInto(
  dir: string,
  what: string,
  list: DownloadList,
  run: DownloadRun,
  beforeFetch?: (missing: Uint32Array) => Promise<void>,
): Promise<{ dir: string; files: DownloadedFile[]; bytesDownloaded: number }> {
  const root = resolve(dir);
  checkTargets(root, list.count, (index) => list.name(index), what);
  const folder = new LocalFolder(root, run.policy.operation);
  const present = await presentTargets(list, folder, run);
  let missingCount = 0;
  for (let index = 0; index < list.count; index++) if (!present[index]) missingCount++;
  const missing = new Uint32Array(missingCount);
  for (let index = 0, at = 0; index < list.count; index++) if (!present[index]) missing[at++] = index;
  await removeLeftovers(root, list, missing, run.concurrency);
  if (missing.length > 0) await beforeFetch?.(missing);
  let bytesTotal: number | null = 0;
  for (let index = 0; index < list.count && bytesTotal !== null; index++) {
    const size = list.size(index);
    bytesTotal = size === null ? null : bytesTotal + size;
  }
  const progress = new ProgressCounter(list.count, bytesTotal, run.onProgress);
  for (let index = 0; index < list.count; index++) {
    if (present[index]) progress.fileDone(list.name(index), list.size(index) ?? 0);
  }
  let bytesDownloaded = 0;
  await fetchAll(root, list, missing, folder, run, progress, (bytes) => {
    bytesDownloaded += bytes;
  });
  return {
    dir: root,
    files: Array.from({ length: list.count }, (_, index) => ({
      path: list.name(index),
      localPath: targetOf(root, list.name(index)),
      size: list.size(index),
      status: present[index] ? "skipped" : "downloaded",
    })),
    bytesDownloaded,
  };
}

/** Files named in a refusal before "and N more". */
const shownRefusals = 5;

/**
 * Which files' targets already hold the right bytes (1 at their index), checked `concurrency` at
 * a time. A target holding other bytes refuses the download (a {@link LocalFileError} naming it)
 * unless `overwrite`.
 */
async function presentTargets(
  list: DownloadList,
  folder: LocalFolder,
  run: DownloadRun,
): Promise<Uint8Array> {
  const present = new Uint8Array(list.count);
  const differing: number[] = [];
  const indexes = Array.from({ length: list.count }, (_, index) => index);
  await runPool(indexes, run.concurrency, run.signal, async (index) => {
    const name = list.name(index);
    const target = targetOf(folder.root, name);
    const state = await folder.state(target, name);
    if (state.kind === "absent") return;
    if (await isPresent(target, list.size(index), list.md5(index))) present[index] = 1;
    else differing.push(index);
  });
  const first = differing[0];
  if (first !== undefined && !run.overwrite) {
    const names = differing.slice(0, shownRefusals).map((index) => JSON.stringify(list.name(index)));
    const more = differing.length > shownRefusals ? ` and ${differing.length - shownRefusals} more` : "";
    const target = targetOf(folder.root, list.name(first));
    throw new LocalFileError(
      `${names.join(", ")}${more}: a different file is already at ${target}${differing.length > 1 ? " (and the others' places)" : ""}; nothing was downloaded. Pass overwrite: true (--force on the command line) to replace it`,
      list.name(first),
      target,
      "exists",
      { operation: run.policy.operation },
    );
  }
  return present;
}

/** Removes what killed downloads left in the folders the `missing` files go to, each folder once. */
async function removeLeftovers(
  root: string,
  list: DownloadList,
  missing: Uint32Array,
  concurrency: number,
): Promise<void> {
  // Folders as the names give them (`a/b` of `a/b/c.txt`): cheap slices, each folder once.
  const folders = new Set<string>();
  for (const index of missing) {
    const name = list.name(index);
    folders.add(name.slice(0, Math.max(0, name.lastIndexOf("/"))));
  }
  await runPool([...folders], concurrency, undefined, async (folder) => {
    await removeStaleTemps(folder === "" ? root : targetOf(root, folder));
  });
}

/** Fetches every `missing` file into its target; rejects with the first failure after the others stop. */
async function fetchAll(
  root: string,
  list: DownloadList,
  missing: Uint32Array,
  folder: LocalFolder,
  run: DownloadRun,
  progress: ProgressCounter,
  onBytes: (bytes: number) => void,
): Promise<void> {
  await runPool(missing, run.concurrency, run.signal, async (index, signal) => {
    const source = list.source(index);
    if (source.size === null) source.maxBytes ??= run.maxBytes;
    const policy: FetchPolicy = {
      ...run.policy,
      onBytes: (bytes) => {
        onBytes(bytes);
        progress.bytes(source.file, bytes);
      },
      onRetry: (bytes) => {
        onBytes(-bytes);
        progress.bytes(source.file, -bytes);
      },
    };
    const target = targetOf(root, source.file);
    const sink = diskSink(target, source.file, folder, run.policy.operation);
    await fetchFile(source, sink, policy, signal);
    progress.fileDone(source.file);
  });
}

/**
 * Runs `work` over `items`, at most `concurrency` at once. The first failure aborts the signal the
 * others get; the pool rejects with it once every started item has settled (so no temporary file
 * is left behind by a worker still running).
 */
export async function runPool<T>(
  items: ArrayLike<T>,
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  // Every worker's attempt listens on it: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(concurrency + 10, controller.signal);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) throw signal.reason;
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !controller.signal.aborted) {
      const item = items[next++] as T;
      try {
        await work(item, controller.signal);
      } catch (error) {
        failure ??= { error: signal?.aborted ? signal.reason : error };
        controller.abort(failure.error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  if (failure) throw failure.error;
  if (signal?.aborted) throw signal.reason;
}
