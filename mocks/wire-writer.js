/** Extended JSON text of `value`: like `JSON.stringify`, but non-finite numbers stay bare tokens. */
export function writeExtendedJson(value) {
    if (value === null)
        return "null";
    switch (typeof value) {
        case "number":
            return writeNumber(value);
        case "string":
            return JSON.stringify(value);
        case "boolean":
            return value ? "true" : "false";
        case "object":
            return Array.isArray(value) ? writeArray(value) : writeObject(value);
        default:
            // undefined, functions, symbols: JSON.stringify leaves them out of objects too.
            return "null";
    }
}
function writeNumber(value) {
    if (Number.isNaN(value))
        return "NaN";
    if (value === Number.POSITIVE_INFINITY)
        return "Infinity";
    if (value === Number.NEGATIVE_INFINITY)
        return "-Infinity";
    return JSON.stringify(value);
}
function writeArray(items) {
    return `[${items.map((item) => (item === undefined ? "null" : writeExtendedJson(item))).join(", ")}]`;
}
function writeObject(object) {
    const parts = [];
    for (const [key, item] of Object.entries(object)) {
        if (item === undefined || typeof item === "function")
            continue;
        parts.push(`${JSON.stringify(key)}: ${writeExtendedJson(item)}`);
    }
    return `{${parts.join(", ")}}`;
}
/**
 * `value` made safe for an inline `JSON` field (historyKeys, sampledHistory rows): the HTTP body
 * itself must be strict JSON, so non-finite numbers become the strings `"NaN"`, `"Infinity"`,
 * `"-Infinity"`, as W&B's Python client writes them (`make_safe_for_json`).
 */
export function toInlineJson(value) {
    if (typeof value === "number") {
        if (Number.isFinite(value))
            return value;
        return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
    if (value === null || typeof value !== "object")
        return value;
    if (Array.isArray(value))
        return value.map(toInlineJson);
    const out = {};
    for (const [key, item] of Object.entries(value)) {
        if (item !== undefined)
            out[key] = toInlineJson(item);
    }
    return out;
}
/** What wandb-core keeps under the config's `_wandb` key: versions and telemetry, opaque to users. */
export const defaultWandbInternals = {
    cli_version: "0.19.1",
    python_version: "3.11.9",
    is_jupyter_run: false,
    is_kaggle_kernel: false,
    start_time: 0,
    t: {
        "1": [1, 5, 41, 55],
        "2": [1, 5, 41, 55],
        "3": [13, 16, 23, 55],
        "4": "3.11.9",
        "5": "0.19.1",
        "8": [5],
    },
    m: [],
};
/**
 * The config as W&B sends it: `wandb_version` bare first, then each user key wrapped as
 * `{"value": v, "desc": null}`, then `_wandb` as `{"value": {...}}` (wandb-core writes no `desc`).
 * A user key named `_wandb` or `wandb_version` replaces W&B's.
 */
export function wrapConfig(config, internals) {
    const wrapped = { wandb_version: 1 };
    for (const [key, value] of Object.entries(config)) {
        if (value === undefined)
            continue;
        wrapped[key] = key === "wandb_version" ? value : { value, desc: null };
    }
    if (!("_wandb" in config))
        wrapped._wandb = { value: internals };
    return wrapped;
}
/** Only the top-level `keys` of `object` that it has, in the order of `keys`. */
export function pickKeys(object, keys) {
    const picked = {};
    for (const key of keys) {
        if (Object.hasOwn(object, key) && object[key] !== undefined)
            picked[key] = object[key];
    }
    return picked;
}
//# sourceMappingURL=wire-writer.js.map