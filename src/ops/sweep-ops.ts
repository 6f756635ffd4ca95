/**
 * A sweep's own reads, as W&B's Python client has them (`api.sweep(path)`): its state and
 * configuration, its runs (every page), and its best run by the metric its configuration names.
 */
import { InvalidArgumentError, SweepNotFoundError } from "../errors.js";
import type { RunFilters } from "../filters.js";
import type { Run } from "../run.js";
import { type Sweep, sweepContextOf } from "../sweep.js";
import { readSweep } from "../wire/run-extras.js";
import { bestRunOrder, readSweepMetric, type SweepMetric } from "../wire/sweep-config.js";
import { checkOptions, type OperationOptions } from "./operation-options.js";
import type { RunQuery, RunQueryOptions } from "./run-query.js";

/**
 * A sweep as W&B keeps it.
 *
 * @example
 * ```ts
 * const info = await sweepInfo(wb.sweep("acme/vision/k3j2h1g0"));
 * // { id: "k3j2h1g0", path: "acme/vision/k3j2h1g0", state: "FINISHED", metric: { name: "val_loss", goal: "minimize" },
 * //   configYaml: "method: bayes\nmetric:\n  goal: minimize\n…", bestLoss: 0.1187 }
 * ```
 */
export interface SweepInfo {
  /** The sweep ID (GraphQL `Sweep.name`). */
  id: string;
  /** `entity/project/id`. */
  path: string;
  /** `RUNNING`, `PAUSED`, `FINISHED`, … (uppercase, as W&B reports it). */
  state: string;
  /** The sweep's configuration as W&B stores it: YAML text. */
  configYaml: string;
  /** The metric the configuration optimizes (`metric.name`, `metric.goal`); `null` when it names none. */
  metric: SweepMetric | null;
  /** The best value of the sweep's metric so far, when W&B tracks one. */
  bestLoss: number | null;
}

/** Options of {@link sweepBestRun}. */
export interface SweepBestRunOptions extends OperationOptions {
  /**
   * Rank by this run order instead of the sweep's metric, e.g. `"-summary_metrics.accuracy"`
   * (Python's `best_run(order=…)`).
   */
  order?: string | undefined;
}

/**
 * The sweep's state, configuration and metric. One request per project for every sweep asked in the
 * same tick (shared with `runSweep`), cached per client; rejects with
 * {@link errors!SweepNotFoundError | SweepNotFoundError} when W&B has no such sweep.
 *
 * @param sweep - The sweep, from `wb.sweep(path)`
 * @param options - `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example Is the Sweep Done?
 * ```ts
 * const { state, metric } = await sweepInfo(wb.sweep("acme/vision/k3j2h1g0"));
 * console.log(state, metric?.name, metric?.goal); // FINISHED val_loss minimize
 * ```
 *
 * @see
 * - {@link sweepBestRun} - For the run that did best by that metric
 */
export async function sweepInfo(sweep: Sweep, options?: OperationOptions): Promise<SweepInfo> {
  const context = sweepContextOf(sweep, "sweepInfo");
  const checked = checkOptions(options, "sweepInfo");
  const node = await context.sweeps.load(
    { entity: sweep.entity, project: sweep.project, name: sweep.id },
    checked,
  );
  if (node === null) throw new SweepNotFoundError(sweep.path, { operation: "sweepInfo" });
  const read = readSweep(sweep.id, node, { field: "sweep", operation: "sweepInfo" });
  const configYaml = read.configYaml ?? "";
  return {
    id: sweep.id,
    path: sweep.path,
    state: read.state ?? "",
    configYaml,
    metric: readSweepMetric(configYaml),
    bestLoss: read.bestLoss,
  };
}

/**
 * The sweep's runs, every page, as `client.runs()` lists them (`filters: { sweep: id }`, as W&B's
 * Python client asks): an async iterable with `toArray()` and `count()`. Your own `filters` are
 * joined with `$and`. Sends nothing until iterated.
 *
 * @param sweep - The sweep, from `wb.sweep(path)`
 * @param options - As for `client.runs()`: `filters`, `order` (default `"+created_at"`),
 * `pageSize`, `limit`, `signal`.
 *
 * @example Every Run of a Sweep
 * ```ts
 * for await (const run of sweepRuns(wb.sweep("acme/vision/k3j2h1g0"))) {
 *   console.log(run.id, await runState(run));
 * }
 * ```
 *
 * @see
 * - {@link sweepBestRun} - For the best one only
 */
export function sweepRuns(sweep: Sweep, options: RunQueryOptions = {}): RunQuery {
  const context = sweepContextOf(sweep, "sweepRuns");
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("sweepRuns: options must be an object", { operation: "sweepRuns" });
  }
  const own: RunFilters = { sweep: sweep.id };
  const filters: RunFilters = options.filters === undefined ? own : { $and: [own, options.filters] };
  return context.runs({ entity: sweep.entity, project: sweep.project }, { ...options, filters });
}

/**
 * The sweep's best run, as W&B's Python client's `Sweep.best_run()` finds it: the sweep's runs
 * ordered by the metric its configuration names (`summary_metrics.<name>`, ascending when the goal
 * is `minimize` or missing, descending otherwise), the first one. `null` when the sweep has no
 * runs. Two requests: the sweep (shared and cached, as {@link sweepInfo}) and one run.
 *
 * Where Python falls back to the newest run when the configuration names no metric, this rejects
 * with {@link errors!InvalidArgumentError | InvalidArgumentError} unless `order` says how to rank:
 * a "best" run picked by date would be a guess.
 *
 * @param sweep - The sweep, from `wb.sweep(path)`
 * @param options - `order`: rank by this run order instead, e.g. `"-summary_metrics.accuracy"`;
 * `signal` and `fresh`: see {@link OperationOptions}.
 *
 * @example The Best Run of a Sweep
 * ```ts
 * const best = await sweepBestRun(wb.sweep("acme/vision/k3j2h1g0"));
 * if (best) console.log(best.id, (await runSummary(best, { keys: ["val_loss"] })).val_loss);
 * ```
 *
 * @see
 * - {@link sweepInfo} - For the metric and goal it ranks by
 */
export async function sweepBestRun(sweep: Sweep, options?: SweepBestRunOptions): Promise<Run | null> {
  const context = sweepContextOf(sweep, "sweepBestRun");
  const checked = checkOptions(options, "sweepBestRun", ["order"]);
  let order = checked.order;
  if (order === undefined) {
    const { metric } = await sweepInfo(sweep, { signal: checked.signal, fresh: checked.fresh });
    if (metric === null) {
      throw new InvalidArgumentError(
        `sweepBestRun: the configuration of sweep ${sweep.path} names no metric to rank its runs by; ` +
          'pass { order }, e.g. { order: "-summary_metrics.accuracy" }',
        { operation: "sweepBestRun" },
      );
    }
    order = bestRunOrder(metric);
  }
  const query = context.runs(
    { entity: sweep.entity, project: sweep.project },
    { filters: { sweep: sweep.id }, order, limit: 1, pageSize: 1, signal: checked.signal },
  );
  const [best] = await query.toArray();
  return best ?? null;
}
