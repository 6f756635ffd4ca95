/**
 * Benchmark 1 (batching under latency) and 5 (client CPU per run operation): 1,000 runs, four
 * operations each issued together, against a mock with 25 ms latency per request, next to two
 * plain-fetch baselines against the same server in the same run.
 */
import { createClient, runConfig, runLoggedArtifactVersions, runSummary, runUser } from "../src/index.js";
import { perOperationPattern, pythonConcurrency, pythonPattern } from "./lib/baselines.js";
import { benchEntity, benchProjects, benchRunId } from "./lib/datasets.js";
import type { ServerStats } from "./lib/protocol.js";
import { recordingFetch, replayBodies } from "./lib/replay-probe.js";
import type { BenchResult, Row } from "./lib/result.js";
import { type ServerProcess, startServerProcess } from "./lib/server-process.js";
import { type Series, series } from "./lib/stats.js";
import { elapsedMs, measure } from "./lib/timing.js";

/** Options of the batching benchmark. */
export interface BatchingOptions {
  repetitions: number;
  runs: number;
  latencyMs: number;
}

/** The SDK's default `maxConcurrentRequests`, set explicitly so the floor uses the same number. */
const sdkConcurrency = 6;
/** Operations issued per run. */
const operationsPerRun = 4;
const apiKey = "bench-key-0123456789012345678901234567890";

/** What the SDK read, to check it did the same work as the baselines. */
interface Tally {
  configs: number;
  summaries: number;
  users: number;
  artifacts: number;
}

interface Round {
  wallMs: number;
  cpuMs: number;
  server: ServerStats;
  tally: Tally;
}

async function sdkRound(server: ServerProcess, names: readonly string[], record?: string[]): Promise<Round> {
  const client = createClient({
    apiKey,
    baseUrl: server.url,
    maxConcurrentRequests: sdkConcurrency,
    ...(record ? { fetch: recordingFetch(record) } : {}),
  });
  await server.reset();
  const measured = await measure(async () => {
    const operations: Array<Promise<unknown>> = [];
    for (const id of names) {
      const run = client.run({ entity: benchEntity, project: benchProjects.batching, id });
      operations.push(runConfig(run), runSummary(run), runUser(run), runLoggedArtifactVersions(run));
    }
    return Promise.all(operations);
  });
  const tally: Tally = { configs: 0, summaries: 0, users: 0, artifacts: 0 };
  for (let index = 0; index < measured.value.length; index += operationsPerRun) {
    const [config, summary, user, artifacts] = measured.value.slice(index, index + operationsPerRun) as [
      Record<string, unknown>,
      Record<string, unknown>,
      { username: string } | null,
      unknown[],
    ];
    if ("lr" in config) tally.configs++;
    if ("acc" in summary) tally.summaries++;
    if (user?.username) tally.users++;
    tally.artifacts += artifacts.length;
  }
  return { wallMs: measured.wallMs, cpuMs: measured.cpuMs, server: await server.stats(), tally };
}

async function baselineRound(
  server: ServerProcess,
  names: readonly string[],
  pattern: typeof pythonPattern,
): Promise<Round> {
  await server.reset();
  const endpoint = { url: server.url, apiKey };
  const measured = await measure(() => pattern(endpoint, benchEntity, benchProjects.batching, names));
  return {
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    server: await server.stats(),
    tally: measured.value,
  };
}

async function probeRound(server: ServerProcess, bodies: readonly string[], runs: number): Promise<Round> {
  await server.reset();
  const measured = await measure(() => replayBodies(server.url, apiKey, bodies, sdkConcurrency));
  if (measured.value !== runs) throw new Error(`probe: read ${measured.value} runs, expected ${runs}`);
  const tally = { configs: runs, summaries: runs, users: runs, artifacts: 0 };
  return { wallMs: measured.wallMs, cpuMs: measured.cpuMs, server: await server.stats(), tally };
}

