/**
 * W&B's `DateTime` strings: ISO 8601 with or without a zone designator and with 0 to 9 fraction
 * digits. The backend records UTC and often omits the `Z`, and `new Date(s)` reads a zone-less
 * date-time as local time, so nothing zone-less is ever handed to it.
 */
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
/**
 * Parses a W&B timestamp; a missing zone means UTC. Fractions beyond milliseconds are truncated
 * (a `Date` holds milliseconds). Throws a `RangeError` for anything that is not such a timestamp.
 */
export function parseWandbTime(text) {
    const match = isoDateTime.exec(text);
    if (!match)
        throw new RangeError(`not an ISO 8601 timestamp: ${JSON.stringify(text.slice(0, 64))}`);
    const [, year, month, day, hour, minute, second = "0", fraction = "", , sign, offsetHours, offsetMinutes] = match;
    const fields = {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second),
    };
    const millisecond = Number(fraction.slice(0, 3).padEnd(3, "0"));
    const date = new Date(0);
    // setUTCFullYear, unlike Date.UTC, does not move the years 0 to 99 into the 1900s.
    date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
    date.setUTCHours(fields.hour, fields.minute, fields.second, millisecond);
    // Date rolls 2024-02-30 over into March; a real timestamp never needs that.
    if (date.getUTCFullYear() !== fields.year ||
        date.getUTCMonth() !== fields.month - 1 ||
        date.getUTCDate() !== fields.day ||
        date.getUTCHours() !== fields.hour ||
        date.getUTCMinutes() !== fields.minute ||
        date.getUTCSeconds() !== fields.second) {
        throw new RangeError(`timestamp out of range: ${JSON.stringify(text)}`);
    }
    if (sign) {
        const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
        if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) {
            throw new RangeError(`timestamp offset out of range: ${JSON.stringify(text)}`);
        }
        date.setTime(date.getTime() - (sign === "+" ? offsetMs : -offsetMs));
    }
    return date;
}
//# sourceMappingURL=time.js.map