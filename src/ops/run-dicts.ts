/** A run's config and summary. */
import { contextOf, type Run } from "../run.js";
import type { JsonValue } from "../wire/json.js";
import { checkKeys, checkOptions, type KeysOptions, rejectThrown } from "./operation-options.js";

/**
 * A run's config: the user's hyperparameters, each `{value, desc}` entry unwrapped to its value,
 * nested values as logged.
 *
 * @example
 * ```ts
 * const config: ConfigDict = await runConfig(run);
 * // { learning_rate: 0.001, batch_size: 64, model: { name: "resnet50", depth: 50 } }
 * interface TrainConfig { learning_rate: number; batch_size: number }
 * const typed = await runConfig<TrainConfig>(run); // your shape, not checked by the SDK
 * ```
 */
export type ConfigDict = Record<string, JsonValue>;
/**
 * A run's summary metrics: final or best values, nested objects, `_type` media objects; numbers
 * include `NaN` and `±Infinity`.
 *
 * @example
 * ```ts
 * const summary: SummaryDict = await runSummary(run);
 * // { accuracy: 0.953, "train/loss": 0.087, eval: { f1: 0.94 }, grad_norm: NaN, _step: 99, … }
 * const loss = summary["train/loss"];
 * ```
 */
export type SummaryDict = Record<string, JsonValue>;

/**
 * The run's config: each top-level `{value, desc}` entry unwrapped to its value, W&B's internal
 * `_wandb` and `wandb_version` entries removed, nested values as logged. The strings `"NaN"` and
 * `"Infinity"` stay strings here; bare `NaN`/`Infinity` tokens become numbers.
 *
 * With `keys`, only those top-level keys are fetched (the server projects them); asking again for
 * a key not fetched yet fetches it.
 *
 * @typeParam T - the shape you expect; the SDK does not check it.
 * @param run - The W&B run to extract configuration from
 * @param options - `keys`: top-level keys to fetch, projected on the server (default: the whole
 * config); `signal`: rejects this call at once when aborted; `fresh`: ask the server even when the
 * client's cache could answer.
 * @returns The config; `{}` for a run without one.
 *
 * @example Basic Configuration Access
 * ```ts
 * const config = await runConfig(myRun);
 * console.log(config.learning_rate); // 0.001
 * console.log(config.batch_size);    // 32
 * ```
 *
 * @example Filtering Runs by Configuration
 * ```ts
 * // Find all runs with learning rate > 0.01
 * const configs = await Promise.all(runs.map((run) => runConfig<{ learning_rate: number }>(run)));
 * const highLRRuns = runs.filter((_, i) => configs[i].learning_rate > 0.01);
 * ```
 *
 * @example Comparing Configurations
 * ```ts
 * const [config1, config2] = await Promise.all([runConfig(baseline), runConfig(experiment)]);
 * const differences = Object.keys(config1).filter(
 *   (key) => JSON.stringify(config1[key]) !== JSON.stringify(config2[key]),
 * );
 * ```
 *
 * @see
 * - {@link runSummary} - For accessing summary metrics
 * - {@link runHistory} - For accessing time-series data
 */
export function runConfig<T = ConfigDict>(run: Run, options?: KeysOptions): Promise<T> {
  return rejectThrown(() => {
    const context = contextOf(run, "runConfig");
    const checked = checkOptions(options, "runConfig", ["keys"]);
    const keys = checkKeys(checked.keys, "runConfig");
    if (keys?.length === 0) return Promise.resolve({} as T);
    return context.loader.config(run, keys, checked) as Promise<T>;
  });
}

/**
 * The run's summary metrics: the final (or best) value of each metric. The top-level `_wandb`
 * entry is removed; `_step`, `_runtime` and `_timestamp` stay. Non-finite numbers come back as
 * numbers, whether W&B wrote bare `NaN`/`Infinity` or the strings `"NaN"`/`"Infinity"`. Rich
 * values (`{ _type: "histogram", … }`, tables, images) come back as the objects W&B stores.
 *
 * With `keys`, only those top-level keys are fetched (`summaryMetrics(keys:)`), which matters for
 * summaries of thousands of keys or large media objects.
 *
 * @typeParam T - the shape you expect; the SDK does not check it.
 * @param run - The W&B run to extract summary from
 * @param options - `keys`: top-level keys to fetch, projected on the server (default: the whole
 * summary); `signal`: rejects this call at once when aborted; `fresh`: ask the server even when
 * the client's cache could answer.
 * @returns The summary metrics; `{}` for a run without any.
 *
 * @example Accessing Final Metrics
 * ```ts
 * const summary = await runSummary(myRun);
 * console.log(`Final accuracy: ${summary.accuracy}`);
 * console.log(`Best validation loss: ${summary.best_val_loss}`);
 * console.log(`Training time: ${summary.training_time_seconds}`);
 * ```
 *
 * @example Finding Best Performing Run
 * ```ts
 * // A run without an accuracy ranks last (NaN compares false with everything).
 * const accuracy = (value: unknown) => (typeof value === "number" && !Number.isNaN(value) ? value : -Infinity);
 * const summaries = await Promise.all(runs.map((run) => runSummary(run, { keys: ["accuracy"] })));
 * let best = 0;
 * summaries.forEach((summary, i) => {
 *   if (accuracy(summary.accuracy) > accuracy(summaries[best].accuracy)) best = i;
 * });
 * const bestRun = runs[best];
 * ```
 *
 * @example Filtering by Performance Threshold
 * ```ts
 * const summaries = await Promise.all(runs.map((run) => runSummary<{ accuracy: number; val_loss: number }>(run)));
 * const goodRuns = runs.filter((_, i) => summaries[i].accuracy > 0.95 && summaries[i].val_loss < 0.1);
 * ```
 *
 * @see
 * - {@link runConfig} - For configuration parameters
 * - {@link runHistory} - For time-series metrics
 */
export function runSummary<T = SummaryDict>(run: Run, options?: KeysOptions): Promise<T> {
  return rejectThrown(() => {
    const context = contextOf(run, "runSummary");
    const checked = checkOptions(options, "runSummary", ["keys"]);
    const keys = checkKeys(checked.keys, "runSummary");
    if (keys?.length === 0) return Promise.resolve({} as T);
    return context.loader.summary(run, keys, checked) as Promise<T>;
  });
}
