/**
 * Benchmark 4 (streaming memory): `for await (const run of client.runs("acme/big"))` over the first
 * N of 100,000 runs, each N in a fresh client process with `--expose-gc`, the mock server in a
 * process of its own (not measured). Peak RSS growth must stay bounded, and the heap in use after a
 * full GC flat in N (RSS is reported beside it: it also moves with the runtime's own arenas).
 */
import { benchEntity, benchProjects } from "./lib/datasets.js";
import { runMeasuringChild } from "./lib/measuring-child.js";
import type { BenchResult } from "./lib/result.js";
import { startServerProcess } from "./lib/server-process.js";
import { type Series, series } from "./lib/stats.js";
import { elapsedMs } from "./lib/timing.js";
import type { StreamMeasure, StreamMode, StreamSample } from "./stream-child.js";

/** Options of the streaming benchmark. */
export interface StreamingOptions {
  repetitions: number;
  /** Runs in the project; the largest size listed. */
  runs: number;
  /** The smaller size, compared with `runs` for flatness. */
  smallRuns: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";
const childLimitMs = 4 * 60_000;
const mb = 1024 * 1024;

function runChild(
  mode: StreamMode,
  url: string,
  runs: number,
  measure: StreamMeasure = "memory",
): Promise<StreamSample> {
  return runMeasuringChild<StreamSample>(
    new URL("./stream-child.js", import.meta.url),
    [mode, url, apiKey, String(runs), measure],
    childLimitMs,
  );
}

/** Runs benchmark 4. */
export async function streamingBenchmark(options: StreamingOptions): Promise<BenchResult> {
  const started = performance.now();
  const { runs, smallRuns, repetitions } = options;
  const server = await startServerProcess({ dataset: { kind: "streaming", runs }, apiKey });
  const small: StreamSample[] = [];
  const large: StreamSample[] = [];
  const controlSmall: StreamSample[] = [];
  const controlLarge: StreamSample[] = [];
  const paced: StreamSample[] = [];
  const controlPaced: StreamSample[] = [];
  try {
    // Warm-up of the server (its sorted run list, its JIT), not counted.
    await runChild("sdk", server.url, smallRuns);
    for (let rep = 0; rep < repetitions; rep++) {
      small.push(await runChild("sdk", server.url, smallRuns));
      large.push(await runChild("sdk", server.url, runs));
      controlSmall.push(await runChild("fetch", server.url, smallRuns));
      controlLarge.push(await runChild("fetch", server.url, runs));
      // Throughput from children that force no GC (see stream-child.ts), the order alternating.
      const pair = [
        ["sdk", paced],
        ["fetch", controlPaced],
      ] as const;
      for (const [mode, into] of rep % 2 === 0 ? pair : [...pair].reverse())
        into.push(await runChild(mode, server.url, runs, "speed"));
    }
  } finally {
    await server.close();
  }
  const growth = (samples: StreamSample[]): Series =>
    series(samples.map((sample) => (sample.peakRss - sample.baselineRss) / mb));
  const smallGrowth = growth(small);
  const largeGrowth = growth(large);
  const flatness = largeGrowth.median / smallGrowth.median;
  const heapGrowth = (samples: StreamSample[]): Series =>
    series(samples.map((sample) => sample.peakHeapGrowth / mb));
  const largeHeap = heapGrowth(large);
  const smallHeap = heapGrowth(small);
  const heapFlatness = largeHeap.median / smallHeap.median;
  const controlLargeGrowth = growth(controlLarge);
  const controlSmallGrowth = growth(controlSmall);
  const label = (n: number) => n.toLocaleString("en-US");
  const throughput = (samples: StreamSample[]): Series =>
    series(samples.map((sample) => sample.runs / (sample.wallMs / 1000)));
  const sdkThroughput = throughput(paced);
  const controlThroughput = throughput(controlPaced);
  const throughputRatio = sdkThroughput.median / controlThroughput.median;
  return {
    id: "streaming",
    title: "4. Streaming memory",
    setup: [
      `a project of ${label(runs)} lean runs; for await over client.runs("${benchEntity}/${benchProjects.streaming}", { limit: N }) with runName(run) on each (served from the page)`,
      `a fresh client process per N (node --expose-gc); heap in use and RSS sampled every 1,000 runs after global.gc(); growth = peak sample minus the sample before the first request; the heap figure leaves out V8's code space (JIT code, which grows as V8 optimizes more over a long listing), reported with it beside`,
      "the SDK keeps the IDs it has yielded (to drop a run W&B repeats on a later page) packed: W&B's 8-character IDs as two 32-bit numbers in an open-addressing table, about 8–10 bytes an ID",
      `${repetitions} repetitions of N = ${label(smallRuns)} and N = ${label(runs)}, interleaved, after one warm-up; the mock server is in its own process and not measured; server build ${server.buildMs.toFixed(0)} ms`,
      "control: the same ListRuns pages fetched and JSON.parse'd with plain fetch in the same kind of child (no SDK, no Run handles, no seen-ID set), to tell the SDK's memory from the runtime's (V8 growing its young generation, JIT code, allocator arenas)",
      `throughput: N = ${label(runs)} again in children that force no GC, SDK and control alternating; a forced full GC drops the code V8 optimized, and the memory children force two every 1,000 runs, so their listing times (the last row) are not a throughput`,
    ],
    rows: [
      {
        metric: `peak RSS growth, ${label(runs)} runs`,
        unit: "MB",
        ours: largeGrowth,
        target: "≤ 100 MB",
        pass: largeGrowth.median <= 100,
      },
      {
        metric: "peak heap growth after GC (JIT code left out), flat in N",
        unit: "MB",
        ours: largeHeap,
        baseline: { label: `${label(smallRuns)} runs`, value: smallHeap },
        ratio: heapFlatness,
        ratioLabel: `x the ${label(smallRuns)}-run growth`,
        target: "≤ 1.2x",
        pass: heapFlatness <= 1.2,
      },
      {
        metric: "peak heap growth after GC with JIT code, flat in N",
        unit: "MB",
        ours: series(large.map((sample) => sample.peakHeapWithCodeGrowth / mb)),
        baseline: {
          label: `${label(smallRuns)} runs`,
          value: series(small.map((sample) => sample.peakHeapWithCodeGrowth / mb)),
        },
      },
      {
        metric: "control: plain fetch pager, peak heap growth after GC (JIT code left out)",
        unit: "MB",
        ours: heapGrowth(controlLarge),
        baseline: { label: `${label(smallRuns)} runs`, value: heapGrowth(controlSmall) },
        ratio: heapGrowth(controlLarge).median / heapGrowth(controlSmall).median,
        ratioLabel: `x the ${label(smallRuns)}-run growth`,
      },
      {
        metric: "peak RSS growth, flat in N",
        unit: "MB",
        ours: largeGrowth,
        baseline: { label: `${label(smallRuns)} runs`, value: smallGrowth },
        ratio: flatness,
        ratioLabel: `x the ${label(smallRuns)}-run growth`,
      },
      {
        metric: "control: plain fetch pager, peak RSS growth",
        unit: "MB",
        ours: controlLargeGrowth,
        baseline: { label: `${label(smallRuns)} runs`, value: controlSmallGrowth },
        ratio: controlLargeGrowth.median / controlSmallGrowth.median,
        ratioLabel: `x the ${label(smallRuns)}-run growth`,
      },
      {
        metric: `listing throughput, ${label(runs)} runs`,
        unit: "runs/s",
        ours: sdkThroughput,
        baseline: { label: "plain fetch + JSON.parse of the same pages", value: controlThroughput },
        ratio: throughputRatio,
        ratioLabel: "x the control's throughput",
        target: "≥ 0.95x",
        pass: throughputRatio >= 0.95,
      },
      {
        metric: `listing time with memory sampling, ${label(runs)} runs`,
        unit: "ms",
        ours: series(large.map((sample) => sample.wallMs)),
        baseline: { label: `${label(smallRuns)} runs`, value: series(small.map((s) => s.wallMs)) },
      },
    ],
    notes: [],
    seconds: elapsedMs(started) / 1000,
    facts: { runs, smallRuns },
  };
}
