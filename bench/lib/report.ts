/** Renders benchmark results as bench/RESULTS.md. */
import { cpus, totalmem } from "node:os";
import type { BenchResult, Row } from "./result.js";
import { type Series, wideSpread } from "./stats.js";

/** The machine and run the results came from. */
export interface RunInfo {
  date: Date;
  totalSeconds: number;
  repetitions: number;
  /** One-minute load average at the start and at the end of the run. */
  load: [number, number];
}

function number(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const digits =
    Math.abs(value) >= 100 || unit === "requests" || unit === "bytes" ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function median(series: Series, unit: string): string {
  return `${number(series.median, unit)} ${unit}`;
}

function spread(series: Series, unit: string): string {
  if (series.min === series.max) return "none";
  const range = `${number(series.min, unit)}–${number(series.max, unit)}`;
  return series.wide ? `${range} **wide**` : range;
}

function verdict(row: Row): string {
  if (row.pass === undefined) return "info";
  return row.pass ? "PASS" : "**MISS**";
}

function ratio(row: Row): string {
  return row.ratio === undefined ? "" : `${number(row.ratio, "")}${row.ratioLabel ?? "x"}`;
}

function rowLine(row: Row): string {
  const cells = [
    row.metric,
    median(row.ours, row.unit),
    spread(row.ours, row.unit),
    row.baseline ? `${row.baseline.label}: ${median(row.baseline.value, row.unit)}` : "",
    row.baseline ? spread(row.baseline.value, row.unit) : "",
    ratio(row),
    row.target ?? "",
    verdict(row),
  ];
  return `| ${cells.join(" | ")} |`;
}

const header = [
  "| figure | ours (median) | ours spread (min–max) | baseline (median) | baseline spread | ratio | target | result |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
];

/** The whole RESULTS.md text. */
export function renderResults(results: readonly BenchResult[], info: RunInfo): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? "unknown CPU";
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (see `bench/main.ts`); do not edit by hand.",
    "",
    `- date: ${info.date.toISOString()}`,
    `- Node ${process.version} on ${process.platform} ${process.arch}`,
    `- ${cpu.length} cores: ${model}; ${(totalmem() / 1024 ** 3).toFixed(0)} GiB memory`,
    `- medians of ${info.repetitions} repetitions (more samples where a row says so); spread is min–max, **wide** when max/min > ${wideSpread}`,
    `- the whole run took ${info.totalSeconds.toFixed(0)} s; one-minute load average ${info.load[0].toFixed(2)} at the start, ${info.load[1].toFixed(2)} at the end (other work on the machine widens spreads)`,
    "",
    "## Targets at a glance",
    "",
    "| benchmark | figure | ratio | target | result |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const result of results) {
    for (const row of result.rows) {
      if (row.pass === undefined) continue;
      const figure =
        row.baseline && row.ratio !== undefined ? `${row.metric} vs ${row.baseline.label}` : row.metric;
      const value = row.ratio === undefined ? median(row.ours, row.unit) : ratio(row);
      lines.push(`| ${result.title} | ${figure} | ${value} | ${row.target ?? ""} | ${verdict(row)} |`);
    }
  }
  for (const result of results) {
    lines.push("", `## ${result.title}`, "", ...result.setup.map((line) => `- ${line}`), "", ...header);
    for (const row of result.rows) lines.push(rowLine(row));
    if (result.notes.length > 0) lines.push("", ...result.notes.map((note) => `- ${note}`));
    if (result.seconds > 0) lines.push("", `Took ${result.seconds.toFixed(1)} s.`);
  }
  return `${lines.join("\n")}\n`;
}
