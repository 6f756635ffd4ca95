/**
 * What the client knows of each run: parsed fields, with enough bookkeeping to tell whether a
 * later call can be answered without asking the server again.
 */
import { defineOwn } from "../wire/fields.js";
import type { JsonObject, JsonValue } from "../wire/json.js";

/**
 * A config or summary as far as it is known: the whole object, or the top-level keys fetched so
 * far. A key that was asked for and did not come back is known to be absent.
 */
export interface ProjectedObject {
  full: boolean;
  keys: ReadonlySet<string>;
  value: JsonObject;
}

/**
 * Whether `keys` (undefined: the whole object) lie within what is known: `true` for the whole
 * object, a set for the top-level keys fetched so far, undefined for nothing.
 */
export function keysWithin(
  known: true | ReadonlySet<string> | undefined,
  keys: readonly string[] | undefined,
): boolean {
  if (known === true) return true;
  if (known === undefined || keys === undefined) return false;
  return keys.every((key) => known.has(key));
}

/** Whether `known` answers a request for `keys` (undefined: the whole object). */
export function coversKeys(known: ProjectedObject | undefined, keys: readonly string[] | undefined): boolean {
  return keysWithin(known?.full ? true : known?.keys, keys);
}

/** The answer for `keys` from what is known; a new object, so callers may change it freely. */
export function pickKeys(known: ProjectedObject, keys: readonly string[] | undefined): JsonObject {
  if (keys === undefined) return { ...known.value };
  const picked: JsonObject = {};
  for (const key of keys) {
    if (Object.hasOwn(known.value, key)) defineOwn(picked, key, known.value[key] as JsonValue);
  }
  return picked;
}

/**
 * Adds newly fetched knowledge to what was known: a whole object replaces everything; a
 * projection refreshes the keys it was asked for (present or, now, absent).
 */
export function mergeProjected(
  known: ProjectedObject | undefined,
  fetched: ProjectedObject,
): ProjectedObject {
  if (!known || fetched.full) return fetched;
  const value: JsonObject = { ...known.value };
  for (const key of fetched.keys) {
    if (Object.hasOwn(fetched.value, key)) defineOwn(value, key, fetched.value[key] as JsonValue);
    else delete value[key];
  }
  return {
    full: known.full,
    keys: known.full ? known.keys : new Set([...known.keys, ...fetched.keys]),
    value,
  };
}
