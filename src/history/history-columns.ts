/**
 * History as columns: one `steps` array and one column per key, built without a row object per
 * row on the exports path. A column whose every logged value is a number is a `Float64Array` with
 * a `present` byte per row (1: logged, 0: not logged), so a missing value is told apart from a
 * logged NaN; any other column holds its values in a plain array, `undefined` where not logged.
 */
import type { JsonValue } from "../wire/json.js";

/** A numeric column: `values[i]` is meaningful only where `present[i]` is 1. */
export interface NumberColumn {
  kind: "number";
  values: Float64Array;
  present: Uint8Array;
}

/** A column holding other values (strings, booleans, objects, or numbers mixed with them). */
export interface ValueColumn {
  kind: "values";
  /** `undefined` where the row did not log the key. */
  values: Array<JsonValue | undefined>;
}

/** One key's values, row by row. */
export type HistoryColumn = NumberColumn | ValueColumn;

/**
 * A run's history as columns: row `i` is step `steps[i]`, with `columns[key]` holding each key's
 * value for that row (or saying it was not logged). Steps rise strictly: one row per step.
 */
export interface HistoryColumns {
  steps: Float64Array;
  columns: Record<string, HistoryColumn>;
}

/** A value read from a Parquet column as a history value: `undefined` when the row has none. */
export function historyValue(value: unknown): JsonValue | undefined {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return Number(value);
    case "object":
      return value === null ? undefined : objectValue(value);
    default:
      return undefined;
  }
}

function objectValue(value: object): JsonValue {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Array.from(value as ArrayLike<unknown>, (item) => historyValue(item) ?? null);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = historyValue(item);
    if (converted !== undefined)
      Object.defineProperty(out, key, {
        value: converted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

interface Building {
  numbers: Float64Array | undefined;
  present: Uint8Array | undefined;
  values: Array<JsonValue | undefined> | undefined;
}

/** Collects rows into columns, growing its arrays by doubling. */
export class ColumnsBuilder {
  private steps = new Float64Array(1024);
  private length = 0;
  private readonly building = new Map<string, Building>();
  private sorted = true;

  /** Starts a row at `step`; returns its index. */
  startRow(step: number): number {
    if (this.length === this.steps.length) this.steps = grown(this.steps, this.length * 2);
    if (this.length > 0 && step <= (this.steps[this.length - 1] as number)) this.sorted = false;
    this.steps[this.length] = step;
    return this.length++;
  }

  /** Sets `key` of row `row` (a history value; `undefined` leaves it not logged). */
  set(row: number, key: string, value: JsonValue | undefined): void {
    if (value === undefined) return;
    let column = this.building.get(key);
    if (!column) {
      column = {
        numbers: new Float64Array(this.steps.length),
        present: new Uint8Array(this.steps.length),
        values: undefined,
      };
      this.building.set(key, column);
    }
    if (column.values === undefined && typeof value === "number") {
      const numbers = column.numbers as Float64Array;
      if (row >= numbers.length) {
        column.numbers = grown(numbers, this.steps.length);
        column.present = grown(column.present as Uint8Array, this.steps.length);
      }
      (column.numbers as Float64Array)[row] = value;
      (column.present as Uint8Array)[row] = 1;
      return;
    }
    if (column.values === undefined) column.values = toValues(column, this.length);
    column.values[row] = value;
  }

  /** The columns (every key seen; `keys` first, in their order, even when never logged). */
  finish(keys: readonly string[] | undefined): HistoryColumns {
    const n = this.length;
    let order: Int32Array | undefined;
    if (!this.sorted) order = stepOrder(this.steps, n);
    const names = keys ? [...keys] : [...this.building.keys()].filter((key) => key !== "_step");
    const columns: Record<string, HistoryColumn> = {};
    for (const key of names) {
      const column = this.building.get(key);
      Object.defineProperty(columns, key, {
        value: finishColumn(column, n),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const steps = this.steps.slice(0, n);
    return order ? reorder(steps, columns, order) : { steps, columns };
  }
}

function finishColumn(column: Building | undefined, n: number): HistoryColumn {
  if (!column) return { kind: "number", values: new Float64Array(n), present: new Uint8Array(n) };
  if (column.values) {
    const values = column.values;
    values.length = n;
    return { kind: "values", values };
  }
  const numbers = column.numbers as Float64Array;
  const present = column.present as Uint8Array;
  return {
    kind: "number",
    values: numbers.length === n ? numbers : trimmed(numbers, n),
    present: present.length === n ? present : trimmed(present, n),
  };
}

function toValues(column: Building, length: number): Array<JsonValue | undefined> {
  const values: Array<JsonValue | undefined> = new Array(length);
  const numbers = column.numbers as Float64Array;
  const present = column.present as Uint8Array;
  for (let i = 0; i < Math.min(length, present.length); i++) if (present[i]) values[i] = numbers[i] as number;
  column.numbers = undefined;
  column.present = undefined;
  return values;
}

function grown<T extends Float64Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, 1024));
  next.set(array);
  return next;
}

function trimmed<T extends Float64Array | Uint8Array>(array: T, n: number): T {
  const next = new (array.constructor as new (n: number) => T)(n);
  next.set(array.subarray(0, Math.min(n, array.length)));
  return next;
}

/** Row indices in step order, stable: a step's rows stay in the order they came. */
function stepOrder(steps: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (steps[a] as number) - (steps[b] as number) || a - b);
  return order;
}

/** Columns in step order, the rows of one step merged into one (later values win). */
function reorder(
  steps: Float64Array,
  columns: Record<string, HistoryColumn>,
  order: Int32Array,
): HistoryColumns {
  const target = new Int32Array(order.length);
  let m = -1;
  let last = Number.NaN;
  for (let i = 0; i < order.length; i++) {
    const step = steps[order[i] as number] as number;
    if (step !== last) m++;
    target[i] = m;
    last = step;
  }
  const size = m + 1;
  const outSteps = new Float64Array(size);
  for (let i = 0; i < order.length; i++) outSteps[target[i] as number] = steps[order[i] as number] as number;
  const out: Record<string, HistoryColumn> = {};
  for (const [key, column] of Object.entries(columns)) {
    let next: HistoryColumn;
    if (column.kind === "number") {
      const values = new Float64Array(size);
      const present = new Uint8Array(size);
      for (let i = 0; i < order.length; i++) {
        const from = order[i] as number;
        if (!column.present[from]) continue;
        values[target[i] as number] = column.values[from] as number;
        present[target[i] as number] = 1;
      }
      next = { kind: "number", values, present };
    } else {
      const values: Array<JsonValue | undefined> = new Array(size);
      for (let i = 0; i < order.length; i++) {
        const value = column.values[order[i] as number];
        if (value !== undefined) values[target[i] as number] = value;
      }
      next = { kind: "values", values };
    }
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return { steps: outSteps, columns: out };
}
