import { readKeyPath } from "./key-path.js";
import { toInlineJson } from "./wire-writer.js";
/** Rows per answer when `samples` is not given, as W&B's Python client asks. */
export const defaultHistorySamples = 500;
/**
 * At most `samples` of `items`, spread evenly over the list, the first and the last always among
 * them (as W&B's sampler keeps a run's ends); all of them when they are few enough.
 */
export function sampleEvenly(items, samples) {
    if (samples <= 0)
        return [];
    if (items.length <= samples)
        return items.slice();
    if (samples === 1)
        return items.slice(0, 1);
    const last = items.length - 1;
    const picked = [];
    // With more items than samples the stride exceeds 1, so no index repeats.
    for (let i = 0; i < samples; i++)
        picked.push(items[Math.round((i * last) / (samples - 1))]);
    return picked;
}
/** The first `limit` rows with `minStep <= step < maxStep`, in step order. */
export function rowsInStepRange(rows, stepOf, minStep, maxStep, limit) {
    const picked = [];
    for (const row of rows) {
        if (picked.length >= limit)
            break;
        const step = stepOf(row);
        if (step >= minStep && step < maxStep)
            picked.push(row);
    }
    return picked;
}
/** Reads a spec (`{"keys": [...], "samples": n, "minStep"?, "maxStep"?}`); throws on a bad one. */
export function parseHistorySpec(spec) {
    let value = spec;
    if (typeof spec === "string") {
        try {
            value = JSON.parse(spec);
        }
        catch {
            throw new Error(`sampledHistory spec is not JSON: ${spec}`);
        }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error("sampledHistory spec must be a JSON object");
    }
    const { keys, samples, minStep, maxStep } = value;
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === "string")) {
        throw new Error('sampledHistory spec needs "keys": a non-empty list of strings');
    }
    return {
        keys,
        samples: optionalInteger(samples, "samples", defaultHistorySamples),
        minStep: optionalInteger(minStep, "minStep", Number.NEGATIVE_INFINITY),
        maxStep: optionalInteger(maxStep, "maxStep", Number.POSITIVE_INFINITY),
    };
}
function optionalInteger(value, name, fallback) {
    if (value === undefined || value === null)
        return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || (name === "samples" && value < 0)) {
        throw new Error(`sampledHistory spec "${name}" must be ${name === "samples" ? "a count" : "an integer"}`);
    }
    return value;
}
/**
 * One spec's answer: the rows in `[minStep, maxStep]` that hold every key of the spec (W&B drops
 * the others), sampled to at most `samples`, each reduced to the spec's keys, as inline objects.
 */
export function sampledHistoryRows(rows, spec) {
    const matching = [];
    for (const row of rows) {
        if (row._step < spec.minStep || row._step > spec.maxStep)
            continue;
        const picked = {};
        let complete = true;
        for (const key of spec.keys) {
            const value = readKeyPath(row, key);
            if (value === undefined) {
                complete = false;
                break;
            }
            picked[key] = toInlineJson(value);
        }
        if (complete)
            matching.push(picked);
    }
    return sampleEvenly(matching, spec.samples);
}
/**
 * `historyKeys` as W&B reports it: `{lastStep, keys: {key: {typeCounts, previousValue}}}`, nested
 * dicts flattened to dotted keys, `_type` objects counted under their type; `null` without history.
 */
export function historyKeysOf(rows) {
    const last = rows.at(-1);
    if (last === undefined)
        return null;
    const stats = new Map();
    const record = (key, value) => {
        let entry = stats.get(key);
        if (!entry) {
            entry = { counts: new Map(), previousValue: null };
            stats.set(key, entry);
        }
        const type = typeName(value);
        entry.counts.set(type, (entry.counts.get(type) ?? 0) + 1);
        entry.previousValue = value;
    };
    for (const row of rows)
        flatten(row, "", record);
    const keys = {};
    for (const [key, entry] of stats) {
        keys[key] = {
            typeCounts: [...entry.counts].map(([type, count]) => ({ type, count })),
            previousValue: toInlineJson(entry.previousValue),
            ...(key === "_step" ? { monotonic: true } : {}),
        };
    }
    return { lastStep: last._step, keys };
}
function flatten(object, prefix, record) {
    for (const [key, value] of Object.entries(object)) {
        if (value === undefined)
            continue;
        if (isPlainDict(value))
            flatten(value, `${prefix}${key}.`, record);
        else
            record(`${prefix}${key}`, value);
    }
}
function isPlainDict(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !("_type" in value);
}
function typeName(value) {
    if (value === null)
        return "nil";
    if (Array.isArray(value))
        return "list";
    switch (typeof value) {
        case "number":
            return "number";
        case "string":
            return "string";
        case "boolean":
            return "bool";
        default:
            return String(value._type ?? "map");
    }
}
/** The `_step` written in a raw row's text, or `NaN` when it cannot be found. */
export function stepInRawRow(text) {
    const match = /"_step"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text);
    return match ? Number(match[1]) : Number.NaN;
}
//# sourceMappingURL=history.js.map