import { defineOwn } from "../wire/fields.js";
/** Whether `known` answers a request for `keys` (undefined: the whole object). */
export function coversKeys(known, keys) {
    if (!known)
        return false;
    if (known.full)
        return true;
    if (keys === undefined)
        return false;
    return keys.every((key) => known.keys.has(key));
}
/** The answer for `keys` from what is known; a new object, so callers may change it freely. */
export function pickKeys(known, keys) {
    if (keys === undefined)
        return { ...known.value };
    const picked = {};
    for (const key of keys) {
        if (Object.hasOwn(known.value, key))
            defineOwn(picked, key, known.value[key]);
    }
    return picked;
}
/**
 * Adds newly fetched knowledge to what was known: a whole object replaces everything; a
 * projection refreshes the keys it was asked for (present or, now, absent).
 */
export function mergeProjected(known, fetched) {
    if (!known || fetched.full)
        return fetched;
    const value = { ...known.value };
    for (const key of fetched.keys) {
        if (Object.hasOwn(fetched.value, key))
            defineOwn(value, key, fetched.value[key]);
        else
            delete value[key];
    }
    return {
        full: known.full,
        keys: known.full ? known.keys : new Set([...known.keys, ...fetched.keys]),
        value,
    };
}
/** The cache key of a history request. */
export function historyKey(request) {
    return `${request.samples}|${request.keys ? JSON.stringify([...request.keys].sort()) : "*"}`;
}
/** Merges `fetched` into `record` (fields present in `fetched` win). */
export function mergeRecord(record, fetched) {
    if (fetched.light)
        record.light = fetched.light;
    if (fetched.config)
        record.config = mergeProjected(record.config, fetched.config);
    if (fetched.summary)
        record.summary = mergeProjected(record.summary, fetched.summary);
    if (fetched.outputArtifacts)
        record.outputArtifacts = fetched.outputArtifacts;
    if (fetched.inputArtifacts)
        record.inputArtifacts = fetched.inputArtifacts;
    if (fetched.history) {
        record.history ??= new Map();
        for (const [key, rows] of fetched.history)
            record.history.set(key, rows);
    }
}
//# sourceMappingURL=run-cache.js.map