/**
 * Run filters: a plain object in W&B's Mongo-style syntax (`{ state: "finished",
 * "config.lr.value": { $lt: 0.01 } }`), checked and serialized to the JSON text the `filters`
 * argument (a JSONString) carries.
 */
import { InvalidArgumentError } from "./errors.js";
/** The order W&B's runs listing accepts: `+` or `-` and one field path. */
const orderPattern = /^[+-]?[^\s+-][^\s]*$/;
function zoneLessUtc(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, "");
}
function encode(value, path, seen) {
    if (value === null || typeof value === "string" || typeof value === "boolean")
        return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value))
            throw new InvalidArgumentError(`filters${path}: ${value} cannot be sent as JSON`);
        return value;
    }
    if (value instanceof Date) {
        if (Number.isNaN(value.getTime()))
            throw new InvalidArgumentError(`filters${path}: invalid Date`);
        return zoneLessUtc(value);
    }
    if (typeof value !== "object") {
        throw new InvalidArgumentError(`filters${path}: a ${typeof value} cannot be sent as JSON`);
    }
    if (seen.has(value))
        throw new InvalidArgumentError(`filters${path}: the object refers to itself`);
    seen.add(value);
    try {
        if (Array.isArray(value))
            return value.map((item, index) => encode(item, `${path}[${index}]`, seen));
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) {
            const kind = value.constructor?.name ?? "object";
            throw new InvalidArgumentError(`filters${path}: a ${kind} cannot be sent as JSON; use plain objects, arrays and values`);
        }
        const encoded = {};
        for (const [key, item] of Object.entries(value)) {
            if (item === undefined)
                throw new InvalidArgumentError(`filters${path}.${key} is undefined`);
            encoded[key] = encode(item, `${path}.${key}`, seen);
        }
        return encoded;
    }
    finally {
        seen.delete(value);
    }
}
/** The JSON text of `filters`; throws InvalidArgumentError naming the first value JSON cannot carry. */
export function serializeFilters(filters) {
    if (filters === undefined)
        return "{}";
    if (typeof filters !== "object" || filters === null || Array.isArray(filters)) {
        throw new InvalidArgumentError('filters must be a plain object, e.g. { state: "finished" }');
    }
    return JSON.stringify(encode(filters, "", new Set()));
}
/** Checks an order like `"-created_at"` or `"+summary_metrics.train/loss"`. */
export function checkOrder(order) {
    if (order === undefined)
        return "+created_at";
    if (typeof order !== "string" || !orderPattern.test(order)) {
        throw new InvalidArgumentError(`order must be "+field" or "-field" with one field path (e.g. "-created_at", "+summary_metrics.acc"), got ${JSON.stringify(order)}`);
    }
    return order;
}
//# sourceMappingURL=filters.js.map