/** The options history reads share (`scanRunHistory`, `readRunHistoryColumns`), and their checks. */
import { InvalidArgumentError } from "../errors.js";
import type { HistoryRead, HistorySource } from "../history/export-read.js";
import { checkCount, checkKeys, checkOptions } from "./operation-options.js";

/** Where history comes from: see {@link ScanRunHistoryOptions.source}. */
export type { HistorySource };

const sources: readonly HistorySource[] = ["auto", "exports", "pages"];

/** `minStep` (default 0) and `maxStep` (exclusive, optional), checked: whole numbers, min <= max. */
export function checkStepRange(
  options: { minStep?: number | undefined; maxStep?: number | undefined },
  operation: string,
): { minStep: number; maxStep: number | undefined } {
  const minStep = options.minStep ?? 0;
  if (!Number.isSafeInteger(minStep) || minStep < 0) {
    throw new InvalidArgumentError(`${operation}: minStep must be a whole number >= 0`, { operation });
  }
  const { maxStep } = options;
  if (maxStep !== undefined && (!Number.isSafeInteger(maxStep) || maxStep < minStep)) {
    throw new InvalidArgumentError(`${operation}: maxStep must be a whole number >= minStep`, { operation });
  }
  return { minStep, maxStep };
}

/** `source`, default `"auto"`. */
export function checkSource(source: unknown, operation: string): HistorySource {
  if (source === undefined) return "auto";
  if (typeof source !== "string" || !sources.includes(source as HistorySource)) {
    throw new InvalidArgumentError(`${operation}: source must be "auto", "exports" or "pages"`, {
      operation,
    });
  }
  return source as HistorySource;
}

/** `cacheDir`: a non-empty path, or none. */
export function checkCacheDir(cacheDir: unknown, operation: string): string | undefined {
  if (cacheDir === undefined) return undefined;
  if (typeof cacheDir !== "string" || cacheDir.trim() === "") {
    throw new InvalidArgumentError(`${operation}: cacheDir must be a non-empty path`, { operation });
  }
  return cacheDir;
}

/** What `scanRunHistory` and `readRunHistoryColumns` both take. */
interface HistoryReadOptions {
  keys?: readonly string[] | undefined;
  pageSize?: number | undefined;
  minStep?: number | undefined;
  maxStep?: number | undefined;
  source?: HistorySource | undefined;
  cacheDir?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A full history read's options, checked (a bad one throws before anything is sent). */
export function checkHistoryRead(options: HistoryReadOptions | undefined, operation: string): HistoryRead {
  const checked = checkOptions(options as HistoryReadOptions & { fresh?: undefined }, operation, [
    "keys",
    "pageSize",
    "minStep",
    "maxStep",
    "source",
    "cacheDir",
  ]);
  return {
    keys: checkKeys(checked.keys, operation),
    pageSize: checkCount(checked.pageSize, "pageSize", operation, 1000),
    ...checkStepRange(checked, operation),
    source: checkSource(checked.source, operation),
    signal: checked.signal,
    cacheDir: checkCacheDir(checked.cacheDir, operation),
  };
}
