/**
 * `npm run bench`: compiles bench/ (with the SDK and mock sources it imports) to dist-bench/, then
 * runs every benchmark and writes bench/RESULTS.md. Each benchmark starts its mock server in a
 * separate process on 127.0.0.1; the streaming benchmark also runs its client in a fresh process
 * per size. Not part of `npm test`.
 *
 * Flags: `--only batching,spread,dataloader,projection,json,streaming,artifacts,cache,export,history` runs a subset and `--reps N` changes the
 * repetitions (default 5); either writes dist-bench/RESULTS.md instead, so only a full run with
 * at least 5 repetitions replaces the committed results. Every run also writes its raw results to
 * dist-bench/results.json; `--render FILE` writes RESULTS.md again from such a file with the
 * current notes (bench/findings.ts), without measuring anything; with `--into bench/RESULTS.md` the
 * benchmarks of a partial run replace their own sections of the committed results, the others
 * staying as they were.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { artifactsBenchmark } from "./artifacts.js";
import { batchingBenchmark } from "./batching.js";
import { dataLoaderBenchmark } from "./dataloader.js";
import { exportBenchResult } from "./export.js";
import { notesFor } from "./findings.js";
import { historyBenchmark } from "./history.js";
import { mergeResults, type RunInfo, renderResults } from "./lib/report.js";
import type { BenchResult } from "./lib/result.js";
import { elapsedMs } from "./lib/timing.js";
import { projectionBenchmark } from "./projection.js";
import { sharedCacheBenchmark } from "./shared-cache.js";
import { spreadBenchmark } from "./spread.js";
import { streamingBenchmark } from "./streaming.js";
import { tolerantJsonBenchmark } from "./tolerant-json.js";

/** What dist-bench/results.json holds: a run's raw results, before any notes. */
interface SavedRun {
  full: boolean;
  info: Omit<RunInfo, "date"> & { date: Date | string };
  results: BenchResult[];
}

const ids = [
  "batching",
  "spread",
  "dataloader",
  "projection",
  "json",
  "streaming",
  "artifacts",
  "cache",
  "export",
  "history",
] as const;

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

const args = process.argv.slice(2);
const renderFrom = option(args, "render");
if (renderFrom !== undefined) {
  const saved = JSON.parse(readFileSync(renderFrom, "utf8")) as SavedRun;
  for (const result of saved.results) result.notes = notesFor(result, saved.results);
  const info = { ...saved.info, date: new Date(saved.info.date) };
  const into = option(args, "into");
  if (into !== undefined) {
    writeFileSync(into, mergeResults(readFileSync(into, "utf8"), saved.results, info));
    console.log(`merged ${renderFrom} into ${into}`);
    process.exit(0);
  }
  const target = new URL(saved.full ? "../../bench/RESULTS.md" : "../RESULTS.md", import.meta.url);
  writeFileSync(target, renderResults(saved.results, info));
  console.log(`wrote ${fileURLToPath(target)} from ${renderFrom}`);
  process.exit(0);
}
const only = option(args, "only")?.split(",");
const repetitions = Number(option(args, "reps") ?? 5);
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error("--reps needs a positive integer");
const unknown = only?.filter((id) => !(ids as readonly string[]).includes(id)) ?? [];
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${ids.join(", ")}`);
const wanted = (id: (typeof ids)[number]) => !only || only.includes(id);

/** The whole run must end well within this; a stuck benchmark fails instead of hanging. */
const runLimitMs = 60 * 60_000;
setTimeout(() => {
  console.error(`bench: not done after ${runLimitMs / 60_000} minutes; giving up`);
  process.exit(1);
}, runLimitMs).unref();

const started = performance.now();
const loadBefore = loadavg()[0] ?? 0;
const results: BenchResult[] = [];
const log = (result: BenchResult) => {
  results.push(result);
  console.log(`${result.title}: ${result.seconds.toFixed(1)} s`);
  for (const row of result.rows) {
    if (row.pass === undefined) continue;
    const figure =
      row.ratio === undefined
        ? `${row.ours.median.toFixed(2)} ${row.unit}`
        : `${row.ratio.toFixed(2)}${row.ratioLabel ?? "x"}`;
    console.log(`  ${row.pass ? "PASS" : "MISS"} ${row.metric}: ${figure} (target ${row.target})`);
  }
};

if (wanted("batching")) {
  for (const result of await batchingBenchmark({ repetitions, runs: 1000, latencyMs: 25 })) log(result);
}
if (wanted("spread")) {
  log(await spreadBenchmark({ repetitions, runs: 3000, windowMs: 1500, latencyMs: 25 }));
}
if (wanted("dataloader")) {
  log(
    await dataLoaderBenchmark({
      repetitions,
      sameTickRuns: 1000,
      burstRuns: 600,
      spreadRuns: 3000,
      windowMs: 1500,
      latencyMs: 25,
    }),
  );
}
if (wanted("projection")) log(await projectionBenchmark({ repetitions, runs: 100, summaryKeys: 2000 }));
if (wanted("json")) log(await tolerantJsonBenchmark({ repetitions, bytes: 5_000_000 }));
if (wanted("streaming")) log(await streamingBenchmark({ repetitions, runs: 100_000, smallRuns: 20_000 }));
if (wanted("artifacts")) {
  log(
    await artifactsBenchmark({
      repetitions,
      versionsPerProject: 50,
      manyFiles: 1000,
      throughput: { files: 16, bytes: 16 * 1024 * 1024 },
      large: { files: 4, bytes: 256 * 1024 * 1024 },
      concurrency: 8,
      // Each writes 1 GiB to a temporary folder (removed): three are enough for a median.
      largeRepetitions: Math.min(repetitions, 3),
    }),
  );
}

if (wanted("cache")) log(await sharedCacheBenchmark({ repetitions, runs: 1000, listings: 50 }));

if (wanted("history")) {
  log(
    await historyBenchmark({
      repetitions: Math.min(repetitions, 3),
      steps: 1_000_000,
      metrics: 20,
      range: [500_000, 510_000],
    }),
  );
}
const full = !only && repetitions >= 5;
const info = {
  date: new Date(),
  totalSeconds: elapsedMs(started) / 1000,
  repetitions,
  load: [loadBefore, loadavg()[0] ?? 0] as [number, number],
};
writeFileSync(
  new URL("../results.json", import.meta.url),
  JSON.stringify({ full, info, results } satisfies SavedRun),
);
// Issue #20's size: 2,000 runs x 5,000 steps (10M history rows held by the mock: several GB).
if (wanted("export")) log(await exportBenchResult({ runs: 2000, steps: 5000, latencyMs: 25 }));

for (const result of results) result.notes.push(...notesFor(result, results));
const target = new URL(full ? "../../bench/RESULTS.md" : "../RESULTS.md", import.meta.url);
const text = renderResults(results, info);
writeFileSync(target, text);
console.log(`wrote ${fileURLToPath(target)} in ${(elapsedMs(started) / 1000).toFixed(0)} s`);
