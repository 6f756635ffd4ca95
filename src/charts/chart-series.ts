/**
 * The lines a chart draws, and how they are read from history rows. Every chart in this folder
 * takes {@link ChartSeries}: the renderers never look inside a history row.
 */
import type { HistoryRow } from "../wire/history.js";

/**
 * A named line: `x[i]` and `y[i]` are one point, in ascending `x`. A `y` that is not a finite
 * number (NaN, ±Infinity) is a gap: the line breaks there rather than jumping to an axis edge.
 */
export interface ChartSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * One key of some history rows as a {@link ChartSeries} against `xKey` (default `_step`). Rows
 * without a numeric `xKey` or without a numeric value of `key` are left out; a NaN or ±Infinity
 * value is kept (as a gap). Keys are top-level history keys, as W&B logs them (`train/loss`).
 *
 * @example
 * ```ts
 * const rows = await runHistory(run, { keys: ["loss"] });
 * const loss = historySeries(rows, "loss");
 * ```
 */
export function historySeries(
  rows: readonly HistoryRow[],
  key: string,
  options: { xKey?: string; name?: string } = {},
): ChartSeries {
  const xKey = options.xKey ?? "_step";
  const points: [number, number][] = [];
  for (const row of rows) {
    const x = Object.hasOwn(row, xKey) ? row[xKey] : undefined;
    const y = Object.hasOwn(row, key) ? row[key] : undefined;
    if (typeof x === "number" && Number.isFinite(x) && typeof y === "number") points.push([x, y]);
  }
  // Sampled history arrives sorted by `_step`; another x axis (`--x _runtime`) need not be.
  if (xKey !== "_step") points.sort((a, b) => a[0] - b[0]);
  return { name: options.name ?? key, x: points.map((p) => p[0]), y: points.map((p) => p[1]) };
}

/** The smallest and largest finite numbers of a list, or undefined when it has none. */
export function finiteExtent(values: readonly number[]): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : undefined;
}

/** The x of the first and last finite point of a series, or undefined when it has none. */
export function drawnXExtent(series: ChartSeries): { min: number; max: number } | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < series.y.length; i++) {
    if (!Number.isFinite(series.y[i])) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : { min: series.x[first] as number, max: series.x[last] as number };
}

/**
 * The series' value at `x`, by straight lines between its finite points; undefined outside its
 * drawn extent. `from` is where to start looking (an index at or before the answer's), so reading
 * ascending positions is one pass; the index reached is returned for the next call.
 */
export function valueAt(series: ChartSeries, x: number, from: number): { value?: number; next: number } {
  const { x: xs, y: ys } = series;
  let i = from;
  while (i < xs.length && ((xs[i] as number) < x || !Number.isFinite(ys[i]))) i++;
  if (i >= xs.length) return { next: i };
  const right = i;
  if ((xs[right] as number) === x) return { value: ys[right] as number, next: right };
  let left = right - 1;
  while (left >= 0 && !Number.isFinite(ys[left])) left--;
  if (left < 0) return { next: right };
  const [x0, x1] = [xs[left] as number, xs[right] as number];
  const [y0, y1] = [ys[left] as number, ys[right] as number];
  return { value: y0 + ((y1 - y0) * (x - x0)) / (x1 - x0), next: left };
}
