/**
 * `--history loss,val/loss` of `diff` and `check`: each key's sampled history of two runs (or
 * one) drawn on one x axis, as Mermaid charts for the step summary or text charts for a terminal.
 */
import {
  type ChartSeries,
  type HistoryRow,
  mermaidXyChart,
  type Run,
  runHistory,
  seriesChart,
} from "../index.js";
import { commaList } from "./flag-values.js";
import { lookUpKeyPath, topLevelKeysOf } from "./key-path.js";
import type { CliOutput } from "./output.js";
import { UsageError } from "./usage-error.js";

/** A run and what its line is called under a chart. */
export interface ChartedRun {
  run: Run;
  label: string;
}

/** The sampled history of each run, one request for all of them (history is a batched field group). */
export interface HistoryComparison {
  keys: readonly string[];
  series: ChartSeries[][];
}

/** At most this many keys: each is a chart, and a step summary is capped. */
const maxChartedKeys = 10;

/** Parses `--history loss,val/loss`. */
export function parseHistoryKeys(text: string): string[] {
  const keys = [...new Set(commaList(text))].filter((key) => key !== "_step");
  if (keys.length === 0) throw new UsageError("--history names no key (e.g. --history loss,val/loss)");
  if (keys.length > maxChartedKeys) {
    throw new UsageError(`--history names ${keys.length} keys; at most ${maxChartedKeys} charts`);
  }
  return keys;
}

/** Reads each run's sampled history of the keys, all runs in one tick so the SDK batches them. */
export async function compareHistories(
  runs: readonly ChartedRun[],
  keys: readonly string[],
): Promise<HistoryComparison> {
  const histories = await Promise.all(runs.map(({ run }) => runHistory(run, { keys: topLevelKeysOf(keys) })));
  const series = keys.map((key) => runs.map(({ label }, i) => seriesOf(histories[i] ?? [], key, label)));
  return { keys, series };
}

/** One Mermaid chart per key, each with the line saying which run is which colour. */
export function comparisonMarkdown(comparison: HistoryComparison): string {
  return comparison.keys
    .map((key, i) => mermaidXyChart(comparison.series[i] ?? [], { title: key, xLabel: "step" }))
    .join("\n");
}

/** One text chart per key, fitted to the terminal; braille and colours only on a terminal. */
export function comparisonText(
  comparison: HistoryComparison,
  output: CliOutput,
  env: Record<string, string | undefined>,
): string {
  const terminal = output.stdoutIsTty === true;
  return comparison.keys
    .map((key, i) =>
      seriesChart(comparison.series[i] ?? [], {
        width: output.columns ?? 80,
        height: 10,
        style: terminal ? "braille" : "ascii",
        color: terminal && !env.NO_COLOR,
        xLabel: `_step (${key})`,
      }),
    )
    .join("\n");
}

function seriesOf(rows: readonly HistoryRow[], key: string, name: string): ChartSeries {
  const x: number[] = [];
  const y: number[] = [];
  for (const row of rows) {
    const value = lookUpKeyPath(row, key);
    if (typeof value !== "number") continue;
    x.push(row._step);
    y.push(value);
  }
  return { name, x, y };
}
