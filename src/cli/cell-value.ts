/**
 * The values commands print (config and summary entries, dates, users) as text for tables and CSV,
 * and as JSON that keeps non-finite numbers.
 */
import type { JsonValue } from "../index.js";
import { formatKeyPath } from "./key-path.js";
import { OutputError } from "./usage-error.js";

/** What a command may put in a cell or a JSON field. */
export type CellValue = JsonValue | Date | undefined;

// JSON has no NaN or Infinity; JSON.stringify would turn them into null, which reads as "not
// logged". W&B's own Python client writes them as these strings, so a script can tell them apart.
function keepNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

const beyondC0 = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text of a value; NaN and ±Infinity become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`,
 * dates ISO 8601 strings, undefined `null`; every control character escaped (`\u001b`, `\u009b`). A value JSON.stringify cannot write (nested deeper than
 * its stack, a few thousand levels; W&B keeps whatever a run logged) is an {@link OutputError}
 * naming where it nests; `at` is where `value` itself sits, e.g. `["config", "lr"]`.
 */
export function toJsonText(value: unknown, indent?: number, at: readonly string[] = []): string {
  try {
    const text = JSON.stringify(value === undefined ? null : value, keepNonFinite, indent) ?? "null";
    // JSON.stringify escapes C0 controls only; the rest a terminal acts on are escaped too (each
    // can only sit inside a string, where \uXXXX reads back as the same character).
    return text.replace(beyondC0, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw unprintable(value, at, error);
  }
}

/** Deeper than the SDK's own bound on an answer's nesting, so only a JSONString field can be this deep. */
const deepNesting = 1000;

function unprintable(value: unknown, at: readonly string[], error: RangeError): OutputError {
  // Where: `at`, else the first two keys on the way down (`config.deep`); below that the path is
  // the same key over and over, or noise.
  const { depth, path } = deepestPoint(value, Math.max(0, 2 - at.length));
  // The other RangeError JSON.stringify throws: text longer than a string may be.
  if (depth < deepNesting) return new OutputError(`cannot print the result as JSON: ${error.message}`);
  const where = [...at, ...path];
  const what = where.length > 0 ? `the value at ${formatKeyPath(where)}` : "the result";
  const levels = depth - path.length + 1;
  return new OutputError(
    `cannot print ${what}: it nests ${levels} levels deep, more than can be written as JSON here`,
  );
}

/** How deep `value` nests, and up to `keys` keys on the way to its deepest point. Walks without recursion. */
function deepestPoint(value: unknown, keys: number): { depth: number; path: string[] } {
  let deepest = { depth: 0, path: [] as string[] };
  const stack: Array<{ node: unknown; depth: number; path: string[] }> = [
    { node: value, depth: 0, path: [] },
  ];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, depth, path } = entry;
    if (node === null || typeof node !== "object") continue;
    if (depth > deepest.depth) deepest = { depth, path };
    for (const [key, child] of Object.entries(node)) {
      stack.push({ node: child, depth: depth + 1, path: path.length < keys ? [...path, key] : path });
    }
  }
  return deepest;
}

/**
 * A value as one cell of text: empty for nothing, ISO 8601 for dates, JSON for objects and arrays
 * (`at`: where the value sits, for the error about one too deep to write).
 */
export function cellText(value: CellValue, at: readonly string[] = []): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return toJsonText(value, undefined, at);
  return String(value);
}
