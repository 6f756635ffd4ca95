/**
 * Many files to one folder: checked for escapes before anything is written, files already present
 * with the right digest left alone, the rest fetched `concurrency` at a time (memory stays at a
 * few chunks per file in flight, whatever the sizes), progress reported as bytes arrive. The
 * first file that fails for good stops the others and rejects the whole download; every file
 * finished before then stays, complete and verified.
 */
import { setMaxListeners } from "node:events";
import { dirname, resolve } from "node:path";
import { LocalFileError } from "../errors.js";
import { type FetchPolicy, type FileSource, fetchFile } from "./fetch-file.js";
import { isPresent } from "./local-digest.js";
import { LocalFolder, removeStaleTemps } from "./local-folder.js";
import { diskSink } from "./sinks.js";
import { targetPaths } from "./target-path.js";

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

/** One file to fetch, with its checked target. */
export interface DownloadJob {
  target: string;
  source: FileSource;
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
 * Downloads `sources` into `dir`, each to its `file` path below it. Before anything is written:
 * every path checked (one that escapes `dir`, or a file that another entry needs as a folder,
 * refuses the whole download), every target looked at without following a link (a link on the
 * way refuses), files already there with the right MD5 skipped, and files there with other bytes
 * refused unless `overwrite` (naming them). Then leftovers of earlier downloads that were killed
 * are removed from the folders about to be written, `beforeFetch` is given the rest (to fill
 * their URLs and sizes in bulk), and the rest fetched.
 *
 * @param what - Where the paths come from, for the escape message, e.g. `the manifest of acme/vision/model:v5`.
 */
export async function downloadInto(
  dir: string,
  what: string,
  sources: readonly FileSource[],
  run: DownloadRun,
  beforeFetch?: (missing: readonly FileSource[]) => Promise<void>,
): Promise<{ dir: string; files: DownloadedFile[]; bytesDownloaded: number }> {
  const targets = targetPaths(
    dir,
    sources.map((source) => source.file),
    what,
  );
  const folder = new LocalFolder(resolve(dir), run.policy.operation);
  const jobs = sources.map((source, i) => ({ source, target: targets[i] as string }));
  const present = await presentTargets(jobs, folder, run);
  const missing = jobs.filter((job) => !present.has(job));
  await removeLeftovers(missing, run.concurrency);
  if (missing.length > 0) await beforeFetch?.(missing.map((job) => job.source));
  for (const job of missing) if (job.source.size === null) job.source.maxBytes ??= run.maxBytes;
  const sizes = sources.map((source) => source.size);
  const bytesTotal = sizes.every((size) => size !== null)
    ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0)
    : null;
  const progress = new ProgressCounter(jobs.length, bytesTotal, run.onProgress);
  for (const job of present) progress.fileDone(job.source.file, job.source.size ?? 0);
  let bytesDownloaded = 0;
  await fetchAll(missing, folder, run, progress, (bytes) => {
    bytesDownloaded += bytes;
  });
  return {
    dir: folder.root,
    files: jobs.map((job) => ({
      path: job.source.file,
      localPath: job.target,
      size: job.source.size,
      status: present.has(job) ? "skipped" : "downloaded",
    })),
    bytesDownloaded,
  };
}

/** Files named in a refusal before "and N more". */
const shownRefusals = 5;

/**
 * The jobs whose target already holds the right bytes, checked `concurrency` at a time. A target
 * holding other bytes refuses the download (a {@link LocalFileError} naming it) unless `overwrite`.
 */
async function presentTargets(
  jobs: readonly DownloadJob[],
  folder: LocalFolder,
  run: DownloadRun,
): Promise<Set<DownloadJob>> {
  const present = new Set<DownloadJob>();
  const differing: DownloadJob[] = [];
  await runPool(jobs, run.concurrency, run.signal, async (job) => {
    const state = await folder.state(job.target, job.source.file);
    if (state.kind === "absent") return;
    if (await isPresent(job.target, job.source.size, job.source.md5)) present.add(job);
    else differing.push(job);
  });
  const first = differing[0];
  if (first && !run.overwrite) {
    const names = differing.slice(0, shownRefusals).map((job) => JSON.stringify(job.source.file));
    const more = differing.length > shownRefusals ? ` and ${differing.length - shownRefusals} more` : "";
    throw new LocalFileError(
      `${names.join(", ")}${more}: a different file is already at ${first.target}${differing.length > 1 ? " (and the others' places)" : ""}; nothing was downloaded. Pass overwrite: true (--force on the command line) to replace it`,
      first.source.file,
      first.target,
      "exists",
      { operation: run.policy.operation },
    );
  }
  return present;
}

/** Removes what killed downloads left in the folders these jobs write to, each folder once. */
async function removeLeftovers(jobs: readonly DownloadJob[], concurrency: number): Promise<void> {
  const folders = [...new Set(jobs.map((job) => dirname(job.target)))];
  await runPool(folders, concurrency, undefined, async (folder) => {
    await removeStaleTemps(folder);
  });
}

/** Fetches every job into its target; rejects with the first failure after the others stop. */
export async function fetchAll(
  jobs: readonly DownloadJob[],
  folder: LocalFolder,
  run: DownloadRun,
  progress: ProgressCounter,
  onBytes: (bytes: number) => void,
): Promise<void> {
  await runPool(jobs, run.concurrency, run.signal, async (job, signal) => {
    const policy: FetchPolicy = {
      ...run.policy,
      onBytes: (bytes) => {
        onBytes(bytes);
        progress.bytes(job.source.file, bytes);
      },
      onRetry: (bytes) => {
        onBytes(-bytes);
        progress.bytes(job.source.file, -bytes);
      },
    };
    const sink = diskSink(job.target, job.source.file, folder, run.policy.operation);
    await fetchFile(job.source, sink, policy, signal);
    progress.fileDone(job.source.file);
  });
}

/**
 * Runs `work` over `items`, at most `concurrency` at once. The first failure aborts the signal the
 * others get; the pool rejects with it once every started item has settled (so no temporary file
 * is left behind by a worker still running).
 */
export async function runPool<T>(
  items: readonly T[],
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
