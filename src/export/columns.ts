/**
 * Rows of JSON values as typed Parquet columns. Nested plain objects become dotted columns
 * (`model.depth`), as W&B's own exports name them; a media object (with `_type`), a list or a key
 * whose values disagree in kind is a JSON text column. A column is DOUBLE when every value is a
 * number (NaN and ±Infinity kept), BOOLEAN, STRING, or TIMESTAMP when all agree; missing is null.
 */
import type { ColumnSource } from "hyparquet-writer";
import type { JsonObject, JsonValue } from "../wire/json.js";

/** A flat row: dotted names to values (a `Date` for timestamps, a bigint for INT64 columns). */
export type FlatValue = JsonValue | Date | bigint | undefined;
export type FlatRow = Record<string, FlatValue>;

/** `value`'s leaves under `prefix`, nested plain objects joined with dots. */
export function flatten(value: JsonObject, prefix: string, into: FlatRow = {}): FlatRow {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (item !== null && typeof item === "object" && !Array.isArray(item) && !("_type" in item)) {
      flatten(item, name, into);
    } else {
      into[name] = item;
    }
  }
  return into;
}

type Kind = "DOUBLE" | "BOOLEAN" | "STRING" | "TIMESTAMP" | "INT64" | "JSON";

function kindOf(value: FlatValue): Kind {
  if (typeof value === "number") return "DOUBLE";
  if (typeof value === "boolean") return "BOOLEAN";
  if (typeof value === "string") return "STRING";
  if (typeof value === "bigint") return "INT64";
  if (value instanceof Date) return "TIMESTAMP";
  return "JSON";
}

/**
 * The columns of `rows`: `first` names in that order, then every other name sorted. Each column
 * typed by its values (see the module note).
 */
export function toColumns(rows: readonly FlatRow[], first: readonly string[]): ColumnSource[] {
  const names = new Set<string>(first);
  const rest = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) if (!names.has(name)) rest.add(name);
  const ordered = [...first, ...[...rest].sort()];
  return ordered.map((name) => column(name, rows));
}

function column(name: string, rows: readonly FlatRow[]): ColumnSource {
  let kind: Kind | undefined;
  for (const row of rows) {
    const value = row[name];
    if (value === undefined || value === null) continue;
    const next = kindOf(value);
    kind = kind === undefined || kind === next ? next : "JSON";
    if (kind === "JSON") break;
  }
  const type = kind ?? "STRING";
  const data = rows.map((row) => {
    const value = row[name];
    if (value === undefined || value === null) return null;
    return type === "JSON" ? JSON.stringify(value, jsonNumbers) : value;
  });
  return { name, data, type: type === "JSON" ? "STRING" : type, nullable: true };
}

// JSON has no NaN or Infinity: inside a JSON text column they are written as W&B writes them.
function jsonNumbers(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}
