/**
 * Reading raw wire fields into clean values, with the run and field named when one cannot be read.
 * Everything past this module deals in parsed objects and `Date`s.
 */
import { WandbResponseError } from "../errors.js";
import { parseTolerantJson, replaceSpecialStrings } from "./json.js";
import { parseWandbTime } from "./time.js";
function unreadable(source, why, cause) {
    const where = source.runPath ? ` of run ${source.runPath}` : "";
    return new WandbResponseError(`cannot read field ${source.field}${where}: ${why}`, {
        field: source.field,
        runPath: source.runPath,
        operation: source.operation,
        cause,
    });
}
/**
 * A JSONString field holding an object (`config`, `summaryMetrics`, `metadata`, a history row).
 * `null`, `""` and JSON `null` mean `{}`; an already-parsed object is accepted too (some servers
 * and test stubs send one).
 */
export function readJsonObject(raw, source, options = {}) {
    if (raw === null || raw === undefined || raw === "")
        return {};
    let value;
    if (typeof raw === "string") {
        try {
            value = parseTolerantJson(raw, options);
        }
        catch (error) {
            throw unreadable(source, error instanceof Error ? error.message : String(error), error);
        }
    }
    else {
        value = raw;
        if (options.specialStrings)
            value = replaceSpecialStrings(value);
    }
    if (value === null)
        return {};
    if (typeof value !== "object" || Array.isArray(value)) {
        throw unreadable(source, `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`);
    }
    return value;
}
/** A non-null `DateTime` field. */
export function readTime(raw, source) {
    if (typeof raw !== "string")
        throw unreadable(source, `expected a timestamp string, got ${typeof raw}`);
    try {
        return parseWandbTime(raw);
    }
    catch (error) {
        throw unreadable(source, error instanceof Error ? error.message : String(error), error);
    }
}
/** A nullable `DateTime` field: `null` stays `null`. */
export function readOptionalTime(raw, source) {
    return raw === null || raw === undefined ? null : readTime(raw, source);
}
// Keys W&B keeps in a run's config for itself; they are not the user's hyperparameters.
const internalConfigKeys = new Set(["_wandb", "wandb_version"]);
/**
 * A config as the user logged it: each top-level `{value, desc}` entry unwrapped to its `value`
 * (only an object that has a `value` key: older entries are stored bare), `_wandb` and
 * `wandb_version` removed, nested values untouched.
 */
export function unwrapConfig(wire) {
    const config = {};
    for (const key of Object.keys(wire)) {
        if (internalConfigKeys.has(key))
            continue;
        const entry = wire[key];
        const value = entry !== null && typeof entry === "object" && !Array.isArray(entry) && Object.hasOwn(entry, "value")
            ? entry.value
            : entry;
        defineOwn(config, key, value);
    }
    return config;
}
/** A summary without its top-level `_wandb` entry; `_step`, `_runtime`, `_timestamp` stay. */
export function cleanSummary(wire) {
    if (!Object.hasOwn(wire, "_wandb"))
        return wire;
    const summary = {};
    for (const key of Object.keys(wire)) {
        if (key !== "_wandb")
            defineOwn(summary, key, wire[key]);
    }
    return summary;
}
/** Sets an own property even when the key is `__proto__`, as JSON.parse does. */
export function defineOwn(target, key, value) {
    if (key === "__proto__") {
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    }
    else {
        target[key] = value;
    }
}
//# sourceMappingURL=fields.js.map