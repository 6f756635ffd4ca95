/**
 * Benchmark 8 (DataLoader as the baseline): the design card named the `dataloader` package for the
 * batching layer; the SDK has its own dispatcher instead. Both designs run here in the same run,
 * rounds interleaved against one mock server, on three scenarios: same-tick (1,000 runs × 4
 * operations in one Promise.all), spread arrivals (benchmark 6's round), and a burst (600 runs'
 * configs, then, one macrotask later while requests still wait for a slot, the same runs'
 * summaries). Requests are counted at the server; CPU and wall time are the client process's.
 */

import * as sdk from "../src/index.js";
import { createClient, runConfig, runSummary } from "../src/index.js";
import { createDataLoaderClient } from "./lib/dataloader-client.js";
import { benchEntity, benchProjects, benchRunId } from "./lib/datasets.js";
import type { BenchResult, Row } from "./lib/result.js";
import { sameTickOperations, sdkConcurrency } from "./lib/same-tick.js";
import { type ServerProcess, startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs, measure } from "./lib/timing.js";
import { spreadRound } from "./spread.js";

/** Options of the DataLoader benchmark. */
export interface DataLoaderOptions {
  repetitions: number;
  sameTickRuns: number;
  burstRuns: number;
  spreadRuns: number;
  windowMs: number;
  latencyMs: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";
const designs = { dispatcher: createClient, dataloader: createDataLoaderClient } as const;
type Design = keyof typeof designs;

interface Measured {
  requests: number;
  cpuMs: number;
  wallMs: number;
}

type Scenario = "same-tick" | "spread" | "burst";

async function sameTick(server: ServerProcess, design: Design, names: readonly string[]): Promise<Measured> {
  const client = designs[design]({ apiKey, baseUrl: server.url, maxConcurrentRequests: sdkConcurrency });
  await server.reset();
  const measured = await measure(() => sameTickOperations(sdk, client, names));
  if (measured.value.configs !== names.length || measured.value.summaries !== names.length)
    throw new Error(`dataloader bench: ${design} same-tick read ${JSON.stringify(measured.value)}`);
  return finish(server, measured);
}

async function burst(server: ServerProcess, design: Design, names: readonly string[]): Promise<Measured> {
  const client = designs[design]({ apiKey, baseUrl: server.url, maxConcurrentRequests: sdkConcurrency });
  await server.reset();
  const runs = names.map((id) => client.run({ entity: benchEntity, project: benchProjects.batching, id }));
  const measured = await measure(async () => {
    const configs = runs.map((run) => runConfig(run));
    // One macrotask later: the first requests are on the wire, the rest wait for a slot.
    await new Promise((resolve) => setImmediate(resolve));
    const summaries = runs.map((run) => runSummary(run));
    const [c, s] = await Promise.all([Promise.all(configs), Promise.all(summaries)]);
    return c.filter((config) => "lr" in config).length + s.filter((summary) => "acc" in summary).length;
  });
  if (measured.value !== 2 * names.length)
    throw new Error(`dataloader bench: ${design} burst read ${measured.value} of ${2 * names.length}`);
  return finish(server, measured);
}

async function finish(server: ServerProcess, measured: { cpuMs: number; wallMs: number }): Promise<Measured> {
  const stats = await server.stats();
  if (stats.failures > 0)
    throw new Error(`dataloader bench: ${stats.failures} requests failed on the server`);
  return { requests: stats.requests, cpuMs: measured.cpuMs, wallMs: measured.wallMs };
}

/** Runs benchmark 11. */
export async function dataLoaderBenchmark(options: DataLoaderOptions): Promise<BenchResult> {
  const started = performance.now();
  const { repetitions, latencyMs, windowMs } = options;
  const most = Math.max(options.sameTickRuns, options.burstRuns, options.spreadRuns);
  const server = await startServerProcess({
    dataset: { kind: "batching", runs: most },
    faults: { latencyMs },
    apiKey,
  });
  const names = (count: number) => Array.from({ length: count }, (_, index) => benchRunId(index));
  const scenarios: Record<Scenario, (design: Design) => Promise<Measured>> = {
    "same-tick": (design) => sameTick(server, design, names(options.sameTickRuns)),
    burst: (design) => burst(server, design, names(options.burstRuns)),
    spread: async (design) => {
      const round = await spreadRound(server, names(options.spreadRuns), windowMs, 0, designs[design]);
      return { requests: round.requests, cpuMs: round.clientCpuMs, wallMs: round.wallMs };
    },
  };
  const results = new Map<string, Measured[]>();
  const record = (scenario: Scenario, design: Design, value: Measured) => {
    const key = `${scenario}/${design}`;
    results.set(key, [...(results.get(key) ?? []), value]);
  };
  try {
    // Warm-up, not counted: the JIT of both designs and of the server.
    for (const design of Object.keys(designs) as Design[]) {
      await sameTick(server, design, names(200));
      await burst(server, design, names(200));
    }
    for (let rep = 0; rep < repetitions; rep++) {
      // Interleaved, the order alternating, so drift of the machine touches both designs alike.
      const order: Design[] = rep % 2 === 0 ? ["dispatcher", "dataloader"] : ["dataloader", "dispatcher"];
      for (const scenario of Object.keys(scenarios) as Scenario[]) {
        for (const design of order) record(scenario, design, await scenarios[scenario](design));
      }
    }
  } finally {
    await server.close();
  }
  const rows: Row[] = [];
  const labels: Record<Scenario, string> = {
    "same-tick": `same-tick (${options.sameTickRuns} runs × 4 operations)`,
    spread: `spread arrivals (${options.spreadRuns} runs × 3 over ${windowMs} ms)`,
    burst: `burst (${options.burstRuns} configs, then their summaries)`,
  };
  for (const scenario of Object.keys(scenarios) as Scenario[]) {
    const ours = results.get(`${scenario}/dispatcher`) ?? [];
    const theirs = results.get(`${scenario}/dataloader`) ?? [];
    for (const [figure, unit, pick] of [
      ["HTTP requests", "requests", (m: Measured) => m.requests],
      ["client CPU", "ms", (m: Measured) => m.cpuMs],
      ["wall time", "ms", (m: Measured) => m.wallMs],
    ] as const) {
      const mine = series(ours.map(pick));
      const baseline = series(theirs.map(pick));
      const row: Row = {
        metric: `${labels[scenario]}: ${figure}`,
        unit,
        ours: mine,
        baseline: { label: "DataLoader (batchScheduleFn waiting for a free slot)", value: baseline },
        ratio: mine.median / baseline.median,
        ratioLabel: "x DataLoader's",
      };
      rows.push(row);
      if (scenario === "burst" && figure === "HTTP requests") {
        rows.push({
          metric: `${labels[scenario]}: HTTP requests, the dispatcher`,
          unit,
          ours: mine,
          target: "≤ 18",
          pass: mine.median <= 18,
        });
      }
    }
  }
  return {
    id: "dataloader",
    title: "11. DataLoader as the baseline",
    setup: [
      `ours: the SDK's dispatcher (src/loaders/dispatcher.ts); baseline: the design card's DataLoader design (bench/lib/dataloader-client.ts: dataloader 2.2.3, cache off, batchScheduleFn waiting for a free request slot, each batch planned by the SDK's own planner and sent whole)`,
      `mock latency ${latencyMs} ms per request; maxConcurrentRequests ${sdkConcurrency}, maxBatchSize 50; a fresh client per round`,
      "same-tick: runConfig, runSummary, runUser, runLoggedArtifactVersions per run, one Promise.all (benchmark 1's round)",
      "spread: benchmark 6's round (runConfig, runSummary, runUser per run, issued evenly over the window)",
      "burst: runConfig of every run in one tick, then runSummary of the same runs one macrotask later, while most config requests still wait for a slot",
      `${repetitions} repetitions after a warm-up of each design, the designs interleaved (order alternating)`,
    ],
    rows,
    notes: [],
    seconds: elapsedMs(started) / 1000,
  };
}
