/**
 * The client process of the history benchmark, fresh for each measurement: one read of the long
 * run's history, timed, with the process's peak RSS (`process.resourceUsage().maxRSS`) and its RSS
 * before the read. Prints one JSON line ({@link HistorySample}) and exits.
 *
 * Modes:
 * - `scan-exports` / `scan-pages`: `scanRunHistory` of 2 keys, every row, from exports or pages;
 * - `range`: `scanRunHistory` of 2 keys, steps [minStep, maxStep), from exports;
 * - `scan-all`: `scanRunHistory` of every key, from exports;
 * - `columns`: `readRunHistoryColumns` of every key, from exports;
 * - `download`: `downloadHistoryExports` into a temporary folder (removed), for the file's size;
 * - `warm-pages`: the first page, so the server renders its JSON before pages are timed.
 *
 * Usage: node --expose-gc history-child.js <mode> <baseUrl> <apiKey> [minStep maxStep]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, downloadHistoryExports, readRunHistoryColumns, scanRunHistory } from "../src/index.js";
import { benchEntity, benchProjects, historyRunId } from "./lib/datasets.js";

/** What one child measured. */
export interface HistorySample {
  mode: HistoryMode;
  /** Rows read (or files written, for `download`). */
  rows: number;
  wallMs: number;
  /** RSS before the read, after a full GC, in bytes. */
  baselineRss: number;
  /** The process's peak RSS, in bytes. */
  peakRss: number;
}

/** What a child reads. */
export type HistoryMode =
  | "scan-exports"
  | "scan-pages"
  | "range"
  | "scan-all"
  | "columns"
  | "download"
  | "warm-pages";

const modes: readonly HistoryMode[] = [
  "scan-exports",
  "scan-pages",
  "range",
  "scan-all",
  "columns",
  "download",
  "warm-pages",
];
const hardLimitMs = 15 * 60_000;

const [mode, baseUrl, apiKey, minText, maxText] = process.argv.slice(2);
if (!modes.includes(mode as HistoryMode) || !baseUrl || !apiKey || !globalThis.gc) {
  console.error("usage: node --expose-gc history-child.js <mode> <baseUrl> <apiKey> [minStep maxStep]");
  process.exit(2);
}
setTimeout(() => {
  console.error(`history-child: not done after ${hardLimitMs} ms`);
  process.exit(3);
}, hardLimitMs).unref();

// The server renders a million rows' JSON on the first page: a busy machine needs minutes.
const wb = createClient({ apiKey, baseUrl, timeoutMs: 600_000, retry: { maxElapsedMs: 900_000 } });
const run = wb.run(`${benchEntity}/${benchProjects.history}/${historyRunId}`);
const twoKeys = ["m00", "m01"];

globalThis.gc();
const baselineRss = process.memoryUsage.rss();
const started = performance.now();
let rows = 0;
switch (mode as HistoryMode) {
  case "scan-exports":
  case "scan-pages":
    for await (const _row of scanRunHistory(run, {
      keys: twoKeys,
      source: mode === "scan-exports" ? "exports" : "pages",
    }))
      rows++;
    break;
  case "warm-pages":
    for await (const _row of scanRunHistory(run, { keys: twoKeys, source: "pages", maxStep: 1000 })) rows++;
    break;
  case "range":
    for await (const _row of scanRunHistory(run, {
      keys: twoKeys,
      source: "exports",
      minStep: Number(minText),
      maxStep: Number(maxText),
    }))
      rows++;
    break;
  case "scan-all":
    for await (const _row of scanRunHistory(run, { source: "exports" })) rows++;
    break;
  case "columns":
    rows = (await readRunHistoryColumns(run, { source: "exports" })).steps.length;
    break;
  case "download": {
    const dir = await mkdtemp(join(tmpdir(), "wandb-query-bench-history-"));
    try {
      rows = (await downloadHistoryExports(run, { dir })).files.length;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    break;
  }
}
const wallMs = performance.now() - started;
const sample: HistorySample = {
  mode: mode as HistoryMode,
  rows,
  wallMs,
  baselineRss,
  peakRss: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
process.exit(0);
