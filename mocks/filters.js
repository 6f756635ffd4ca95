import { runField } from "./run-fields.js";
import { parseWireTimeMs } from "./time.js";
import { writeExtendedJson } from "./wire-writer.js";
/**
 * Compiles the `filters` argument: a JSONString holding the filter document; `null`, `""` and
 * `"{}"` match every run. Throws, as a GraphQL error for the client, on text that is not JSON, an
 * unknown operator or field, or an operand of the wrong shape.
 */
export function compileFilters(filters) {
    const document = parseFilters(filters);
    const filter = { test: compileDocument(document, "filters") };
    const names = pinnedNames(document);
    if (names)
        filter.names = names;
    return filter;
}
/** The filter text as a cache key: `null` and `""` mean the same as `"{}"`. */
export function filtersKey(filters) {
    if (filters === null || filters === undefined || filters === "")
        return "{}";
    if (typeof filters !== "string")
        throw new Error("filters must be a JSON string (JSONString)");
    return filters;
}
function parseFilters(filters) {
    const text = filtersKey(filters);
    let document;
    try {
        document = JSON.parse(text);
    }
    catch {
        throw new Error(`filters is not valid JSON: ${text}`);
    }
    return asDocument(document, "filters");
}
function asDocument(value, where) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${where} must be a JSON object`);
    }
    return value;
}
function compileDocument(document, where) {
    const parts = Object.entries(document).map(([key, condition]) => {
        if (key === "$and" || key === "$or" || key === "$nor")
            return compileLogical(key, condition, where);
        if (key.startsWith("$"))
            throw new Error(`unknown operator ${key} in ${where}`);
        return compileCondition(runField(key), condition, key);
    });
    return allOf(parts);
}
function compileLogical(operator, operand, where) {
    if (!Array.isArray(operand) || operand.length === 0) {
        throw new Error(`${operator} in ${where} needs a non-empty list of filters`);
    }
    const parts = operand.map((item, i) => compileDocument(asDocument(item, `${operator}[${i}]`), operator));
    if (operator === "$and")
        return allOf(parts);
    if (operator === "$or")
        return (run) => parts.some((part) => part(run));
    return (run) => !parts.some((part) => part(run));
}
function allOf(parts) {
    if (parts.length === 1)
        return parts[0];
    return (run) => parts.every((part) => part(run));
}
function isOperatorObject(condition, path) {
    if (condition === null || typeof condition !== "object" || Array.isArray(condition))
        return false;
    const keys = Object.keys(condition);
    const operators = keys.filter((key) => key.startsWith("$")).length;
    if (operators > 0 && operators < keys.length) {
        throw new Error(`the condition on ${path} mixes operators and plain keys`);
    }
    return operators > 0;
}
function compileCondition(field, condition, path) {
    if (!isOperatorObject(condition, path))
        return compileOperator(field, "$eq", condition, path, undefined);
    const options = condition.$options;
    const parts = Object.entries(condition)
        .filter(([operator]) => operator !== "$options")
        .map(([operator, operand]) => compileOperator(field, operator, operand, path, options));
    if (parts.length === 0)
        throw new Error(`$options on ${path} needs a $regex`);
    return allOf(parts);
}
function compileOperator(field, operator, rawOperand, path, regexOptions) {
    const read = field.read;
    const list = field.kind === "list";
    // On a list field an operator holds when any element satisfies it.
    const some = (value, test) => list && Array.isArray(value) ? value.some(test) : test(value);
    switch (operator) {
        case "$eq":
        case "$ne": {
            const operand = operandOf(field, rawOperand, path);
            const negate = operator === "$ne";
            if (operand === null)
                return (run) => isMissing(read(run)) !== negate;
            if (Array.isArray(operand))
                return (run) => !isMissing(read(run)) && equals(read(run), operand) !== negate;
            return (run) => {
                const value = read(run);
                return !isMissing(value) && some(value, (element) => equals(element, operand)) !== negate;
            };
        }
        case "$in":
        case "$nin": {
            if (!Array.isArray(rawOperand))
                throw new Error(`${operator} on ${path} needs a list`);
            const operands = rawOperand.map((item) => operandOf(field, item, path));
            const wantsMissing = operands.includes(null);
            const present = operands.filter((item) => item !== null);
            const hit = (value) => some(value, (element) => present.some((item) => equals(element, item)));
            if (operator === "$in")
                return (run) => (isMissing(read(run)) ? wantsMissing : hit(read(run)));
            return (run) => !isMissing(read(run)) && !hit(read(run));
        }
        case "$gt":
        case "$gte":
        case "$lt":
        case "$lte": {
            const operand = operandOf(field, rawOperand, path);
            const holds = comparisonHolds[operator];
            return (run) => {
                const value = read(run);
                return !isMissing(value) && some(value, (element) => holds(compare(element, operand)));
            };
        }
        case "$exists": {
            if (typeof rawOperand !== "boolean")
                throw new Error(`$exists on ${path} needs true or false`);
            return (run) => isMissing(read(run)) !== rawOperand;
        }
        case "$regex": {
            // JavaScript RegExp stands in for W&B's RE2: the two agree on the patterns filters use
            // (classes, anchors, alternation, repetition); RE2 lacks backreferences and lookaround.
            const pattern = compileRegex(rawOperand, regexOptions, path);
            return (run) => {
                const value = read(run);
                return (!isMissing(value) && some(value, (element) => typeof element === "string" && pattern.test(element)));
            };
        }
        default:
            throw new Error(`unknown operator ${operator} on ${path}`);
    }
}
const comparisonHolds = {
    $gt: (order) => order !== undefined && order > 0,
    $gte: (order) => order !== undefined && order >= 0,
    $lt: (order) => order !== undefined && order < 0,
    $lte: (order) => order !== undefined && order <= 0,
};
// Time fields compare instants: a filter's "2024-01-01T00:00:00" is zone-less UTC, like the wire.
function operandOf(field, operand, path) {
    if (operand === undefined)
        throw new Error(`missing operand on ${path}`);
    if (field.kind !== "time" || typeof operand !== "string")
        return operand;
    const ms = parseWireTimeMs(operand);
    if (ms === undefined)
        throw new Error(`${JSON.stringify(operand)} on ${path} is not an ISO 8601 time`);
    return ms;
}
function compileRegex(pattern, options, path) {
    if (typeof pattern !== "string")
        throw new Error(`$regex on ${path} needs a string`);
    if (options !== undefined && (typeof options !== "string" || !/^[ims]*$/.test(options))) {
        throw new Error(`$options on ${path} may hold only i, m and s`);
    }
    try {
        return new RegExp(pattern, options ?? "");
    }
    catch {
        throw new Error(`$regex on ${path} is not a valid pattern: ${pattern}`);
    }
}
function isMissing(value) {
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
function equals(value, operand) {
    if (value === undefined)
        return false;
    if (typeof value !== "object" || value === null)
        return value === operand;
    if (typeof operand !== "object" || operand === null)
        return false;
    return writeExtendedJson(value) === writeExtendedJson(operand);
}
/** Negative, zero or positive; `undefined` when the two cannot be ordered (mixed types, NaN). */
function compare(value, operand) {
    if (typeof value === "number" && typeof operand === "number") {
        return Number.isNaN(value) || Number.isNaN(operand) ? undefined : value - operand;
    }
    if (typeof value === "string" && typeof operand === "string") {
        return value < operand ? -1 : value > operand ? 1 : 0;
    }
    return undefined;
}
function pinnedNames(document) {
    const condition = document.name;
    if (typeof condition === "string")
        return [condition];
    if (condition !== null && typeof condition === "object" && !Array.isArray(condition)) {
        const entries = Object.entries(condition);
        const [operator, operand] = entries[0] ?? [];
        if (entries.length === 1 && operator === "$eq" && typeof operand === "string")
            return [operand];
        if (entries.length === 1 && operator === "$in" && Array.isArray(operand)) {
            if (operand.every((item) => typeof item === "string"))
                return operand;
        }
    }
    const and = document.$and;
    if (Array.isArray(and)) {
        for (const item of and) {
            if (item !== null && typeof item === "object" && !Array.isArray(item)) {
                const names = pinnedNames(item);
                if (names)
                    return names;
            }
        }
    }
    return undefined;
}
//# sourceMappingURL=filters.js.map