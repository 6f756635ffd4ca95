/**
 * Looking a key up in a config, summary or history row the way users name them on the command
 * line: `accuracy`, `train/loss` (W&B's section separator is part of the key), `eval.f1` (the key
 * `f1` inside `eval`).
 */
import type { JsonValue } from "../index.js";

/**
 * The value at `path` in `object`, or undefined. The whole path is tried as a literal key first
 * (W&B keys may hold dots), then every split at a dot whose head is a key holding an object, so
 * `a.b.c` finds `{ "a.b": { c } }` as well as `{ a: { b: { c } } }`.
 */
export function lookUpKeyPath(
  object: { readonly [key: string]: JsonValue },
  path: string,
): JsonValue | undefined {
  if (Object.hasOwn(object, path)) return object[path];
  for (let dot = path.indexOf("."); dot > 0; dot = path.indexOf(".", dot + 1)) {
    const head = path.slice(0, dot);
    const inner = Object.hasOwn(object, head) ? object[head] : undefined;
    if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
      const found = lookUpKeyPath(inner, path.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The top-level keys that {@link lookUpKeyPath} may read for `path`: the path itself and every head
 * before a dot. Asking the server for just these (`keys:` projection) is enough to resolve it.
 */
export function topLevelKeys(path: string): string[] {
  const keys = [path];
  for (let dot = path.indexOf("."); dot > 0; dot = path.indexOf(".", dot + 1)) keys.push(path.slice(0, dot));
  return keys;
}

/** The top-level keys for several paths, each once. */
export function topLevelKeysOf(paths: readonly string[]): string[] {
  return [...new Set(paths.flatMap(topLevelKeys))];
}

/**
 * A path of keys as one label: `optimizer.lr`, `train/loss`; when a key itself holds a dot, the
 * whole path as a JSON array (`["eval.f1"]`), so no label reads as another path.
 */
export function formatKeyPath(path: readonly string[]): string {
  return path.some((key) => key.includes(".") || key === "") ? JSON.stringify(path) : path.join(".");
}
