/**
 * Reading `a.b.c` paths out of W&B objects, where a key may itself hold dots or slashes
 * (`train/loss`, a literal `"a.b"`): at each level the longest run of path parts that is a key
 * wins, then the rest is read below it. So `eval.f1` finds `{"eval": {"f1": …}}` and also a flat
 * `{"eval.f1": …}`, and `train/loss` needs no escaping at all.
 */
import type { JsonValue } from "../src/wire/json.js";

/** The value at `path` in `value`, or `undefined` when there is none. */
export function readKeyPath(value: JsonValue | undefined, path: string): JsonValue | undefined {
  return readParts(value, path.split("."), 0);
}

function readParts(
  value: JsonValue | undefined,
  parts: readonly string[],
  from: number,
): JsonValue | undefined {
  if (from === parts.length) return value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  for (let end = parts.length; end > from; end--) {
    const key = end === from + 1 ? (parts[from] as string) : parts.slice(from, end).join(".");
    if (!Object.hasOwn(value, key)) continue;
    const found = readParts(value[key], parts, end);
    if (found !== undefined) return found;
  }
  return undefined;
}
