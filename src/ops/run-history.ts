/** A run's history: sampled (runHistory) or every row (scanRunHistory). */
import { InvalidArgumentError } from "../errors.js";
import { type HistoryRead, historyRows, openHistory } from "../history/export-read.js";
import { contextOf, type Run, type RunContext } from "../run.js";
import type { HistoryRow } from "../wire/history.js";
import type { JsonValue } from "../wire/json.js";
import { checkHistoryRead, type HistorySource } from "./history-options.js";
import {
  checkCount,
  checkKeys,
  checkOptions,
  type OperationOptions,
  rejectThrown,
} from "./operation-options.js";

/** Options of {@link runHistory}. */
export interface RunHistoryOptions extends OperationOptions {
  /** Keep only rows that hold any of these keys, each with `_step` and those keys. */
  keys?: readonly string[] | undefined;
  /** At most this many rows. Default 500. */
  samples?: number | undefined;
  /**
   * The key to plot the others against (Python's `x_axis`), e.g. `"epoch"` or `"_runtime"`: every
   * row returned holds it, rows without it are left out. Default `"_step"`, which every row holds.
   */
  xAxis?: string | undefined;
}

/** Options of {@link scanRunHistory}. */
export interface ScanRunHistoryOptions {
  /** Keep only rows that hold any of these keys, each with `_step` and those keys. */
  keys?: readonly string[] | undefined;
  /** Steps per request. Default 1000. */
  pageSize?: number | undefined;
  /** First step (inclusive). Default 0. */
  minStep?: number | undefined;
  /** Last step (exclusive). Default: the run's last step + 1, read when the scan starts. */
  maxStep?: number | undefined;
  /** Stops the scan; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Where rows come from. `"auto"` (default): the run's Parquet history exports when it has
   * them (plus the rows not exported yet, from pages), else pages; `"exports"`: the exports, and
   * a {@link errors!NoHistoryExportsError | NoHistoryExportsError} when the run or the server has none; `"pages"`: windowed
   * pages only, as before exports existed.
   */
  source?: HistorySource | undefined;
  /**
   * A folder to keep the run's export files in, whole, between reads: each is downloaded once and
   * read locally after, keyed by its storage path and size (an export that grew is fetched again).
   * Default none: only the byte ranges needed are read, nothing is written.
   */
  cacheDir?: string | undefined;
}

/**
 * The run's history as W&B samples it: at most `samples` rows (default 500), sorted by `_step`.
 * Rows are sparse (a key appears only in rows where it was logged); `_step` is always there.
 * Without `keys`, rows hold every key. With `keys`, a row is kept when it holds any of them, not
 * only when it holds all (W&B's `sampledHistory` keeps only rows with all of a spec's keys, so the
 * SDK asks one spec per key and joins them by step). Sampled means approximate: two calls may
 * pick different rows; use {@link scanRunHistory} for every row.
 *
 * @param run - The W&B run to get history from
 * @param options - `keys`: keep only rows that hold any of these keys, each cut down to `_step`
 * and those keys (default: every key); `samples`: at most this many rows (default 500);
 * `xAxis`: every row also holds this key, rows without it are left out (Python's `x_axis`;
 * default `_step`); `signal`: rejects this call at once when aborted; `fresh`: ask the server
 * even when the client's cache could answer.
 *
 * @example Plot Against Epochs
 * ```ts
 * const rows = await runHistory(run, { keys: ["val/acc"], xAxis: "epoch" });
 * const points = rows.map((row) => [row.epoch, row["val/acc"]]);
 * ```
 *
 * @example Plot a Metric
 * ```ts
 * const rows = await runHistory(run, { keys: ["loss", "val/acc"], samples: 200 });
 * const lastLoss = rows.findLast((row) => "loss" in row)?.loss;
 * ```
 *
 * @see
 * - {@link scanRunHistory} - For every row, exactly
 * - {@link runSummary} - For final metrics
 */
export function runHistory<
  const K extends readonly string[] = readonly string[],
  const X extends string = "_step",
