/**
 * Comparing two configs or summaries key by key: pure functions over parsed values, so every rule
 * (nesting, NaN, tolerance, arrays) is tested on plain inputs.
 */
import type { JsonObject, JsonValue } from "../wire/json.js";

/**
 * One difference between two runs' configs or summaries.
 *
 * @example
 * ```ts
 * // config.optimizer.lr went from 0.001 to 0.0003; summary "val/acc" exists only in b
 * { path: ["optimizer", "lr"], kind: "changed", a: 0.001, b: 0.0003 }
 * { path: ["val/acc"], kind: "added", b: 0.91 }
 * ```
 */
export interface Difference {
  /**
   * Keys from the top of the config or summary down to the value. An array, because W&B keys
   * hold dots and slashes (`"train/loss"`, `"eval.f1"` as one key).
   */
  path: string[];
  /** `added`: only in b; `removed`: only in a; `changed`: in both, not equal. */
  kind: "added" | "removed" | "changed";
  /** The value in a (absent for `added`). */
  a?: JsonValue;
  /** The value in b (absent for `removed`). */
  b?: JsonValue;
}

/**
 * How far apart two finite numbers may be and still count as equal: when
 * `|a - b| <= absolute`, or `|a - b| <= relative * max(|a|, |b|)` (either suffices, as Python's
 * `math.isclose`). Non-finite numbers are equal only to themselves (`NaN` to `NaN`).
 */
export interface Tolerance {
  /** The largest difference that still counts as equal, e.g. `1e-9`. Default 0. */
  absolute?: number | undefined;
  /** The largest difference relative to the larger magnitude, e.g. `0.01` for 1 %. Default 0. */
  relative?: number | undefined;
}

/** Whether two numbers are equal: exactly, `NaN` to `NaN`, or within `tolerance`. */
export function numbersEqual(a: number, b: number, tolerance?: Tolerance): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (!tolerance || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  const gap = Math.abs(a - b);
  return (
    gap <= (tolerance.absolute ?? 0) || gap <= (tolerance.relative ?? 0) * Math.max(Math.abs(a), Math.abs(b))
  );
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep equality of two values: numbers as {@link numbersEqual}, arrays item by item, objects key by key. */
export function valuesEqual(a: JsonValue, b: JsonValue, tolerance?: Tolerance): boolean {
  if (typeof a === "number" && typeof b === "number") return numbersEqual(a, b, tolerance);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i] as JsonValue, tolerance));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(
      (key) => Object.hasOwn(b, key) && valuesEqual(a[key] as JsonValue, b[key] as JsonValue, tolerance),
    );
  }
  return a === b;
}

/**
 * The differences between two objects. Nested objects are compared key by key (a difference deep
 * inside names its whole path); any other value, arrays included, is compared whole and reported
 * at its own path. Keys come in a's order, then the keys only b has in b's order.
 */
export function diffObjects(
  a: JsonObject,
  b: JsonObject,
  tolerance?: Tolerance,
  prefix: readonly string[] = [],
): Difference[] {
  const differences: Difference[] = [];
  for (const key of Object.keys(a)) {
    const path = [...prefix, key];
    const before = a[key] as JsonValue;
    if (!Object.hasOwn(b, key)) {
      differences.push({ path, kind: "removed", a: before });
      continue;
    }
    const after = b[key] as JsonValue;
    if (isObject(before) && isObject(after)) differences.push(...diffObjects(before, after, tolerance, path));
    else if (!valuesEqual(before, after, tolerance))
      differences.push({ path, kind: "changed", a: before, b: after });
  }
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key))
      differences.push({ path: [...prefix, key], kind: "added", b: b[key] as JsonValue });
  }
  return differences;
}
