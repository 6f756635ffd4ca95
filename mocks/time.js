/**
 * W&B's DateTime wire form: ISO 8601 without a zone designator (the backend means UTC), 0 to 9
 * fraction digits. The mock writes it and reads it back (for descriptions given as strings and for
 * filter operands such as `"2024-01-01T00:00:00"`).
 */
const wireTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/**
 * Epoch milliseconds of a wire timestamp, reading a missing zone as UTC (`Date.parse` would read it
 * as local time); `undefined` when the text is not one. Digits past milliseconds are dropped.
 */
export function parseWireTimeMs(text) {
    const match = wireTimePattern.exec(text.trim());
    if (!match)
        return undefined;
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const ms = Number((fraction ?? "").padEnd(3, "0").slice(0, 3));
    const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), ms);
    return utc - zoneOffsetMs(zone);
}
function zoneOffsetMs(zone) {
    if (zone === undefined || zone === "Z")
        return 0;
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
/** `2024-05-02T14:03:11`: UTC, whole seconds, no zone, as W&B writes most run timestamps. */
export function formatWireTime(epochMs) {
    return new Date(epochMs).toISOString().slice(0, 19);
}
/** Reads a description's `Date | string`; throws a `TypeError` naming `what` when it is not a time. */
export function toWireTime(value, what) {
    if (typeof value === "string") {
        const ms = parseWireTimeMs(value);
        if (ms === undefined)
            throw new TypeError(`${what}: ${JSON.stringify(value)} is not an ISO 8601 time`);
        return { wire: value, ms };
    }
    const exact = value instanceof Date ? value.getTime() : Number.NaN;
    if (!Number.isFinite(exact))
        throw new TypeError(`${what}: not a valid Date`);
    // The wire shows whole seconds, so the instant filters and order compare is the one it shows.
    const ms = Math.floor(exact / 1000) * 1000;
    return { wire: formatWireTime(ms), ms };
}
//# sourceMappingURL=time.js.map