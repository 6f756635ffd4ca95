/** What a benchmark hands the report: its setup, and rows of figures held against targets. */
import type { Series } from "./stats.js";

/** One figure: ours, optionally a baseline's and their ratio, and the target it is held to. */
export interface Row {
  /** What is measured, e.g. "HTTP requests". */
  metric: string;
  /** Unit of `ours` and `baseline`, e.g. "ms", "requests", "MB/s". */
  unit: string;
  ours: Series;
  baseline?: { label: string; value: Series };
  /** The ratio the target speaks of, e.g. 100 for "100x fewer requests". */
  ratio?: number;
  /** How to read `ratio`, e.g. "x fewer", "x of JSON.parse". */
  ratioLabel?: string;
  /** The target in words, e.g. "≥ 50x fewer". Rows without one are for information. */
  target?: string;
  pass?: boolean;
}

/** The outcome of one benchmark. */
export interface BenchResult {
  /** Short id used on the command line, e.g. "batching". */
  id: string;
  title: string;
  /** What was run, one line each. */
  setup: string[];
  rows: Row[];
  /** Findings worth reading next to the figures (why a target is missed, what was changed). */
  notes: string[];
  /** Wall-clock seconds the benchmark took, setup included. */
  seconds: number;
  /** Parameters the notes refer to, e.g. `{ runs: 100000 }`. */
  facts?: Record<string, number>;
}
