/**
 * What the client knows of each run: parsed fields, with enough bookkeeping to tell whether a
 * later call can be answered without asking the server again.
 */
import type { ArtifactVersion, UsedArtifactVersion } from "../wire/artifacts.js";
import { defineOwn } from "../wire/fields.js";
import type { HistoryRow } from "../wire/history.js";
import type { JsonObject, JsonValue } from "../wire/json.js";
import type { HistoryKeys, SystemMetricsRow } from "../wire/run-extras.js";
import type { LightFields } from "../wire/run-fields.js";

/** Field groups asked for whole or not at all, each one field of the run: see `flagGroups`. */
export type FlagGroup = "notes" | "systemMetrics" | "historyKeys";

/** The field groups a run operation can ask for. */
export type FieldGroup =
  | "light"
  | "config"
  | "summary"
  | "outputArtifacts"
  | "inputArtifacts"
  | "history"
  | "events"
  | FlagGroup;

/** The artifact connections of a run. */
export type ArtifactDirection = "outputArtifacts" | "inputArtifacts";

/**
 * A config or summary as far as it is known: the whole object, or the top-level keys fetched so
 * far. A key that was asked for and did not come back is known to be absent.
 */
export interface ProjectedObject {
  full: boolean;
  keys: ReadonlySet<string>;
  value: JsonObject;
}

/** A history request: the keys (undefined: every key, server-sampled) and the sample cap. */
export interface HistoryRequest {
  keys: readonly string[] | undefined;
  samples: number;
}

/** Everything known of one run. */
export interface RunRecord {
  light?: LightFields;
  config?: ProjectedObject;
  summary?: ProjectedObject;
  outputArtifacts?: ArtifactVersion[];
  inputArtifacts?: UsedArtifactVersion[];
  history?: Map<string, HistoryRow[]>;
  /** `Run.notes`, boxed so that a run without notes (`null`) reads apart from "not fetched". */
  notes?: { value: string | null };
  systemMetrics?: JsonObject;
  historyKeys?: HistoryKeys;
  /** System-metric rows per sample cap. */
  events?: Map<number, SystemMetricsRow[]>;
}

/**
 * Whether `keys` (undefined: the whole object) lie within what is known: `true` for the whole
 * object, a set for the top-level keys fetched so far, undefined for nothing.
 */
export function keysWithin(
  known: true | ReadonlySet<string> | undefined,
  keys: readonly string[] | undefined,
): boolean {
  if (known === true) return true;
  if (known === undefined || keys === undefined) return false;
  return keys.every((key) => known.has(key));
}

/** Whether `known` answers a request for `keys` (undefined: the whole object). */
export function coversKeys(known: ProjectedObject | undefined, keys: readonly string[] | undefined): boolean {
  return keysWithin(known?.full ? true : known?.keys, keys);
}

/** The answer for `keys` from what is known; a new object, so callers may change it freely. */
export function pickKeys(known: ProjectedObject, keys: readonly string[] | undefined): JsonObject {
  if (keys === undefined) return { ...known.value };
  const picked: JsonObject = {};
  for (const key of keys) {
    if (Object.hasOwn(known.value, key)) defineOwn(picked, key, known.value[key] as JsonValue);
  }
  return picked;
}

/**
 * Adds newly fetched knowledge to what was known: a whole object replaces everything; a
 * projection refreshes the keys it was asked for (present or, now, absent).
 */
export function mergeProjected(
  known: ProjectedObject | undefined,
  fetched: ProjectedObject,
): ProjectedObject {
  if (!known || fetched.full) return fetched;
  const value: JsonObject = { ...known.value };
  for (const key of fetched.keys) {
    if (Object.hasOwn(fetched.value, key)) defineOwn(value, key, fetched.value[key] as JsonValue);
    else delete value[key];
  }
  return {
    full: known.full,
    keys: known.full ? known.keys : new Set([...known.keys, ...fetched.keys]),
    value,
  };
}

/** The cache key of a history request. */
export function historyKey(request: HistoryRequest): string {
  return `${request.samples}|${request.keys ? JSON.stringify([...request.keys].sort()) : "*"}`;
}

/** Merges `fetched` into `record` (fields present in `fetched` win). */
export function mergeRecord(record: RunRecord, fetched: RunRecord): void {
  if (fetched.light) record.light = fetched.light;
  if (fetched.config) record.config = mergeProjected(record.config, fetched.config);
  if (fetched.summary) record.summary = mergeProjected(record.summary, fetched.summary);
  if (fetched.outputArtifacts) record.outputArtifacts = fetched.outputArtifacts;
  if (fetched.inputArtifacts) record.inputArtifacts = fetched.inputArtifacts;
  if (fetched.history) {
    record.history ??= new Map();
    for (const [key, rows] of fetched.history) record.history.set(key, rows);
  }
  if (fetched.notes) record.notes = fetched.notes;
  if (fetched.systemMetrics) record.systemMetrics = fetched.systemMetrics;
  if (fetched.historyKeys) record.historyKeys = fetched.historyKeys;
  if (fetched.events) {
    record.events ??= new Map();
    for (const [samples, rows] of fetched.events) record.events.set(samples, rows);
  }
}
