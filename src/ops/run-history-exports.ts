/** A run's Parquet history export files on disk: `downloadHistoryExports`. */
import { resolve } from "node:path";
import { IncompleteRunHistoryError, InvalidArgumentError } from "../errors.js";
import { ProgressCounter, runPool } from "../files/download-files.js";
import { fetchExportFile } from "../history/export-files-on-disk.js";
import { fetchExportList, objectPath, refreshedUrl } from "../history/export-list.js";
import { contextOf, type Run } from "../run.js";
import { checkDownloadOptions, type DownloadOptions } from "./file-options.js";
import { rejectThrown } from "./operation-options.js";

/** Options of {@link downloadHistoryExports}. */
export interface DownloadHistoryExportsOptions extends DownloadOptions {
  /**
   * Refuse, with {@link IncompleteRunHistoryError}, when some rows are not exported yet (the run
   * is probably still running). Default `true`, as W&B's Python client.
   */
  requireComplete?: boolean | undefined;
}

/** What {@link downloadHistoryExports} wrote. */
export interface HistoryExportsDownload {
  /** The export files written, absolute paths, one per export. */
  files: string[];
  /** Whether some rows are not exported yet (only with `requireComplete: false`). */
  incomplete: boolean;
}

/**
 * Writes the run's Parquet history export files into `dir`, as W&B's Python client's
 * `run.download_history_exports()` does: one file per export, named
 * `{entity}_{project}_{runId}_{i}.runhistory.parquet`, each written to a temporary file and renamed
 * once whole and Parquet (storage is asked without W&B credentials; an expired URL is asked of W&B
 * again). Read them with any Parquet reader (DuckDB, Polars, pandas). A run whose history is not
 * all exported yet is refused with {@link IncompleteRunHistoryError} unless `requireComplete` is
 * `false`; a run with no exports at all writes nothing.
 *
 * @param run - The W&B run whose history exports to download
 * @param options - `dir`: the folder to write into (made when missing); `requireComplete`: refuse
 * when rows remain unexported (default `true`); `concurrency`: files fetched at once (default 8);
 * `onProgress`: called as bytes arrive; `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example Download a Finished Run's History
 * ```ts
 * const { files } = await downloadHistoryExports(run, { dir: "exports" });
 * console.log(files); // ["/…/exports/acme_vision_1mbku38n_0.runhistory.parquet"]
 * ```
 *
 * @see
 * - {@link readRunHistoryColumns} - The same history read into columns, without files
 * - {@link scanRunHistory} - Rows, with `cacheDir` to keep the files between scans
 */
export function downloadHistoryExports(
  run: Run,
  options: DownloadHistoryExportsOptions,
): Promise<HistoryExportsDownload> {
  return rejectThrown(async () => {
    const operation = "downloadHistoryExports";
    const context = contextOf(run, operation);
    const checked = checkDownloadOptions(options, operation, ["requireComplete"]);
    const requireComplete = checked.requireComplete ?? true;
    if (typeof requireComplete !== "boolean") {
      throw new InvalidArgumentError(`${operation}: requireComplete must be true or false`, { operation });
    }
    const runPath = run.path;
    const list = await fetchExportList(context.transport, run, runPath, checked.signal);
    if (list === "unsupported") return { files: [], incomplete: true };
    if (requireComplete && list.liveRows > 0) {
      throw new IncompleteRunHistoryError(
        `${operation}: ${list.liveRows} history rows of run ${runPath} are not exported to Parquet yet, typically because the run is still running; pass requireComplete: false to take the files that exist`,
        list.liveRows,
        { operation, runPath },
      );
    }
    const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, "_");
    const prefix = `${safe(run.entity)}_${safe(run.project)}_${safe(run.id)}`;
    const jobs = list.urls.map((url, i) => ({
      url,
      name: `${prefix}_${i}.runhistory.parquet`,
      path: objectPath(url),
    }));
    const dir = resolve(checked.dir);
    const progress = new ProgressCounter(jobs.length, null, checked.onProgress);
    const base = context.files.policy(operation);
    await runPool(jobs, checked.concurrency, checked.signal, async (job, signal) => {
      const policy = {
        ...base,
        onBytes: (bytes: number) => progress.bytes(job.name, bytes),
        onRetry: (bytes: number) => progress.bytes(job.name, -bytes),
      };
      const where = { name: job.name, runPath, operation };
      const refresh = () => refreshedUrl(context.transport, run, runPath, job.path, signal, where);
      await fetchExportFile(
        resolve(dir, job.name),
        { name: job.name, runPath, url: job.url, refresh },
        policy,
        signal,
      );
      progress.fileDone(job.name);
    });
    return { files: jobs.map((job) => resolve(dir, job.name)), incomplete: list.liveRows > 0 };
  });
}
