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

interface ParsedResults {
  head: string[];
  /** The rows of the table at a glance, each with the benchmark title of its first cell. */
  glance: Array<{ title: string; line: string }>;
  sections: Array<{ title: string; lines: string[] }>;
}

const glanceHeading = "## Targets at a glance";

function parseResults(text: string): ParsedResults {
  const lines = text.replace(/\n$/, "").split("\n");
  const glanceAt = lines.indexOf(glanceHeading);
  if (glanceAt < 0) throw new Error(`RESULTS.md has no "${glanceHeading}"`);
  const parsed: ParsedResults = { head: lines.slice(0, glanceAt), glance: [], sections: [] };
  let index = glanceAt + 1;
  for (; index < lines.length && !lines[index]?.startsWith("## "); index++) {
    const line = lines[index] as string;
    const title = /^\| ([^|]+) \|/.exec(line)?.[1]?.trim();
    if (title && title !== "benchmark" && !line.startsWith("| ---")) parsed.glance.push({ title, line });
  }
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.startsWith("## ")) parsed.sections.push({ title: line.slice(3), lines: [line] });
    else parsed.sections.at(-1)?.lines.push(line);
  }
  return parsed;
}

/**
 * `existing` RESULTS.md with the benchmarks of `results` measured again: their rows at a glance and
 * their sections replaced (or added), every other benchmark's left as it was, and a line in the
 * head saying which sections come from which run.
 */
export function mergeResults(existing: string, results: readonly BenchResult[], info: RunInfo): string {
  const old = parseResults(existing);
  const fresh = parseResults(renderResults(results, info));
  const titles = new Set(results.map((result) => result.title));
  const glance: string[] = [];
  const placed = new Set<string>();
  for (const row of old.glance) {
    if (!titles.has(row.title)) glance.push(row.line);
    else if (!placed.has(row.title)) {
      placed.add(row.title);
      glance.push(...fresh.glance.filter((candidate) => candidate.title === row.title).map((r) => r.line));
    }
  }
  glance.push(...fresh.glance.filter((row) => !placed.has(row.title)).map((row) => row.line));
  const sections = old.sections.map((section) =>
    titles.has(section.title)
      ? (fresh.sections.find((candidate) => candidate.title === section.title) ?? section)
      : section,
  );
  for (const section of fresh.sections) {
    if (!old.sections.some((candidate) => candidate.title === section.title)) sections.push(section);
  }
  const note = `- measured again on ${info.date.toISOString()} (a partial run, the rest as above): ${[...titles].join("; ")}; medians of ${info.repetitions} repetitions; the run took ${info.totalSeconds.toFixed(0)} s; one-minute load average ${info.load[0].toFixed(2)} at the start, ${info.load[1].toFixed(2)} at the end`;
  // An earlier partial run's line goes once every section it names has been measured again.
  const head = old.head.filter((line) => {
    const named = /^- measured again on \S+ \(a partial run, the rest as above\): (.*?); medians of /.exec(
      line,
    );
    return !named?.[1]?.split("; ").every((title) => titles.has(title));
  });
  while (head.at(-1) === "") head.pop();
  const lines = [
    ...head,
    note,
    "",
    glanceHeading,
    "",
    "| benchmark | figure | ratio | target | result |",
    "| --- | --- | --- | --- | --- |",
    ...glance,
  ];
  for (const section of sections) {
    while (section.lines.at(-1) === "") section.lines.pop();
    lines.push("", ...section.lines);
  }
  return `${lines.join("\n")}\n`;
}
