/** History rows: JSONString rows, sampledHistory results, and how they become one sorted list. */
import { readJsonObject } from "./fields.js";
function hasStep(row) {
    return typeof row._step === "number" && Number.isFinite(row._step);
}
/**
 * Parses `history` rows (JSONString each) with the summary rules: bare tokens and the string forms
 * of NaN and Infinity become numbers. Rows without a numeric `_step` are not history rows (W&B
 * writes one in every row) and are left out.
 */
export function readHistoryRows(raw, runPath, operation) {
    const rows = [];
    for (const item of raw ?? []) {
        const row = readJsonObject(item, { field: "history", runPath, operation }, { specialStrings: true });
        if (hasStep(row))
            rows.push(row);
    }
    return rows;
}
/** The JSONString W&B expects for a spec. */
export function specText(spec) {
    const keys = spec.key === "_step" ? ["_step"] : ["_step", spec.key];
    return JSON.stringify({ keys, samples: spec.samples });
}
/**
 * Joins the answers of one spec per key into rows that hold any of the keys: sampledHistory keeps
 * only rows holding all of a spec's keys, so one spec with several keys would lose every row where
 * one of them was not logged. Rows are inline objects on W&B; JSON text is read too.
 */
export function zipSampledRows(perKey, runPath, operation) {
    const byStep = new Map();
    for (const rows of perKey) {
        for (const item of rows ?? []) {
            const row = readJsonObject(typeof item === "string"
                ? item
                : item === null || Array.isArray(item)
                    ? null
                    : { ...item }, { field: "sampledHistory", runPath, operation }, { specialStrings: true });
            if (!hasStep(row))
                continue;
            const existing = byStep.get(row._step);
            byStep.set(row._step, existing ? { ...existing, ...row } : row);
        }
    }
    return sortByStep([...byStep.values()]);
}
/** Rows in `_step` order. */
export function sortByStep(rows) {
    return rows.sort((a, b) => a._step - b._step);
}
/** At most `samples` rows, spread evenly, first and last kept. */
export function downsample(rows, samples) {
    if (rows.length <= samples)
        return rows;
    if (samples === 1)
        return [rows[rows.length - 1]];
    const picked = [];
    const stride = (rows.length - 1) / (samples - 1);
    for (let i = 0; i < samples; i++)
        picked.push(rows[Math.round(i * stride)]);
    return picked;
}
/** Keeps the rows that hold any of `keys`, each cut down to `_step` and those keys. */
export function projectRows(rows, keys) {
    const projected = [];
    for (const row of rows) {
        let kept;
        for (const key of keys) {
            if (Object.hasOwn(row, key)) {
                kept ??= { _step: row._step };
                kept[key] = row[key];
            }
        }
        if (kept)
            projected.push(kept);
    }
    return projected;
}
//# sourceMappingURL=history.js.map