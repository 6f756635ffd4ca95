/**
 * The values commands print (config and summary entries, dates, users) as text for tables and CSV,
 * and as JSON that keeps non-finite numbers.
 */
import type { JsonValue } from "../index.js";

/** What a command may put in a cell or a JSON field. */
export type CellValue = JsonValue | Date | undefined;

// JSON has no NaN or Infinity; JSON.stringify would turn them into null, which reads as "not
// logged". W&B's own Python client writes them as these strings, so a script can tell them apart.
function keepNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

/**
 * JSON text of a value; NaN and ±Infinity become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`,
 * dates ISO 8601 strings, undefined `null`.
 */
export function toJsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value === undefined ? null : value, keepNonFinite, indent) ?? "null";
}

/** A value as one cell of text: empty for nothing, ISO 8601 for dates, JSON for objects and arrays. */
export function cellText(value: CellValue): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return toJsonText(value);
  return String(value);
}
