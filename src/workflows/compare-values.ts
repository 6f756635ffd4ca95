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

/**
 * Deep equality of two values: numbers as {@link numbersEqual}, arrays item by item, objects key by
 * key. Walks with its own stack, so a value nested thousands of levels deep (W&B keeps whatever a
 * run logged) is compared like any other.
 */
export function valuesEqual(a: JsonValue, b: JsonValue, tolerance?: Tolerance): boolean {
  const pairs: Array<[JsonValue, JsonValue]> = [[a, b]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [x, y] = pair;
    if (typeof x === "number" && typeof y === "number") {
      if (!numbersEqual(x, y, tolerance)) return false;
    } else if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pairs.push([x[i] as JsonValue, y[i] as JsonValue]);
    } else if (isObject(x) && isObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const key of keys) {
        if (!Object.hasOwn(y, key)) return false;
        pairs.push([x[key] as JsonValue, y[key] as JsonValue]);
      }
    } else if (x !== y) return false;
  }
  return true;
}

/** Where a walk is: a key under its parent's place, so a path is built only for a difference. */
interface Place {
  key: string;
  parent: Place | undefined;
}

function pathOf(place: Place | undefined, prefix: readonly string[]): string[] {
  const keys: string[] = [];
  for (let at = place; at; at = at.parent) keys.push(at.key);
  keys.reverse();
  return prefix.length === 0 ? keys : prefix.concat(keys);
}

/** One pair of objects being compared: a's keys in turn, then b's keys a lacks. */
interface Frame {
  a: JsonObject;
  b: JsonObject;
  place: Place | undefined;
  keys: string[];
  next: number;
}

/**
 * The differences between two objects. Nested objects are compared key by key (a difference deep
 * inside names its whole path); any other value, arrays included, is compared whole and reported
 * at its own path. Keys come in a's order, then the keys only b has in b's order. Walks with its
 * own stack: nesting depth costs memory, not call stack.
 */
export function diffObjects(
  a: JsonObject,
  b: JsonObject,
  tolerance?: Tolerance,
  prefix: readonly string[] = [],
): Difference[] {
  const differences: Difference[] = [];
  const frame = (x: JsonObject, y: JsonObject, place: Place | undefined): Frame => ({
    a: x,
    b: y,
    place,
    keys: Object.keys(x).concat(Object.keys(y).filter((key) => !Object.hasOwn(x, key))),
    next: 0,
  });
  const stack: Frame[] = [frame(a, b, undefined)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next >= top.keys.length) {
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++] as string;
    const place: Place = { key, parent: top.place };
    if (!Object.hasOwn(top.a, key)) {
      differences.push({ path: pathOf(place, prefix), kind: "added", b: top.b[key] as JsonValue });
      continue;
    }
    const before = top.a[key] as JsonValue;
    if (!Object.hasOwn(top.b, key)) {
      differences.push({ path: pathOf(place, prefix), kind: "removed", a: before });
      continue;
    }
    const after = top.b[key] as JsonValue;
    if (isObject(before) && isObject(after)) stack.push(frame(before, after, place));
    else if (!valuesEqual(before, after, tolerance))
      differences.push({ path: pathOf(place, prefix), kind: "changed", a: before, b: after });
  }
  return differences;
}
