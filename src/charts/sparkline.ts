/** Sparklines: a series in a few block characters, for a column of a listing. */
import { finiteExtent } from "./chart-series.js";

const levels = "▁▂▃▄▅▆▇█";

/**
 * `values` as at most `width` block characters (`▁▂▃▅▇`), left to right, each the mean of the
 * values that fall in its slice. A slice with no finite value is a space; a flat series sits in
 * the middle. Empty input gives an empty string.
 *
 * @example
 * ```ts
 * sparkline([1, 0.8, 0.5, 0.4, 0.35]); // "█▆▃▂▁"
 * ```
 */
export function sparkline(values: readonly number[], width = 20): string {
  const slots = Math.max(1, Math.min(Math.floor(width), values.length));
  if (values.length === 0) return "";
  const means: number[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const start = Math.floor((slot * values.length) / slots);
    const end = Math.floor(((slot + 1) * values.length) / slots);
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      const value = values[i] as number;
      if (Number.isFinite(value)) {
        sum += value;
        count++;
      }
    }
    means.push(count === 0 ? Number.NaN : sum / count);
  }
  const extent = finiteExtent(means);
  if (!extent) return " ".repeat(slots);
  const span = extent.max - extent.min;
  const top = levels.length - 1;
  let line = "";
  for (const mean of means) {
    if (!Number.isFinite(mean)) line += " ";
    else line += levels[span === 0 ? Math.floor(top / 2) : Math.round(((mean - extent.min) / span) * top)];
  }
  return line;
}
