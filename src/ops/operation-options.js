/** Options every run operation takes, and their checks (before any request). */
import { InvalidArgumentError } from "../errors.js";
import { assertKnownOptions, positiveInteger } from "../options.js";
const baseNames = ["signal", "fresh"];
/** Checks an operation's options object; returns it typed, with defaults for absent fields. */
export function checkOptions(options, operation, extraNames = []) {
    if (options === undefined)
        return {};
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
        throw new InvalidArgumentError(`${operation}: options must be an object`, { operation });
    }
    assertKnownOptions(options, new Set([...baseNames, ...extraNames]), operation);
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
        throw new InvalidArgumentError(`${operation}: signal must be an AbortSignal`, { operation });
    }
    if (options.fresh !== undefined && typeof options.fresh !== "boolean") {
        throw new InvalidArgumentError(`${operation}: fresh must be true or false`, { operation });
    }
    return options;
}
/** A list of keys: non-empty strings, duplicates dropped; undefined stays undefined. */
export function checkKeys(keys, operation) {
    if (keys === undefined)
        return undefined;
    if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string" || key === "")) {
        throw new InvalidArgumentError(`${operation}: keys must be an array of non-empty strings`, { operation });
    }
    return [...new Set(keys)];
}
/** A whole number >= 1 or the default, with the operation named in the error. */
export function checkCount(value, name, operation, fallback) {
    try {
        return positiveInteger(value, name, fallback);
    }
    catch (error) {
        throw new InvalidArgumentError(`${operation}: ${error.message}`, { operation });
    }
}
//# sourceMappingURL=operation-options.js.map