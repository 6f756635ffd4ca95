/** History rows: JSONString rows, sampledHistory results, and how they become one sorted list. */
import { defineOwn, expectList, readJsonObject } from "./fields.js";
import type { JsonObject, JsonValue } from "./json.js";

/**
 * One history row: `_step` always, other keys only where they were logged (rows are sparse).
 *
 * @example
 * ```ts
 * const rows: HistoryRow[] = await runHistory(run, { keys: ["loss", "val/acc"] });
 * // [{ _step: 0, loss: 2.31, "val/acc": 0.11 }, { _step: 1, loss: 1.9 }, …]
 * const evaluated = rows.filter((row) => "val/acc" in row);
 * ```
 */
export type HistoryRow = { _step: number } & { [key: string]: JsonValue };

function hasStep(row: JsonObject): row is HistoryRow {
  return typeof row._step === "number" && Number.isFinite(row._step);
}

/**
 * Parses `history` rows (JSONString each) with the summary rules: bare tokens and the string forms
 * of NaN and Infinity become numbers. Rows without a numeric `_step` are not history rows (W&B
 * writes one in every row) and are left out.
 */
export function readHistoryRows(
  raw: readonly unknown[] | null | undefined,
  runPath: string,
  operation: string,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const source = { field: "history", runPath, operation };
  for (const item of raw === null || raw === undefined ? [] : expectList(raw, source)) {
    const row = readJsonObject(item, source, { specialStrings: true });
    if (hasStep(row)) rows.push(row);
  }
  return rows;
}

/**
 * One spec of `sampledHistory`: `_step` and one key, as W&B's Weave sends them, and the x-axis key
 * when it is not `_step` (W&B's Python client puts `x_axis` first in its spec's keys).
 */
export interface SampledSpec {
  key: string;
  samples: number;
  xAxis?: string | undefined;
}

/** The JSONString W&B expects for a spec. */
export function specText(spec: SampledSpec): string {
  const keys = [...new Set(["_step", spec.xAxis ?? "_step", spec.key])];
  return JSON.stringify({ keys, samples: spec.samples });
}

/**
 * The rows of one `sampledHistory` spec: inline objects on W&B, JSON text read too; a row without
 * a numeric `_step` is left out. Sorted by `_step`.
 */
export function readSampledRows(
  items: readonly unknown[] | null | undefined,
  runPath: string,
  operation: string,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const item of items ?? []) {
    const row = readJsonObject(
      // readJsonObject leaves an inline row as W&B sent it: no copy is needed to keep the answer intact.
      item === null || Array.isArray(item) ? null : item,
      { field: "sampledHistory", runPath, operation },
      { specialStrings: true },
    );
    if (hasStep(row)) rows.push(row);
  }
  return sortByStep(rows);
}

/**
 * Joins the rows of one spec per key into rows that hold any of the keys: sampledHistory keeps
 * only rows holding all of a spec's keys, so one spec with several keys would lose every row where
 * one of them was not logged. Every row returned is a new object.
 */
export function zipRows(perKey: ReadonlyArray<readonly HistoryRow[]>): HistoryRow[] {
  const byStep = new Map<number, HistoryRow>();
  for (const rows of perKey) {
    for (const row of rows) {
      // Spread, not Object.assign: a row may hold an own "__proto__" key, which assigning would
      // turn into the row's prototype.
      const existing = byStep.get(row._step);
      byStep.set(row._step, existing ? { ...existing, ...row } : { ...row });
    }
  }
  return sortByStep([...byStep.values()]);
}

/** {@link zipRows} over the raw answers of one spec per key. */
export function zipSampledRows(
  perKey: ReadonlyArray<readonly unknown[] | null | undefined>,
  runPath: string,
  operation: string,
): HistoryRow[] {
  return zipRows(perKey.map((items) => readSampledRows(items, runPath, operation)));
}

/** Rows in `_step` order. */
export function sortByStep(rows: HistoryRow[]): HistoryRow[] {
  return rows.sort((a, b) => a._step - b._step);
}

/** At most `samples` rows, spread evenly, first and last kept. */
export function downsample(rows: HistoryRow[], samples: number): HistoryRow[] {
  if (rows.length <= samples) return rows;
  if (samples === 1) return [rows[rows.length - 1] as HistoryRow];
  const picked: HistoryRow[] = [];
  const stride = (rows.length - 1) / (samples - 1);
  for (let i = 0; i < samples; i++) picked.push(rows[Math.round(i * stride)] as HistoryRow);
  return picked;
}

/** Keeps the rows that hold any of `keys`, each cut down to `_step` and those keys. */
export function projectRows(rows: readonly HistoryRow[], keys: readonly string[]): HistoryRow[] {
  const projected: HistoryRow[] = [];
  for (const row of rows) {
    let kept: HistoryRow | undefined;
    for (const key of keys) {
      if (Object.hasOwn(row, key)) {
        kept ??= { _step: row._step };
        // A key named "__proto__" is an own property of the row, and stays one here.
        defineOwn(kept, key, row[key] as JsonValue);
      }
    }
    if (kept) projected.push(kept);
  }
  return projected;
}
