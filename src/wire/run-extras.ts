/**
 * The rest of a run, read at the edge: its history keys (`historyKeys`), system-metric rows
 * (`events`) and its sweep. Past this module they are plain objects.
 */
import type { SweepFieldsFragment } from "../_generated/graphql.js";
import { WandbResponseError } from "../errors.js";
import {
  defineOwn,
  expectList,
  expectNumber,
  expectObject,
  expectString,
  type FieldSource,
  readJsonObject,
  within,
} from "./fields.js";
import type { JsonObject, JsonValue } from "./json.js";

/**
 * What W&B knows of one history key without reading the history.
 *
 * @example
 * ```ts
 * const { keys } = await runHistoryKeys(run);
 * keys.loss; // { types: [{ type: "number", count: 100 }], lastValue: 0.0871 }
 * ```
 */
export interface HistoryKeyInfo {
  /** How many rows held a value of each type: `number`, `string`, `bool`, `nil`, `map`, `list`, or a media `_type` such as `histogram`. */
  types: Array<{ type: string; count: number }>;
  /** The value logged last; absent when W&B did not say. */
  lastValue?: JsonValue;
  /** Whether the key only ever grew (`_step`); absent when W&B did not say. */
  monotonic?: boolean;
}

/**
 * A run's history keys and last step, from W&B's key index (no history is read).
 *
 * @example
 * ```ts
 * const { lastStep, keys } = await runHistoryKeys(run);
 * // lastStep: 99; keys: { _step: {…}, loss: {…}, "eval.f1": {…} }: nested keys dotted, as W&B indexes them
 * ```
 */
export interface HistoryKeys {
  /** The last `_step` logged; `null` when the run has no history. */
  lastStep: number | null;
  /** Per key: nested logged objects appear flattened with dots (`eval.f1`), as W&B indexes them. */
  keys: Record<string, HistoryKeyInfo>;
}

/**
 * One row of a run's system metrics, as W&B samples them (`events`): `_timestamp` (Unix seconds),
 * usually `_runtime`, and keys such as `system.cpu` or `system.gpu.0.gpu`.
 *
 * @example
 * ```ts
 * const rows: SystemMetricsRow[] = await runSystemHistory(run);
 * const peakGpu = rows.reduce((most, row) => Math.max(most, Number(row["system.gpu.0.gpu"] ?? 0)), 0);
 * ```
 */
export type SystemMetricsRow = { _timestamp: number } & { [key: string]: JsonValue };

/**
 * A run's sweep: its ID, state and configuration as W&B stores them.
 *
 * @example
 * ```ts
 * const sweep = await runSweep(run); // { name: "k3j2h1g0", state: "FINISHED", configYaml: "method: bayes\n…", bestLoss: 0.12 }
 * ```
 */
export interface RunSweep {
  /** The sweep ID (W&B's `Run.sweepName`, e.g. `"k3j2h1g0"`). */
  name: string;
  /** `RUNNING`, `PAUSED`, `FINISHED`, … (uppercase, as W&B reports it); `null` when W&B no longer has the sweep. */
  state: string | null;
  /** The sweep's configuration as W&B stores it: YAML text. `null` when W&B no longer has the sweep. */
  configYaml: string | null;
  /** The best value of the sweep's metric so far, when W&B tracks one. */
  bestLoss: number | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Reads `historyKeys`: `{lastStep, keys: {key: {typeCounts: [{type, count}], previousValue,
 * monotonic?}}}`, an inline object (text is read too, as some servers and stubs send it). Null
 * means no history. The string forms of NaN and Infinity in `previousValue` become numbers.
 */
export function readHistoryKeys(raw: unknown, source: FieldSource): HistoryKeys {
  const index = readJsonObject(raw, source, { specialStrings: true });
  const lastStep =
    typeof index.lastStep === "number" && Number.isFinite(index.lastStep) ? index.lastStep : null;
  const keys: Record<string, HistoryKeyInfo> = {};
  const wireKeys = index.keys ?? {};
  if (!isObject(wireKeys)) {
    throw new WandbResponseError(
      `cannot read field ${source.field} of run ${source.runPath}: keys is not an object`,
      {
        field: source.field,
        runPath: source.runPath,
        operation: source.operation,
      },
    );
  }
  for (const [key, entry] of Object.entries(wireKeys)) {
    if (!isObject(entry)) continue;
    const types = (Array.isArray(entry.typeCounts) ? entry.typeCounts : []).flatMap((count: unknown) =>
      isObject(count) && typeof count.type === "string" && typeof count.count === "number"
        ? [{ type: count.type, count: count.count }]
        : [],
    );
    const info: HistoryKeyInfo = { types };
    if (Object.hasOwn(entry, "previousValue")) info.lastValue = entry.previousValue as JsonValue;
    if (typeof entry.monotonic === "boolean") info.monotonic = entry.monotonic;
    defineOwn(keys as unknown as JsonObject, key, info as unknown as JsonValue);
  }
  return { lastStep, keys };
}

/**
 * Reads `events` rows (JSON text each) into rows sorted by `_timestamp`, with the summary rules
 * for NaN and Infinity. W&B's `_wandb: true` marker is dropped; rows without a numeric
 * `_timestamp` are not metric samples and are left out.
 */
export function readSystemRows(
  raw: readonly unknown[] | null | undefined,
  source: FieldSource,
): SystemMetricsRow[] {
  const rows: SystemMetricsRow[] = [];
  for (const item of raw === null || raw === undefined ? [] : expectList(raw, source)) {
    const row = readJsonObject(item, source, { specialStrings: true });
    if (typeof row._timestamp !== "number" || !Number.isFinite(row._timestamp)) continue;
    if (row._wandb === true) delete row._wandb;
    rows.push(row as SystemMetricsRow);
  }
  return rows.sort((a, b) => a._timestamp - b._timestamp);
}

/**
 * A sweep as `SweepFields` selects it; `null` (W&B has no such sweep) keeps only the name. A value
 * the schema promises that is missing or of the wrong kind throws WandbResponseError naming it.
 */
export function readSweep(
  name: string,
  node: SweepFieldsFragment | null | undefined,
  source: FieldSource = { field: "sweep" },
): RunSweep {
  if (node === null || node === undefined) return { name, state: null, configYaml: null, bestLoss: null };
  const sweep = expectObject(node, source);
  return {
    name: expectString(sweep.name, within(source, "name")),
    state: expectString(sweep.state, within(source, "state")),
    configYaml: expectString(sweep.config, within(source, "config")),
    bestLoss: sweep.bestLoss === null ? null : expectNumber(sweep.bestLoss, within(source, "bestLoss")),
  };
}
