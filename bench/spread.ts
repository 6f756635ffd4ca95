/**
 * Benchmark 6 (spread arrivals): a service's calls do not arrive in one tick. N runs × 3
 * operations (runConfig, runSummary, runUser) are issued evenly over a window against a mock with
 * 25 ms latency, each as its own call, as a service answering its own users would make them. With
 * batching at send time, calls that arrive while every request slot is busy share the next
 * request: measured as operations per request, and as the time from the last arrival to the last
 * answer (what a queue behind the slots would stretch).
 */
import { createClient, runConfig, runSummary, runUser } from "../src/index.js";
import { benchEntity, benchProjects, benchRunId } from "./lib/datasets.js";
import type { BenchResult, Row } from "./lib/result.js";
import { type ServerProcess, startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs } from "./lib/timing.js";

/** Options of the spread-arrivals benchmark. */
export interface SpreadOptions {
  repetitions: number;
  runs: number;
  windowMs: number;
  latencyMs: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";
const operations = [runConfig, runSummary, runUser] as const;
/** A round that has not answered everything this long after its last arrival is stuck. */
const tailLimitMs = 120_000;

/** What one round of spread arrivals measured. */
export interface SpreadRound {
  requests: number;
  operations: number;
  /** Client CPU over the round, and the server's busy time (handlers) and process CPU. */
  clientCpuMs: number;
  serverBusyMs: number;
  serverCpuMs: number;
  /** From the last call made to the last answer received. */
  tailMs: number;
  /** From the first call to the last answer. */
  wallMs: number;
}

/** One round of spread arrivals; `make` builds the client (benchmark 11 passes DataLoader's). */
export async function spreadRound(
  server: ServerProcess,
  names: readonly string[],
  windowMs: number,
  batchWindowMs: number,
  make: typeof createClient = createClient,
): Promise<SpreadRound> {
  const client = make({ apiKey, baseUrl: server.url, maxConcurrentRequests: 6, batchWindowMs });
  await server.reset();
  const total = names.length * operations.length;
  const answers: Array<Promise<unknown>> = [];
  let lastAnswer = 0;
  const issue = (index: number) => {
    const id = names[Math.floor(index / operations.length)] as string;
    const operation = operations[index % operations.length] as (typeof operations)[number];
    const run = client.run({ entity: benchEntity, project: benchProjects.batching, id });
    answers.push(
      operation(run).then(() => {
        lastAnswer = performance.now();
      }),
    );
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let issued = 0;
  // Every millisecond (or as often as timers fire), the calls whose time has come.
  await new Promise<void>((resolve) => {
    const step = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / windowMs) * total) + 1);
      while (issued < due) issue(issued++);
      if (issued < total) setTimeout(step, 1);
      else resolve();
    };
    step();
  });
  const lastArrival = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(answers),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("spread: answers still missing")), tailLimitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  const cpu = process.cpuUsage(cpuBefore);
  const stats = await server.stats();
  if (stats.failures > 0) throw new Error(`spread: ${stats.failures} requests failed on the server`);
  return {
    requests: stats.requests,
    operations: total,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    serverBusyMs: stats.handlerMs,
    serverCpuMs: stats.cpuMs,
    tailMs: Math.max(0, lastAnswer - lastArrival),
    wallMs: lastAnswer - started,
  };
}

/** Runs benchmark 6. */
export async function spreadBenchmark(options: SpreadOptions): Promise<BenchResult> {
  const started = performance.now();
  const { runs, windowMs, latencyMs, repetitions } = options;
  const server = await startServerProcess({
    dataset: { kind: "batching", runs },
    faults: { latencyMs },
    apiKey,
  });
  const names = Array.from({ length: runs }, (_, index) => benchRunId(index));
  const windowed = 10;
  const plain: SpreadRound[] = [];
  const withWindow: SpreadRound[] = [];
  try {
    await spreadRound(server, names.slice(0, 300), windowMs / 10, 0);
    for (let rep = 0; rep < repetitions; rep++) {
      plain.push(await spreadRound(server, names, windowMs, 0));
      withWindow.push(await spreadRound(server, names, windowMs, windowed));
    }
  } finally {
    await server.close();
  }
  const perRequest = (rounds: SpreadRound[]) =>
    series(rounds.map((round) => round.operations / round.requests));
  const tail = (rounds: SpreadRound[]) => series(rounds.map((round) => round.tailMs));
  const opsPerRequest = perRequest(plain);
  const tailMs = tail(plain);
  const tailTarget = 10 * latencyMs;
  const rows: Row[] = [
    {
      metric: "operations per request",
      unit: "ops",
      ours: opsPerRequest,
      target: "≥ 20",
      pass: opsPerRequest.median >= 20,
    },
    {
      metric: "last answer after last arrival",
      unit: "ms",
      ours: tailMs,
      target: `≤ ${tailTarget} ms (10 × latency)`,
      pass: tailMs.median <= tailTarget,
    },
    { metric: "HTTP requests", unit: "requests", ours: series(plain.map((round) => round.requests)) },
    { metric: "first call to last answer", unit: "ms", ours: series(plain.map((round) => round.wallMs)) },
    {
      metric: "client CPU over the round",
      unit: "ms",
      ours: series(plain.map((round) => round.clientCpuMs)),
    },
    {
      metric: "mock server busy (sum of handlerMs)",
      unit: "ms",
      ours: series(plain.map((round) => round.serverBusyMs)),
    },
    { metric: "mock server process CPU", unit: "ms", ours: series(plain.map((round) => round.serverCpuMs)) },
    {
      metric: `operations per request, batchWindowMs ${windowed}`,
      unit: "ops",
      ours: perRequest(withWindow),
    },
    {
      metric: `last answer after last arrival, batchWindowMs ${windowed}`,
      unit: "ms",
      ours: tail(withWindow),
    },
  ];
  return {
    id: "spread",
    title: "6. Spread arrivals",
    setup: [
      `${runs} runs of ${benchEntity}/${benchProjects.batching} × runConfig, runSummary, runUser: ${runs * operations.length} calls issued evenly over ${windowMs} ms, each on its own (a timer issues the calls that are due, about every millisecond)`,
      `mock latency ${latencyMs} ms per request; SDK maxConcurrentRequests 6, maxBatchSize 50, a fresh client per repetition`,
      `${repetitions} repetitions after a short warm-up, each with the default batchWindowMs 0 and then with ${windowed} (info)`,
    ],
    rows,
    notes: [],
    seconds: elapsedMs(started) / 1000,
    facts: { latencyMs, windowMs, runs },
  };
}