>(
  run: Run,
  options?: RunHistoryOptions & { keys?: K | undefined; xAxis?: X | undefined },
): Promise<Array<HistoryRowOf<K> & XAxisOf<X>>> {
  return rejectThrown((): Promise<Array<HistoryRowOf<K> & XAxisOf<X>>> => {
    const context = contextOf(run, "runHistory");
    const checked = checkOptions(options, "runHistory", ["keys", "samples", "xAxis"]);
    const keys = checkKeys(checked.keys, "runHistory");
    const samples = checkCount(checked.samples, "samples", "runHistory", 500);
    const { xAxis } = checked;
    if (xAxis !== undefined && (typeof xAxis !== "string" || xAxis === "")) {
      throw new InvalidArgumentError("runHistory: xAxis must be a non-empty key name", {
        operation: "runHistory",
      });
    }
    if (keys?.length === 0) return Promise.resolve([]);
    // Rows hold `_step`, the x axis and the keys asked for: the type says so, so a misspelled key
    // is an error.
    return context.loader.history(
      run,
      { keys, samples, xAxis: xAxis === "_step" ? undefined : xAxis },
      checked,
    ) as Promise<Array<HistoryRowOf<K> & XAxisOf<X>>>;
  });
}

/**
 * Every history row of the run, exactly, in `_step` order, fetched as you iterate. When the run
 * has Parquet history exports (W&B compacts a run's history into them), the exported rows are
 * read from those files over HTTP Range requests, without W&B credentials: only the columns of
 * `keys` and only the row groups whose steps meet the range (memory holds one row group); the
 * rows not exported yet come from pages, asked only from the first live step on, merged in
 * `_step` order with no step twice. Without exports (or on a server without them, noted once per
 * client) steps are read in windows of `pageSize` (memory holds one page): a run that logs at
 * sparse, large step numbers costs one request per window, empty or not. Rows are the same
 * either way. Each scan asks the server (rows are not cached unless `cacheDir` is given), and bad
 * options throw at once, before iterating.
 *
 * @param run - The W&B run to scan history from
 * @param options - `keys`: keep only rows that hold any of these keys, each cut down to `_step`
 * and those keys (default: every key); `pageSize`: steps per request (default 1000); `minStep`:
 * first step, inclusive (default 0); `maxStep`: last step, exclusive (default: the run's last
 * step + 1, read when the scan starts); `source`: `"auto"` (default), `"exports"` or `"pages"`;
 * `cacheDir`: a folder keeping whole export files between scans; `signal`: stops the scan, the
 * pending `next()` rejecting with the signal's reason.
 *
 * @example Find the Worst Loss
 * ```ts
 * let worst = -Infinity;
 * for await (const row of scanRunHistory(run, { keys: ["loss"] })) {
 *   if (typeof row.loss === "number") worst = Math.max(worst, row.loss);
 * }
 * ```
 *
 * @see
 * - {@link runHistory} - For a server-side sample, in one request
 * - {@link readRunHistoryColumns} - The same history as typed columns
 */
export function scanRunHistory<const K extends readonly string[] = readonly string[]>(
  run: Run,
  options?: ScanRunHistoryOptions & { keys?: K | undefined },
): AsyncIterable<HistoryRowOf<K>> {
  const operation = "scanRunHistory";
  const context = contextOf(run, operation);
  const read = checkHistoryRead(options, operation);
  return scanRows(context, run, read, operation) as AsyncIterable<HistoryRowOf<K>>;
}

async function* scanRows(
  context: RunContext,
  run: Run,
  read: HistoryRead,
  operation: string,
): AsyncGenerator<HistoryRow, void, undefined> {
  if (read.keys?.length === 0) return;
  const readContext = { transport: context.transport, policy: context.files.policy(operation) };
  const history = await openHistory(readContext, run, run.path, read, operation);
  yield* historyRows(readContext, history, read);
}

/**
 * A history row as {@link runHistory} and {@link scanRunHistory} return it: with `keys` given as
 * a literal list (`keys: ["loss", "acc"]`), `_step` and only those keys, so a misspelled key does
 * not compile; otherwise {@link HistoryRow}, any key.
 */
export type HistoryRowOf<K extends readonly string[]> = string extends K[number]
  ? HistoryRow
  : { _step: number } & { [P in K[number]]?: JsonValue };

/** The `xAxis` key of {@link runHistory}, which every row it returns holds. */
export type XAxisOf<X extends string> = string extends X ? unknown : { [P in X]: JsonValue };
