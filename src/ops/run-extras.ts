/**
 * The rest of a run, as W&B's Python client has it: notes, latest system metrics and their
 * history, the history key index and last step, the sweep. Each is a field group of the batch
 * document (sweepName rides with the light fields), so many runs in one tick cost one request per
 * 50 runs of a project, whatever mix of these and the other operations they ask for.
 */
import { contextOf, type Run } from "../run.js";
import type { JsonObject } from "../wire/json.js";
import { type HistoryKeys, type RunSweep, readSweep, type SystemMetricsRow } from "../wire/run-extras.js";
import { checkCount, checkOptions, type OperationOptions } from "./operation-options.js";

/** Options of {@link runSystemHistory}. */
export interface RunSystemHistoryOptions extends OperationOptions {
  /** At most this many rows, sampled by W&B over the run. Default 500. */
  samples?: number | undefined;
}

/**
 * The run's notes (the free text of its Overview page); `null` when it has none.
 *
 * @param run - The W&B run to read notes from
 * @param options - `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example Show Why a Run Exists
 * ```ts
 * const notes = (await runNotes(run)) ?? "(no notes)";
 * ```
 *
 * @see
 * - {@link runTags} - For the run's tags
 */
export async function runNotes(run: Run, options?: OperationOptions): Promise<string | null> {
  const context = contextOf(run, "runNotes");
  const checked = checkOptions(options, "runNotes");
  return (await context.loader.flag(run, "notes", checked)).value;
}

/**
 * The run's latest system metrics, as W&B keeps them (Python's `run.system_metrics`): flat keys
 * such as `system.cpu`, `system.memory`, `system.gpu.0.gpu`. `NaN` and `Infinity` come back as
 * numbers (W&B writes bare tokens, or their string forms); `{}` for a run without any.
 *
 * @param run - The W&B run to read system metrics from
 * @param options - `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example Check the GPU Was Used
 * ```ts
 * const metrics = await runSystemMetrics(run);
 * if (Number(metrics["system.gpu.0.gpu"] ?? 0) < 10) console.warn("GPU mostly idle");
 * ```
 *
 * @see
 * - {@link runSystemHistory} - For their history over the run
 */
export async function runSystemMetrics(run: Run, options?: OperationOptions): Promise<JsonObject> {
  const context = contextOf(run, "runSystemMetrics");
  const checked = checkOptions(options, "runSystemMetrics");
  return { ...(await context.loader.flag(run, "systemMetrics", checked)) };
}

/**
 * The run's system metrics over time, as W&B samples them (Python's
 * `run.history(stream="system")`, GraphQL `Run.events`): at most `samples` rows, sorted by
 * `_timestamp` (Unix seconds). These rows have no `_step`: system metrics are sampled on a clock,
 * not at `log` calls. W&B's `_wandb` marker is dropped.
 *
 * @param run - The W&B run to read system history from
 * @param options - `samples`: at most this many rows (default 500); `signal` and `fresh`: see
 * {@link OperationOptions}.
 *
 * @example Peak Memory of a Run
 * ```ts
 * const rows = await runSystemHistory(run, { samples: 200 });
 * const peak = rows.reduce((most, row) => Math.max(most, Number(row["system.memory"] ?? 0)), 0);
 * ```
 *
 * @see
 * - {@link runSystemMetrics} - For the latest values only
 * - {@link runHistory} - For the metrics the run logged
 */
export async function runSystemHistory(
  run: Run,
  options?: RunSystemHistoryOptions,
): Promise<SystemMetricsRow[]> {
  const context = contextOf(run, "runSystemHistory");
  const checked = checkOptions(options, "runSystemHistory", ["samples"]);
  const samples = checkCount(checked.samples, "samples", "runSystemHistory", 500);
  return context.loader.events(run, samples, checked);
}

/**
 * The run's history keys and last step, from W&B's key index, without reading any history
 * (Python's `run.lastHistoryStep`, and the keys it indexes): for each key, the types logged with
 * their counts and the last value. Nested logged objects appear flattened with dots
 * (`eval.f1`), as W&B indexes them. `lastStep` is `null` for a run without history (where Python
 * says -1).
 *
 * @param run - The W&B run to read history keys from
 * @param options - `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example Which Metrics Did a Run Log?
 * ```ts
 * const { lastStep, keys } = await runHistoryKeys(run);
 * const numeric = Object.keys(keys).filter((key) => keys[key]?.types.some((t) => t.type === "number"));
 * console.log(`${numeric.length} numeric keys up to step ${lastStep}`);
 * ```
 *
 * @see
 * - {@link runHistory} - For the rows themselves
 * - {@link scanRunHistory} - For every row
 */
export async function runHistoryKeys(run: Run, options?: OperationOptions): Promise<HistoryKeys> {
  const context = contextOf(run, "runHistoryKeys");
  const checked = checkOptions(options, "runHistoryKeys");
  return structuredClone(await context.loader.flag(run, "historyKeys", checked));
}

/**
 * The sweep the run belongs to: its ID, state, configuration (YAML text, as W&B stores it) and
 * best metric value; `null` when the run is in no sweep. A sweep W&B no longer has comes back
 * with its ID and `null` elsewhere.
 *
 * The run's sweep ID travels with its light fields (no request for a run a runs page yielded);
 * the sweeps themselves cost one more request per project for every sweep asked for in the tick,
 * and are cached like run fields.
 *
 * @param run - The W&B run to find the sweep of
 * @param options - `signal` and `fresh` (which also reads the sweep again): see
 * {@link OperationOptions}.
 *
 * @example Group Runs by Sweep
 * ```ts
 * const sweeps = await Promise.all(runs.map((run) => runSweep(run)));
 * const running = sweeps.filter((sweep) => sweep?.state === "RUNNING").length;
 * ```
 *
 * @see
 * - {@link runGroup} - W&B groups a sweep's runs as `sweep-<id>` in the UI
 */
export async function runSweep(run: Run, options?: OperationOptions): Promise<RunSweep | null> {
  const context = contextOf(run, "runSweep");
  const checked = checkOptions(options, "runSweep");
  const { sweepName } = await context.loader.light(run, checked, context.primed);
  if (!sweepName) return null;
  const sweep = await context.sweeps.load(
    { entity: run.entity, project: run.project, name: sweepName },
    checked,
  );
  return readSweep(sweepName, sweep, { field: "sweep", runPath: run.path, operation: "runSweep" });
}
