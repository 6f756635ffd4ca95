/** Numeric flag values: whole counts (`--limit`, `--samples`, `--port`) and seconds (`--timeout`). */
import { durationMs } from "./duration.js";
import { UsageError } from "./usage-error.js";

/** A whole number >= `min` (default 1), written in plain digits. */
export function wholeNumber(text: string, flag: string, min = 1): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`bad ${flag} ${JSON.stringify(text)}: expected a whole number >= ${min}`);
  }
  return value;
}

/**
 * A positive number of seconds, fractions allowed (`--timeout 2.5`), or a duration with its unit
 * (`--timeout 90s`, `2h`), in seconds.
 */
export function positiveSeconds(text: string, flag: string): number {
  const value = /^\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : (durationMs(text) ?? Number.NaN) / 1000;
  if (!(value > 0))
    throw new UsageError(
      `bad ${flag} ${JSON.stringify(text)}: expected seconds > 0 or a duration, e.g. 30, 90s, 2h`,
    );
  return value;
}