function checkRound(label: string, round: Round, reference: Tally, runs: number): void {
  const { tally, server } = round;
  if (server.failures > 0) throw new Error(`${label}: ${server.failures} requests failed on the server`);
  const complete =
    tally.configs === runs &&
    tally.summaries === runs &&
    tally.users === runs &&
    tally.artifacts === reference.artifacts;
  if (!complete) {
    throw new Error(
      `${label}: read ${JSON.stringify(tally)}, expected ${runs} runs and ${reference.artifacts} artifacts`,
    );
  }
}

/** Floor of a batched round: what latency alone, or the server's own work alone, would take. */
function floorMs(round: Round, latencyMs: number): number {
  return Math.max((round.server.requests / sdkConcurrency) * latencyMs, round.server.handlerMs);
}

/** Runs benchmarks 1 and 5; returns their results in that order. */
export async function batchingBenchmark(options: BatchingOptions): Promise<[BenchResult, BenchResult]> {
  const started = performance.now();
  const { runs, latencyMs, repetitions } = options;
  const server = await startServerProcess({
    dataset: { kind: "batching", runs },
    faults: { latencyMs },
    apiKey,
  });
  const names = Array.from({ length: runs }, (_, index) => benchRunId(index));
  const sdk: Round[] = [];
  const python: Round[] = [];
  const perOperation: Round[] = [];
  const probe: Round[] = [];
  try {
    // Warm-up, not counted: JIT of client and server, connections, the server's parsed documents.
    // It also records the SDK's request bodies for the client-cost probe.
    const bodies: string[] = [];
    const warm = await sdkRound(server, names, bodies);
    await probeRound(server, bodies, runs);
    await baselineRound(server, names.slice(0, 50), pythonPattern);
    await baselineRound(server, names.slice(0, 50), perOperationPattern);
    // Interleaved, so drift of the machine during the run touches all three alike.
    for (let rep = 0; rep < repetitions; rep++) {
      sdk.push(await sdkRound(server, names));
      python.push(await baselineRound(server, names, pythonPattern));
      perOperation.push(await baselineRound(server, names, perOperationPattern));
      probe.push(await probeRound(server, bodies, runs));
    }
    for (const [label, rounds] of [
      ["SDK", sdk],
      ["baseline (a)", python],
      ["baseline (b)", perOperation],
    ] as const) {
      for (const round of rounds) checkRound(label, round, warm.tally, runs);
    }
  } finally {
    await server.close();
  }
  const requests = (rounds: Round[]) => series(rounds.map((round) => round.server.requests));
  const wall = (rounds: Round[]) => series(rounds.map((round) => round.wallMs));
  const sdkRequests = requests(sdk);
  const sdkWall = wall(sdk);
  const floors = series(sdk.map((round) => floorMs(round, latencyMs)));
  const overFloor = series(sdk.map((round) => round.wallMs / floorMs(round, latencyMs)));
  const busy = series(sdk.map((round) => round.server.handlerMs));
  const serverCpu = series(sdk.map((round) => round.server.cpuMs));
  const pythonRequests = requests(python);
  const pythonWall = wall(python);
  const requestRatio = pythonRequests.median / sdkRequests.median;
  const wallRatio = pythonWall.median / sdkWall.median;
  // Ours against a baseline's rounds: how many times the baseline's figure ours is.
  const versus =
    (metric: string, unit: string, ours: Series, of: (rounds: Round[]) => Series, ratioLabel: string) =>
    (rounds: Round[], label: string): Row => {
      const baseline = of(rounds);
      return {
        metric,
        unit,
        ours,
        baseline: { label, value: baseline },
        ratio: baseline.median / ours.median,
        ratioLabel,
      };
    };
  const requestsRow = versus("HTTP requests", "requests", sdkRequests, requests, "x fewer");
  const wallRow = versus("wall time", "ms", sdkWall, wall, "x less");
  const rows: Row[] = [
    {
      ...requestsRow(python, "(a) Python client's pattern"),
      target: "≥ 50x fewer",
      pass: requestRatio >= 50,
    },
    { ...wallRow(python, "(a) Python client's pattern"), target: "≥ 15x less", pass: wallRatio >= 15 },
    {
      metric: "wall time over the floor",
      unit: "ms",
      ours: sdkWall,
      baseline: { label: "floor = max(requests / 6 × latency, server busy)", value: floors },
      ratio: overFloor.median,
      ratioLabel: "x the floor",
      target: "≤ 1.3x",
      pass: overFloor.median <= 1.3,
    },
    ...[requestsRow, wallRow].map((make) => make(perOperation, "(b) one request per operation")),
    { metric: "mock server busy (sum of handlerMs)", unit: "ms", ours: busy },
    { metric: "mock server process CPU", unit: "ms", ours: serverCpu },
  ];
  const operations = runs * operationsPerRun;
  const perOp = (rounds: Round[], ops: number) => series(rounds.map((round) => (round.cpuMs * 1000) / ops));
  const sdkPerOp = perOp(sdk, operations);
  const pythonPerOp = perOp(python, operations);
  const probePerOp = perOp(probe, operations);
  const seconds = elapsedMs(started) / 1000;
  const setup = [
    `${runs} runs of ${benchEntity}/${benchProjects.batching}, 1–3 logged artifacts each (${warmArtifacts(sdk)} in all), small config and summary`,
    `mock latency ${latencyMs} ms per request; SDK maxConcurrentRequests ${sdkConcurrency}, maxBatchSize 50; baselines ${pythonConcurrency} in flight`,
    "per run runConfig, runSummary, runUser, runLoggedArtifactVersions, all issued in one Promise.all",
    "(a): per run Python's `Run` query (all light fields, config, summaryMetrics) and its `RunOutputArtifacts` query (first: 100)",
    "(b): per run one query per operation (config; summaryMetrics; user; outputArtifacts(first: 100))",
    "baselines JSON.parse every body and run the tolerant parser on config, summary and artifact metadata",
    `${repetitions} repetitions after one warm-up, SDK and baselines interleaved; a fresh client (empty cache) per repetition`,
  ];
  return [
    { id: "batching", title: "1. Batching under latency", setup, rows, notes: [], seconds },
    {
      id: "client-cost",
      title: "5. Client CPU per run operation",
      setup: [
        `the batched rounds of benchmark 1: ${operations} run operations per round`,
        "process.cpuUsage() of the client process around the whole round (the server runs in its own process)",
        "probe: the SDK's batched request bodies (recorded in the warm-up) sent again with plain fetch, 6 in flight; each body JSON.parse'd, config, summary and artifact metadata through parseTolerantJson, nothing else: what any fetch-based client pays for the same bytes",
      ],
      rows: [
        {
          metric: "client CPU per run operation",
          unit: "µs",
          ours: sdkPerOp,
          baseline: { label: "probe: plain fetch + JSON.parse of the SDK's own requests", value: probePerOp },
          ratio: sdkPerOp.median / probePerOp.median,
          ratioLabel: "x the probe",
          target: "≤ 1.5x",
          pass: sdkPerOp.median / probePerOp.median <= 1.5,
        },
        {
          metric: "client CPU per run operation",
          unit: "µs",
          ours: sdkPerOp,
          baseline: { label: "(a) Python client's pattern, same runs", value: pythonPerOp },
        },
        {
          metric: "client CPU per round",
          unit: "ms",
          ours: series(sdk.map((round) => round.cpuMs)),
          baseline: { label: "probe", value: series(probe.map((round) => round.cpuMs)) },
        },
      ],
      notes: [],
      seconds: 0,
    },
  ];
}

function warmArtifacts(rounds: Round[]): number {
  return rounds[0]?.tally.artifacts ?? 0;
}
