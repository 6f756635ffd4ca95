/** A run's history: sampled (runHistory) or every row (scanRunHistory). */
import { InvalidArgumentError } from "../errors.js";
import { scanHistory } from "../loaders/history-scan.js";
import { contextOf, type Run } from "../run.js";
import type { HistoryRow } from "../wire/history.js";
import type { JsonValue } from "../wire/json.js";
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
 * `signal`: rejects this call at once when aborted; `fresh`: ask the server even when the
 * client's cache could answer.
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
export function runHistory<const K extends readonly string[] = readonly string[]>(
  run: Run,
  options?: RunHistoryOptions & { keys?: K | undefined },
): Promise<Array<HistoryRowOf<K>>> {
  return rejectThrown((): Promise<Array<HistoryRowOf<K>>> => {
    const context = contextOf(run, "runHistory");
    const checked = checkOptions(options, "runHistory", ["keys", "samples"]);
    const keys = checkKeys(checked.keys, "runHistory");
    const samples = checkCount(checked.samples, "samples", "runHistory", 500);
    if (keys?.length === 0) return Promise.resolve([]);
    // Rows hold `_step` and the keys asked for: the type says so, so a misspelled key is an error.
    return context.loader.history(run, { keys, samples }, checked) as Promise<Array<HistoryRowOf<K>>>;
  });
}

/**
 * Every history row of the run, exactly, in `_step` order, fetched page by page as you iterate
 * (memory holds one page). Steps are read in windows of `pageSize`: a run that logs at sparse,
 * large step numbers costs one request per window, empty or not. Each scan asks the server
 * (rows are not cached), and bad options throw at once, before iterating.
 *
 * @param run - The W&B run to scan history from
 * @param options - `keys`: keep only rows that hold any of these keys, each cut down to `_step`
 * and those keys (default: every key); `pageSize`: steps per request (default 1000); `minStep`:
 * first step, inclusive (default 0); `maxStep`: last step, exclusive (default: the run's last
 * step + 1, read when the scan starts); `signal`: stops the scan, the pending `next()` rejecting
 * with the signal's reason.
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
 */
export function scanRunHistory<const K extends readonly string[] = readonly string[]>(
  run: Run,
  options?: ScanRunHistoryOptions & { keys?: K | undefined },
): AsyncIterable<HistoryRowOf<K>> {
  const operation = "scanRunHistory";
  const context = contextOf(run, operation);
  const checked = checkOptions(options as ScanRunHistoryOptions & { fresh?: undefined }, operation, [
    "keys",
    "pageSize",
    "minStep",
    "maxStep",
  ]);
  const keys = checkKeys(checked.keys, operation);
  const pageSize = checkCount(checked.pageSize, "pageSize", operation, 1000);
  const minStep = checked.minStep ?? 0;
  if (!Number.isSafeInteger(minStep) || minStep < 0) {
    throw new InvalidArgumentError(`${operation}: minStep must be a whole number >= 0`, { operation });
  }
  if (
    checked.maxStep !== undefined &&
    (!Number.isSafeInteger(checked.maxStep) || checked.maxStep < minStep)
  ) {
    throw new InvalidArgumentError(`${operation}: maxStep must be a whole number >= minStep`, { operation });
  }
  return scanHistory(context.transport, run, run.path, {
    keys,
    pageSize,
    minStep,
    maxStep: checked.maxStep,
    signal: checked.signal,
  }) as AsyncIterable<HistoryRowOf<K>>;
}

/**
 * A history row as {@link runHistory} and {@link scanRunHistory} return it: with `keys` given as
 * a literal list (`keys: ["loss", "acc"]`), `_step` and only those keys, so a misspelled key does
 * not compile; otherwise {@link HistoryRow}, any key.
 */
export type HistoryRowOf<K extends readonly string[]> = string extends K[number]
  ? HistoryRow
  : { _step: number } & { [P in K[number]]?: JsonValue };
