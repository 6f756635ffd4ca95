/**
 * Reading raw wire fields into clean values, with the run and field named when one cannot be read.
 * Everything past this module deals in parsed objects and `Date`s.
 */
import { WandbResponseError } from "../errors.js";
import { type JsonObject, type JsonValue, parseTolerantJson, replaceSpecialStrings } from "./json.js";
import { parseWandbTime } from "./time.js";

/** What a wire value is, for error messages. */
export interface FieldSource {
  /** The GraphQL field, e.g. `summaryMetrics`. */
  field: string;
  /** `entity/project/id` of the run it belongs to. */
  runPath?: string | undefined;
  /** The GraphQL operation that fetched it. */
  operation?: string | undefined;
}

function unreadable(source: FieldSource, why: string, cause?: unknown): WandbResponseError {
  const where = source.runPath ? ` of run ${source.runPath}` : "";
  return new WandbResponseError(`cannot read field ${source.field}${where}: ${why}`, {
    field: source.field,
    runPath: source.runPath,
    operation: source.operation,
    cause,
  });
}

/**
 * A JSONString field holding an object (`config`, `summaryMetrics`, `metadata`, a history row).
 * `null`, `""` and JSON `null` mean `{}`; an already-parsed object is accepted too (some servers
 * and test stubs send one).
 */
export function readJsonObject(
  raw: unknown,
  source: FieldSource,
  options: { specialStrings?: boolean } = {},
): JsonObject {
  if (raw === null || raw === undefined || raw === "") return {};
  let value: JsonValue;
  if (typeof raw === "string") {
    try {
      value = parseTolerantJson(raw, options);
    } catch (error) {
      throw unreadable(source, error instanceof Error ? error.message : String(error), error);
    }
  } else {
    value = raw as JsonValue;
    if (options.specialStrings) value = replaceSpecialStrings(value);
  }
  if (value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw unreadable(
      source,
      `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  return value;
}

/** A non-null `DateTime` field. */
export function readTime(raw: unknown, source: FieldSource): Date {
  if (typeof raw !== "string") throw unreadable(source, `expected a timestamp string, got ${typeof raw}`);
  try {
    return parseWandbTime(raw);
  } catch (error) {
    throw unreadable(source, error instanceof Error ? error.message : String(error), error);
  }
}

/** A nullable `DateTime` field: `null` stays `null`. */
export function readOptionalTime(raw: unknown, source: FieldSource): Date | null {
  return raw === null || raw === undefined ? null : readTime(raw, source);
}

// Keys W&B keeps in a run's config for itself; they are not the user's hyperparameters.
const internalConfigKeys = new Set(["_wandb", "wandb_version"]);

/**
 * A config as the user logged it: each top-level `{value, desc}` entry unwrapped to its `value`
 * (only an object that has a `value` key: older entries are stored bare), `_wandb` and
 * `wandb_version` removed, nested values untouched.
 */
export function unwrapConfig(wire: JsonObject): JsonObject {
  const config: JsonObject = {};
  for (const key of Object.keys(wire)) {
    if (internalConfigKeys.has(key)) continue;
    const entry = wire[key] as JsonValue;
    const value =
      entry !== null && typeof entry === "object" && !Array.isArray(entry) && Object.hasOwn(entry, "value")
        ? (entry.value as JsonValue)
        : entry;
    defineOwn(config, key, value);
  }
  return config;
}

/** A summary without its top-level `_wandb` entry; `_step`, `_runtime`, `_timestamp` stay. */
export function cleanSummary(wire: JsonObject): JsonObject {
  if (!Object.hasOwn(wire, "_wandb")) return wire;
  const summary: JsonObject = {};
  for (const key of Object.keys(wire)) {
    if (key !== "_wandb") defineOwn(summary, key, wire[key] as JsonValue);
  }
  return summary;
}

/** Sets an own property even when the key is `__proto__`, as JSON.parse does. */
export function defineOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
