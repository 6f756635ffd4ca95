/**
 * W&B's `DateTime` strings: ISO 8601 with or without a zone designator and with 0 to 9 fraction
 * digits. The backend records UTC and often omits the `Z`, and `new Date(s)` reads a zone-less
 * date-time as local time, so nothing zone-less is ever handed to it.
 */

const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Parses a W&B timestamp; a missing zone means UTC. Fractions beyond milliseconds are truncated
 * (a `Date` holds milliseconds). Throws a `RangeError` for anything that is not such a timestamp.
 */
export function parseWandbTime(text: string): Date {
  const common = parseCommonForm(text);
  if (common !== undefined) return new Date(common);
  const match = isoDateTime.exec(text);
  if (!match) throw new RangeError(`not an ISO 8601 timestamp: ${JSON.stringify(text.slice(0, 64))}`);
  const [, year, month, day, hour, minute, second = "0", fraction = "", , sign, offsetHours, offsetMinutes] =
    match;
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
  if (
    date.getUTCFullYear() !== fields.year ||
    date.getUTCMonth() !== fields.month - 1 ||
    date.getUTCDate() !== fields.day ||
    date.getUTCHours() !== fields.hour ||
    date.getUTCMinutes() !== fields.minute ||
    date.getUTCSeconds() !== fields.second
  ) {
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

const zero = 48;

// The digits of `text` from `start` to `end` as a number, or -1 when one is not a digit.
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - zero;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Epoch milliseconds of the form W&B sends for nearly every timestamp, `2024-05-02T14:03:11`
 * (zone-less, whole seconds, year 100 or later), read without the regular expression; `undefined`
 * for any other text, which the general parser then reads (or rejects). A batch of 1,000 runs holds
 * thousands of timestamps, and the general path's match and substrings showed in its profile.
 */
function parseCommonForm(text: string): number | undefined {
  if (text.length !== 19) return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (daysInMonth[month - 1] as number);
  if (day > monthDays) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
