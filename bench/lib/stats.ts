/** Medians and spreads of repeated measurements. */

/** A series of repeated measurements of one figure. */
export interface Series {
  /** Every sample, in the order taken. */
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** `max / min` is above {@link wideSpread}: the median is less trustworthy. */
  wide: boolean;
}

/** Spreads wider than this ratio (max / min) are flagged in the results. */
export const wideSpread = 1.5;

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Summarizes samples into a {@link Series}. */
export function series(samples: readonly number[]): Series {
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return {
    samples: [...samples],
    median: median(samples),
    min,
    max,
    wide: min > 0 ? max / min > wideSpread : max > 0,
  };
}
