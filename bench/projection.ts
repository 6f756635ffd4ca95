/**
 * Benchmark 2 (projection): 100 runs whose summaries hold 2,000 keys. `runSummary(run, { keys })`
 * must move a small share of the bytes of the whole summaries, as the mock's byte log counts them.
 */
import { createClient, runSummary } from "../src/index.js";
import { benchEntity, benchProjects, benchRunId } from "./lib/datasets.js";
import type { ServerStats } from "./lib/protocol.js";
import type { BenchResult } from "./lib/result.js";
import { type ServerProcess, startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs, measure } from "./lib/timing.js";

/** Options of the projection benchmark. */
export interface ProjectionOptions {
  repetitions: number;
  runs: number;
  summaryKeys: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";

interface Round {
  wallMs: number;
  server: ServerStats;
}

async function round(
  server: ServerProcess,
  names: readonly string[],
  keys: string[] | undefined,
): Promise<Round> {
  const client = createClient({ apiKey, baseUrl: server.url });
  await server.reset();
  const measured = await measure(() =>
    Promise.all(
      names.map((id) =>
        runSummary(
          client.run({ entity: benchEntity, project: benchProjects.projection, id }),
          keys ? { keys } : {},
        ),
      ),
    ),
  );
  const stats = await server.stats();
  for (const summary of measured.value) {
    if (typeof summary.acc !== "number") throw new Error("projection: a summary lacks acc");
    if (keys && Object.keys(summary).length !== keys.length)
      throw new Error("projection: extra keys came back");
  }
  if (stats.failures > 0) throw new Error(`projection: ${stats.failures} requests failed`);
  return { wallMs: measured.wallMs, server: stats };
}

/** Runs benchmark 2. */
export async function projectionBenchmark(options: ProjectionOptions): Promise<BenchResult> {
  const started = performance.now();
  const { runs, summaryKeys, repetitions } = options;
  const server = await startServerProcess({ dataset: { kind: "projection", runs, summaryKeys }, apiKey });
  const names = Array.from({ length: runs }, (_, index) => benchRunId(index));
  const projected: Round[] = [];
  const whole: Round[] = [];
  try {
    await round(server, names, ["acc"]);
    await round(server, names, undefined);
    for (let rep = 0; rep < repetitions; rep++) {
      projected.push(await round(server, names, ["acc"]));
      whole.push(await round(server, names, undefined));
    }
  } finally {
    await server.close();
  }
  const bytes = (rounds: Round[]) => series(rounds.map((r) => r.server.bytesOut));
  const projectedBytes = bytes(projected);
  const wholeBytes = bytes(whole);
  const share = projectedBytes.median / wholeBytes.median;
  return {
    id: "projection",
    title: "2. Projection",
    setup: [
      `${runs} runs of ${benchEntity}/${benchProjects.projection} with ${summaryKeys} summary keys each`,
      'ours: runSummary(run, { keys: ["acc"] }) for every run at once; baseline: runSummary(run) (the whole summaries)',
      "bytes are the response bodies the mock server sent (its request log's bytesOut), summed over the round",
      `${repetitions} repetitions after one warm-up, a fresh client per round`,
    ],
    rows: [
      {
        metric: "response bytes",
        unit: "bytes",
        ours: projectedBytes,
        baseline: { label: "whole summaries", value: wholeBytes },
        ratio: share * 100,
        ratioLabel: "% of the whole",
        target: "≤ 2%",
        pass: share <= 0.02,
      },
      {
        metric: "HTTP requests",
        unit: "requests",
        ours: series(projected.map((r) => r.server.requests)),
        baseline: { label: "whole summaries", value: series(whole.map((r) => r.server.requests)) },
      },
      {
        metric: "wall time",
        unit: "ms",
        ours: series(projected.map((r) => r.wallMs)),
        baseline: { label: "whole summaries", value: series(whole.map((r) => r.wallMs)) },
      },
    ],
    notes: [],
    seconds: elapsedMs(started) / 1000,
  };
}
