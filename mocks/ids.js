/**
 * Identifiers as W&B shapes them: GraphQL ids are base64 of `Type:...`, cursors are opaque, digests
 * are hex. All derived from stable inputs, so the same dataset always gives the same ids.
 */
/** Base64 of `text`, as W&B's global ids (`Run:v1:<id>:<project>:<entity>`). */
export function globalId(text) {
    return Buffer.from(text, "utf8").toString("base64");
}
/** An opaque cursor for position `index` of a list of `kind`. */
export function encodeCursor(kind, index) {
    return globalId(`${kind}:${index}`);
}
/**
 * The position a cursor from {@link encodeCursor} names; throws when it is not one of `kind` (a
 * cursor from another list, or not a cursor at all), which the client sees as a GraphQL error.
 */
export function decodeCursor(kind, cursor) {
    const text = Buffer.from(cursor, "base64").toString("utf8");
    const prefix = `${kind}:`;
    const index = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : Number.NaN;
    if (!Number.isSafeInteger(index) || index < 0)
        throw new Error(`invalid cursor ${JSON.stringify(cursor)}`);
    return index;
}
/**
 * `length` hex digits derived from `text` (FNV-1a, rounds salted): a stand-in for an md5 digest or
 * a commit hash that stays the same from run to run.
 */
export function hexDigest(text, length) {
    let out = "";
    for (let round = 0; out.length < length; round++) {
        let hash = 0x811c9dc5 ^ round;
        for (let i = 0; i < text.length; i++) {
            hash ^= text.charCodeAt(i);
            hash = Math.imul(hash, 0x01000193);
        }
        out += (hash >>> 0).toString(16).padStart(8, "0");
    }
    return out.slice(0, length);
}
//# sourceMappingURL=ids.js.map