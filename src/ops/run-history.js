/** A run's history: sampled (runHistory) or every row (scanRunHistory). */
import { InvalidArgumentError } from "../errors.js";
import { scanHistory } from "../loaders/history-scan.js";
import { contextOf } from "../run.js";
import { checkCount, checkKeys, checkOptions } from "./operation-options.js";
/**
 * The run's history as W&B samples it: at most `samples` rows (default 500), sorted by `_step`.
 * Rows are sparse (a key appears only in rows where it was logged); `_step` is always there.
 * Without `keys`, rows hold every key. With `keys`, a row is kept when it holds any of them, not
 * only when it holds all (W&B's `sampledHistory` keeps only rows with all of a spec's keys, so the
 * SDK asks one spec per key and joins them by step). Sampled means approximate: two calls may
 * pick different rows; use {@link scanRunHistory} for every row.
 *
 * @example
 * ```ts
 * const rows = await runHistory(run, { keys: ["loss", "val/acc"], samples: 200 });
 * const lastLoss = rows.findLast((row) => "loss" in row)?.loss;
 * ```
 */
export async function runHistory(run, options) {
    const context = contextOf(run, "runHistory");
    const checked = checkOptions(options, "runHistory", ["keys", "samples"]);
    const keys = checkKeys(checked.keys, "runHistory");
    const samples = checkCount(checked.samples, "samples", "runHistory", 500);
    if (keys?.length === 0)
        return [];
    return context.loader.history(run, { keys, samples }, checked);
}
/**
 * Every history row of the run, exactly, in `_step` order, fetched page by page as you iterate
 * (memory holds one page). Steps are read in windows of `pageSize`: a run that logs at sparse,
 * large step numbers costs one request per window, empty or not.
 *
 * @example
 * ```ts
 * let worst = -Infinity;
 * for await (const row of scanRunHistory(run, { keys: ["loss"] })) {
 *   if (typeof row.loss === "number") worst = Math.max(worst, row.loss);
 * }
 * ```
 */
export function scanRunHistory(run, options) {
    const operation = "scanRunHistory";
    const context = contextOf(run, operation);
    const checked = checkOptions(options, operation, [
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
    if (checked.maxStep !== undefined &&
        (!Number.isSafeInteger(checked.maxStep) || checked.maxStep < minStep)) {
        throw new InvalidArgumentError(`${operation}: maxStep must be a whole number >= minStep`, { operation });
    }
    return scanHistory(context.transport, run, run.path, {
        keys,
        pageSize,
        minStep,
        maxStep: checked.maxStep,
        signal: checked.signal,
    });
}
//# sourceMappingURL=run-history.js.map