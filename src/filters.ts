/**
 * Run filters: a plain object in W&B's Mongo-style syntax (`{ state: "finished",
 * "config.lr.value": { $lt: 0.01 } }`), checked and serialized to the JSON text the `filters`
 * argument (a JSONString) carries.
 */
import { InvalidArgumentError } from "./errors.js";

/** A filter value: JSON values, plus `Date` (sent as W&B's zone-less UTC timestamp). */
export type FilterValue =
  | null
  | boolean
  | number
  | string
  | Date
  | FilterValue[]
  | { [key: string]: FilterValue };

/** W&B's Mongo-style run filter; see the README for fields and operators. */
export type RunFilters = { [field: string]: FilterValue };

/**
 * The operators W&B's run filters accept, as wandb's `Api.runs` docstring lists them
 * (wandb/wandb `wandb/apis/public/api.py`, `Api.runs`: "$and, $or, $nor, $eq, $ne, $gt, $gte,
 * $lt, $lte, $in, $nin, $exists, $regex"). Any other `$` key is a typo W&B would not report: it
 * answers with no runs or an opaque error, so it is refused before sending.
 */
export const runFilterOperators: readonly string[] = [
  "$and",
  "$or",
  "$nor",
  "$eq",
  "$ne",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$in",
  "$nin",
  "$exists",
  "$regex",
];

/**
 * `$regex`'s flags beside it (`{ $regex: "^bert", $options: "i" }`): MongoDB's spelling, which the
 * docstring does not list but the mock has always read; refusing it would break filters that work.
 */
const regexModifiers: readonly string[] = ["$options"];

/** The order W&B's runs listing accepts: `+` or `-` and one field path. */
const orderPattern = /^[+-]?[^\s+-][^\s]*$/;

function zoneLessUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "");
}

/** Deeper than this, a filter is refused: W&B's filters nest a few levels, and the checks recurse. */
const maxFilterDepth = 100;

function encode(value: unknown, path: string, seen: Set<object>): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new InvalidArgumentError(`filters${path}: ${value} cannot be sent as JSON`);
    return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(`filters${path}: invalid Date`);
    return zoneLessUtc(value);
  }
  if (typeof value !== "object") {
    throw new InvalidArgumentError(`filters${path}: a ${typeof value} cannot be sent as JSON`);
  }
  if (seen.has(value)) throw new InvalidArgumentError(`filters${path}: the object refers to itself`);
  if (seen.size >= maxFilterDepth) {
    throw new InvalidArgumentError(`filters nest deeper than ${maxFilterDepth} levels; no W&B filter does`);
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, index) => encode(item, `${path}[${index}]`, seen));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new InvalidArgumentError(
        `filters${path}: a ${kind} cannot be sent as JSON; use plain objects, arrays and values`,
      );
    }
    const encoded: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("$") && !runFilterOperators.includes(key) && !regexModifiers.includes(key)) {
        throw unknownOperator(key, path);
      }
      if (item === undefined) throw new InvalidArgumentError(`filters${path}.${key} is undefined`);
      // Own property even for "__proto__", as JSON.parse would make it.
      Object.defineProperty(encoded, key, {
        value: encode(item, `${path}.${key}`, seen),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return encoded;
  } finally {
    seen.delete(value);
  }
}

function unknownOperator(key: string, path: string): InvalidArgumentError {
  const near = runFilterOperators.find((operator) => isOneEditAway(key.toLowerCase(), operator));
  const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
  return new InvalidArgumentError(
    `filters${path}: unknown operator ${JSON.stringify(key.slice(0, 40))}${hint}; W&B's run filters accept ${runFilterOperators.join(" ")}`,
  );
}

/** Whether `a` becomes `b` by one inserted, deleted or changed character (or is `b`). */
function isOneEditAway(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}

/** The JSON text of `filters`; throws InvalidArgumentError naming the first value JSON cannot carry. */
export function serializeFilters(filters: unknown): string {
  if (filters === undefined) return "{}";
  if (typeof filters !== "object" || filters === null || Array.isArray(filters)) {
    throw new InvalidArgumentError('filters must be a plain object, e.g. { state: "finished" }');
  }
  const encoded = encode(filters, "", new Set());
  try {
    return JSON.stringify(encoded);
  } catch (error) {
    // A filter too large for a string (hundreds of MB) cannot be sent either.
    throw new InvalidArgumentError(`filters cannot be sent: ${(error as Error).message}`);
  }
}

/** Checks an order like `"-created_at"` or `"+summary_metrics.train/loss"`. */
export function checkOrder(order: unknown): string {
  if (order === undefined) return "+created_at";
  if (typeof order !== "string" || !orderPattern.test(order)) {
    throw new InvalidArgumentError(
      `order must be "+field" or "-field" with one field path (e.g. "-created_at", "+summary_metrics.acc"), got ${JSON.stringify(order)}`,
    );
  }
  return order;
}
