/** The value at `path` in `value`, or `undefined` when there is none. */
export function readKeyPath(value, path) {
    return readParts(value, path.split("."), 0);
}
function readParts(value, parts, from) {
    if (from === parts.length)
        return value;
    if (value === null || typeof value !== "object" || Array.isArray(value))
        return undefined;
    for (let end = parts.length; end > from; end--) {
        const key = end === from + 1 ? parts[from] : parts.slice(from, end).join(".");
        if (!Object.hasOwn(value, key))
            continue;
        const found = readParts(value[key], parts, end);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
//# sourceMappingURL=key-path.js.map