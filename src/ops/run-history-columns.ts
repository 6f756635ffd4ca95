/** A run's history as columns: `readRunHistoryColumns`. */
import { historyColumns, openHistory } from "../history/export-read.js";
import type { HistoryColumns } from "../history/history-columns.js";
import { contextOf, type Run } from "../run.js";
import { checkHistoryRead, type HistorySource } from "./history-options.js";
import { rejectThrown } from "./operation-options.js";

/** Options of {@link readRunHistoryColumns}. */
export interface ReadRunHistoryColumnsOptions {
  /** The keys to read, one column each; rows that hold none of them are left out. Default: every key. */
  keys?: readonly string[] | undefined;
  /** First step (inclusive). Default 0. */
  minStep?: number | undefined;
  /** Last step (exclusive). Default: the end of the history. */
  maxStep?: number | undefined;
  /** Where rows come from, as for {@link scanRunHistory}. Default `"auto"`. */
  source?: HistorySource | undefined;
  /**
   * A folder to keep the run's export files in, whole, between reads: each is downloaded once and
   * read locally after, keyed by its storage path and size (an export that grew is fetched again).
   * Default none: only the byte ranges needed are read, nothing is written.
   */
  cacheDir?: string | undefined;
  /** Steps per request where pages serve. Default 1000. */
  pageSize?: number | undefined;
  /** Rejects the call with the signal's reason when aborted. */
  signal?: AbortSignal | undefined;
}

/**
 * Every history row in `[minStep, maxStep)` as columns, for readers of whole histories: `steps`
 * (a `Float64Array`, rising, one entry per step) and one column per key. A column whose logged
 * values are all numbers is a `Float64Array` with a `present` `Uint8Array` (1 where the row logged
 * the key), so a missing value is not confused with a logged NaN; any other column is an array of
 * values, `undefined` where not logged. From the run's Parquet exports no row object is built: a
 * million rows cost a fraction of what {@link scanRunHistory} costs for them. Without exports
 * (or with `source: "pages"`) the rows come from pages and are gathered into the same columns.
 *
 * @param run - The W&B run to read history from
 * @param options - `keys`: the columns to read (default every key); `minStep`: first step,
 * inclusive (default 0); `maxStep`: last step, exclusive (default the end); `source`: `"auto"`
 * (default), `"exports"` or `"pages"`, as for {@link scanRunHistory}; `pageSize`: steps per
 * request where pages serve (default 1000); `signal`: rejects the call when aborted.
 *
 * @example Mean of a Metric
 * ```ts
 * const { steps, columns } = await readRunHistoryColumns(run, { keys: ["loss"] });
 * const loss = columns.loss;
 * let sum = 0;
 * let count = 0;
 * if (loss?.kind === "number") {
 *   for (let i = 0; i < steps.length; i++) {
 *     if (loss.present[i] && !Number.isNaN(loss.values[i])) {
 *       sum += loss.values[i] as number;
 *       count++;
 *     }
 *   }
 * }
 * ```
 *
 * @see
 * - {@link scanRunHistory} - The same rows as objects, streamed
 * - {@link downloadHistoryExports} - The export files themselves
 */
export function readRunHistoryColumns(
  run: Run,
  options?: ReadRunHistoryColumnsOptions,
): Promise<HistoryColumns> {
  return rejectThrown(async () => {
    const operation = "readRunHistoryColumns";
    const context = contextOf(run, operation);
    const read = checkHistoryRead(options, operation);
    const readContext = { transport: context.transport, policy: context.files.policy(operation) };
    if (read.keys?.length === 0) return { steps: new Float64Array(0), columns: {} };
    const history = await openHistory(readContext, run, run.path, read, operation);
    return historyColumns(readContext, history, read);
  });
}
