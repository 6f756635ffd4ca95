/**
 * Benchmark 8 (history at scale): one run of 1,000,000 steps × 20 metrics whose history W&B has
 * exported to Parquet, read by a fresh client process per measurement (the mock server in a
 * process of its own, not measured). `scanRunHistory` of 2 keys from the exports against the same
 * from pages (time and peak RSS); a 10,000-step range from the exports (bytes read from storage
 * against the file's size); `readRunHistoryColumns` of every key against `scanRunHistory` of every
 * key, both from the exports.
 */
import type { HistoryMode, HistorySample } from "./history-child.js";
import { runMeasuringChild } from "./lib/measuring-child.js";
import type { BenchResult } from "./lib/result.js";
import { startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs } from "./lib/timing.js";

/** Options of the history benchmark. */
export interface HistoryOptions {
  repetitions: number;
  steps: number;
  metrics: number;
  /** The step range read alone: [from, to). */
  range: [number, number];
}

const apiKey = "bench-key-0123456789012345678901234567890";
const childLimitMs = 15 * 60_000;
/** Building a million rows (and serving them) on a shared 2-core machine. */
const setupLimitMs = 15 * 60_000;
const mb = 1024 * 1024;

/** Runs benchmark 10. */
export async function historyBenchmark(options: HistoryOptions): Promise<BenchResult> {
  const started = performance.now();
  const { repetitions, steps, metrics, range } = options;
  const server = await startServerProcess(
    { dataset: { kind: "history", steps, metrics }, apiKey },
    setupLimitMs,
  );
  const samples = new Map<HistoryMode, HistorySample[]>();
  let fileBytes = 0;
  const rangeBytes: number[] = [];
  const child = async (mode: HistoryMode) => {
    const extra = mode === "range" ? [String(range[0]), String(range[1])] : [];
    const sample = await runMeasuringChild<HistorySample>(
      new URL("./history-child.js", import.meta.url),
      [mode, server.url, apiKey, ...extra],
      childLimitMs,
    );
    const list = samples.get(mode) ?? [];
    list.push(sample);
    samples.set(mode, list);
    return sample;
  };
  try {
    // Warm-up, not counted: the server writes the export file and the pages' JSON on first use.
    await server.reset();
    await child("download");
    fileBytes = (await server.stats()).fileBytes;
    samples.delete("download");
    await child("range");
    samples.delete("range");
    await child("warm-pages");
    for (let rep = 0; rep < repetitions; rep++) {
      await child("scan-exports");
      await child("scan-pages");
      await server.reset();
      await child("range");
      rangeBytes.push((await server.stats()).fileBytes);
      await child("columns");
      await child("scan-all");
    }
  } finally {
    await server.close();
  }
  const wall = (mode: HistoryMode) => series((samples.get(mode) ?? []).map((s) => s.wallMs));
  const peak = (mode: HistoryMode) => series((samples.get(mode) ?? []).map((s) => s.peakRss / mb));
  const exportsWall = wall("scan-exports");
  const pagesWall = wall("scan-pages");
  const exportsPeak = peak("scan-exports");
  const pagesPeak = peak("scan-pages");
  const rangeShare = series(rangeBytes.map((bytes) => (100 * bytes) / fileBytes));
  const columnsWall = wall("columns");
  const allWall = wall("scan-all");
  const speed = pagesWall.median / exportsWall.median;
  const memory = pagesPeak.median / exportsPeak.median;
  const columnsSpeed = allWall.median / columnsWall.median;
  const label = (n: number) => n.toLocaleString("en-US");
  return {
    id: "history",
    title: "10. History at scale",
    setup: [
      `one run of ${label(steps)} steps × ${metrics} metrics (${metrics - 2} dense doubles, 2 logged every 10 steps, plus _runtime and _timestamp), every row exported to one Parquet file of ${(fileBytes / mb).toFixed(1)} MB (written by the mock with hyparquet-writer, SNAPPY, row groups of 100,000 rows, _step INT64)`,
      "a fresh client process per measurement (node --expose-gc); peak RSS is the process's maxRSS; the mock server is in its own process and not measured",
      `${repetitions} repetition(s) of each mode, interleaved, after a warm-up (the server writes the file and the pages' JSON on first use)`,
      `the range: steps [${label(range[0])}, ${label(range[1])}), 2 keys; bytes = body bytes the storage host sent (its footer and the row group that holds the range)`,
    ],
    rows: [
      {
        metric: "scanRunHistory, 2 keys, every row: time",
        unit: "ms",
        ours: exportsWall,
        baseline: { label: "pages", value: pagesWall },
        ratio: speed,
        ratioLabel: "x faster",
        target: "≥ 4x faster",
        pass: speed >= 4,
      },
      {
        metric: "scanRunHistory, 2 keys, every row: peak RSS",
        unit: "MB",
        ours: exportsPeak,
        baseline: { label: "pages", value: pagesPeak },
        ratio: memory,
        ratioLabel: "x less",
        target: "≤ ¼ (≥ 4x less)",
        pass: memory >= 4,
      },
      {
        metric: `steps [${label(range[0])}, ${label(range[1])}): bytes read from storage, % of the file`,
        unit: "%",
        ours: rangeShare,
        target: "≤ 5%",
        pass: rangeShare.median <= 5,
      },
      {
        metric: `the same range: time`,
        unit: "ms",
        ours: wall("range"),
      },
      {
        metric: "readRunHistoryColumns vs scanRunHistory, every key, exports: time",
        unit: "ms",
        ours: columnsWall,
        baseline: { label: "scanRunHistory", value: allWall },
        ratio: columnsSpeed,
        ratioLabel: "x faster",
        target: "≥ 3x faster",
        pass: columnsSpeed >= 3,
      },
      {
        metric: "readRunHistoryColumns, every key: peak RSS",
        unit: "MB",
        ours: peak("columns"),
        baseline: { label: "scanRunHistory", value: peak("scan-all") },
      },
    ],
    notes: [],
    seconds: elapsedMs(started) / 1000,
    facts: { steps, metrics, fileBytes },
  };
}
