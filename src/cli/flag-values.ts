/**
 * Flag values commander hands over as text: whole counts (`--limit`, `--samples`, `--port`),
 * seconds (`--timeout`), other numbers (`--tolerance`), comma-separated lists (`--keys`) and one of
 * a few words (`--format`, `--state`). Each throws UsageError naming the flag and what it expects.
 */
import { knownRunStates } from "../wire/run-fields.js";
import { durationMs } from "./units.js";
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

/** A number >= 0, plain or in e-notation (`--tolerance 1e-6`). */
export function nonNegativeNumber(text: string, flag: string): number {
  const value = /^\d+(?:\.\d+)?(?:e-?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(value >= 0))
    throw new UsageError(`bad ${flag} ${JSON.stringify(text)}: expected a number >= 0, e.g. 1e-6`);
  return value;
}

/** The items of a comma-separated list, trimmed, empty ones dropped. */
export function commaList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A parser of `flag` that takes one of `words` (`--format table`). */
export function oneOf<W extends string>(flag: string, words: readonly W[]): (text: string) => W {
  const expected = `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
  return (text) => {
    if ((words as readonly string[]).includes(text)) return text as W;
    throw new UsageError(`bad ${flag} ${JSON.stringify(text)}: expected ${expected}`);
  };
}

/**
 * `--state`: one of the states W&B reports. A typo (`finised`) is a usage error listing them,
 * decided before anything is asked, not a check that fails or a wait that never ends.
 */
export const parseRunState = oneOf("--state", knownRunStates);
