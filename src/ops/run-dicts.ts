/** A run's config and summary. */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { contextOf, type Run } from "../run.js";
import type { JsonValue } from "../wire/json.js";
import { checkSchema, validateWithSchema } from "../workflows/standard-schema.js";
import {
  checkKeys,
  checkOptions,
  rejectThrown,
  type SchemaOptions,
  type Validated,
} from "./operation-options.js";

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
 * const checked = await runConfig(run, { schema: trainConfigSchema }); // checked: see runConfig
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
 * With `schema`, any Standard Schema validator (zod, valibot, arktype, …), the config is checked
 * and typed as the schema's output; a mismatch rejects with
 * {@link errors!RunSchemaError | RunSchemaError}, which names the run and lists each issue with
 * its path. The validator runs in your process; the SDK ships none (see {@link SchemaOptions}).
 *
 * @typeParam T - the shape you expect without a `schema`; the SDK does not check it.
 * @typeParam S - the validator's type, inferred from `schema`.
 * @param run - The W&B run to extract configuration from
 * @param options - `keys`: top-level keys to fetch, projected on the server (default: the whole
 * config); `schema`: a Standard Schema validator the config must pass; `signal`: rejects this call
 * at once when aborted; `fresh`: ask the server even when the client's cache could answer.
 * @returns The config (the schema's output with `schema`); `{}` for a run without one.
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
 * // Or, key by key with paths into nested values and NaN equal to NaN: diffRuns(baseline, experiment)
 * ```
 *
 * @see
 * - {@link runSummary} - For accessing summary metrics
 * - {@link runHistory} - For accessing time-series data
 */
export function runConfig<
  T = ConfigDict,
  S extends StandardSchemaV1 | undefined = undefined,
  const K extends readonly string[] = readonly string[],
>(run: Run, options?: SchemaOptions<S> & { keys?: K | undefined }): Promise<Validated<DictOf<T, K>, S>> {
  return readDict(run, options, "config", "runConfig");
}

/**
 * What {@link runConfig} and {@link runSummary} return without a schema: with `keys` given as a
 * literal list (`keys: ["accuracy"]`), an object whose only keys are those (each optional: a run
 * may lack one), so `summary.acuracy` does not compile; otherwise `T` (the whole dict, or the
 * shape you named).
 */
export type DictOf<T, K extends readonly string[]> = string extends K[number]
  ? T
  : { [P in K[number]]?: JsonValue };

// Without a schema, the caller gets the loader's own promise: one promise per call.
function readDict<T, S extends StandardSchemaV1 | undefined>(
  run: Run,
  options: SchemaOptions<S> | undefined,
  section: "config" | "summary",
  operation: string,
): Promise<Validated<T, S>> {
  return rejectThrown(() => {
    const context = contextOf(run, operation);
    const checked = checkOptions(options, operation, ["keys", "schema"]);
    const keys = checkKeys(checked.keys, operation);
    const { schema } = checked;
    if (schema !== undefined) checkSchema(schema, operation);
    const value =
      keys?.length === 0
        ? Promise.resolve({})
        : section === "config"
          ? context.loader.config(run, keys, checked)
          : context.loader.summary(run, keys, checked);
    if (schema === undefined) return value as Promise<Validated<T, S>>;
    return value.then(
      (answer) =>
        validateWithSchema(schema, answer, section, run.path, operation) as Promise<Validated<T, S>>,
    );
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
 * With `schema`, any Standard Schema validator, the summary is checked and typed as the schema's
 * output; a mismatch rejects with {@link errors!RunSchemaError | RunSchemaError} (run named,
 * each issue with its path). Non-finite values arrive as numbers, so `z.number()` accepts `NaN`
 * only where the schema allows it (zod's does not).
 *
 * @typeParam T - the shape you expect without a `schema`; the SDK does not check it.
 * @typeParam S - the validator's type, inferred from `schema`.
 * @param run - The W&B run to extract summary from
 * @param options - `keys`: top-level keys to fetch, projected on the server (default: the whole
 * summary); `schema`: a Standard Schema validator the summary must pass; `signal`: rejects this
 * call at once when aborted; `fresh`: ask the server even when the client's cache could answer.
 * @returns The summary metrics (the schema's output with `schema`); `{}` for a run without any.
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
export function runSummary<
  T = SummaryDict,
  S extends StandardSchemaV1 | undefined = undefined,
  const K extends readonly string[] = readonly string[],
>(run: Run, options?: SchemaOptions<S> & { keys?: K | undefined }): Promise<Validated<DictOf<T, K>, S>> {
  return readDict(run, options, "summary", "runSummary");
}
