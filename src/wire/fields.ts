/**
 * Reading raw wire fields into clean values, with the run and field named when one cannot be read.
 * Everything past this module deals in parsed objects and `Date`s.
 */
import { WandbResponseError } from "../errors.js";
import { type JsonObject, type JsonValue, parseTolerantJson, withSpecialNumbers } from "./json.js";
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

/** The error for a wire value that cannot be read, naming the field and the run. */
export function unreadable(source: FieldSource, why: string, cause?: unknown): WandbResponseError {
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
 * and test stubs send one, and `sampledHistory` rows come that way): it is never changed, and comes
 * back as it is unless special strings had to become numbers. `step` as for {@link expectObject}.
 */
export function readJsonObject(
  raw: unknown,
  source: FieldSource,
  options: { specialStrings?: boolean } = {},
  step?: Step,
): JsonObject {
  if (raw === null || raw === undefined || raw === "") return {};
  let value: JsonValue;
  try {
    // An object nested deeper than the engine's stack (no W&B value is) fails here as a RangeError.
    if (typeof raw === "string") value = parseTolerantJson(raw, options);
    else value = options.specialStrings ? withSpecialNumbers(raw as JsonValue) : (raw as JsonValue);
  } catch (error) {
    throw unreadable(stepOf(source, step), error instanceof Error ? error.message : String(error), error);
  }
  if (value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw unreadable(
      stepOf(source, step),
      `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  return value;
}

/** A non-null `DateTime` field (`step`: see {@link expectObject}). */
export function readTime(raw: unknown, source: FieldSource, step?: Step): Date {
  if (typeof raw !== "string") {
    throw unreadable(stepOf(source, step), `expected a timestamp string, got ${typeof raw}`);
  }
  try {
    return parseWandbTime(raw);
  } catch (error) {
    throw unreadable(stepOf(source, step), error instanceof Error ? error.message : String(error), error);
  }
}

/** A nullable `DateTime` field: `null` stays `null`. */
export function readOptionalTime(raw: unknown, source: FieldSource, step?: Step): Date | null {
  return raw === null || raw === undefined ? null : readTime(raw, source, step);
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

/** What a wire value is, in words, for "expected …, got …". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** One step down a path: a field's name, or a list index. */
export type Step = string | number;

/**
 * `field` of `source`, one step down a path: `artifact` → `artifact.aliases`; from a source whose
 * field is `""` (a root), the step alone. The path is spelled out only when an error asks for it:
 * readers name every field they check, and on the batched path (thousands of artifact fields a
 * round) building each path up front cost a tenth of the client's CPU.
 */
export function within(source: FieldSource, field: Step): FieldSource {
  return new FieldStep(source, field);
}

// The readers on the batched path pass a parent and a step instead of `within(parent, step)`, so
// that not even the step object is made unless the value is wrong (2 MB less garbage a round of
// benchmark 1, measured with V8's sampling heap profiler).
function stepOf(source: FieldSource, step: Step | undefined): FieldSource {
  return step === undefined ? source : new FieldStep(source, step);
}

class FieldStep implements FieldSource {
  constructor(
    private readonly parent: FieldSource,
    private readonly step: Step,
  ) {}

  get field(): string {
    const parent = this.parent.field;
    if (typeof this.step === "number") return `${parent}[${this.step}]`;
    return parent === "" ? this.step : `${parent}.${this.step}`;
  }

  get runPath(): string | undefined {
    return this.parent.runPath;
  }

  get operation(): string | undefined {
    return this.parent.operation;
  }
}

/**
 * A value the schema promises is an object (non-null). With `step`, the value is that field of
 * `source` (`expectObject(raw.user, at, "user")`), and its path is made only for the error.
 */
export function expectObject(value: unknown, source: FieldSource, step?: Step): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw unreadable(stepOf(source, step), `expected an object, got ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A value the schema promises is a list (non-null); `step` as for {@link expectObject}. */
export function expectList(value: unknown, source: FieldSource, step?: Step): unknown[] {
  if (!Array.isArray(value)) throw unreadable(stepOf(source, step), `expected a list, got ${kindOf(value)}`);
  return value;
}

/** A non-null `String` or `ID`; `step` as for {@link expectObject}. */
export function expectString(value: unknown, source: FieldSource, step?: Step): string {
  if (typeof value !== "string") {
    throw unreadable(stepOf(source, step), `expected a string, got ${kindOf(value)}`);
  }
  return value;
}

/** A nullable `String`: `null` stays `null`; `step` as for {@link expectObject}. */
export function expectOptionalString(value: unknown, source: FieldSource, step?: Step): string | null {
  return value === null || value === undefined ? null : expectString(value, source, step);
}

/** A count (`runCount`, `fileCount`): a whole number >= 0; `step` as for {@link expectObject}. */
export function expectCount(value: unknown, source: FieldSource, step?: Step): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw unreadable(
      stepOf(source, step),
      `expected a whole number >= 0, got ${typeof value === "number" ? value : kindOf(value)}`,
    );
  }
  return value;
}

/** A non-null `Int` or `Int64`: a finite number (JSON's `1e400` is not one); `step` as for {@link expectObject}. */
export function expectNumber(value: unknown, source: FieldSource, step?: Step): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw unreadable(
      stepOf(source, step),
      `expected a number, got ${typeof value === "number" ? value : kindOf(value)}`,
    );
  }
  return value;
}
