/**
 * Benchmark 8 (shared reads and the fleet cache): 50 concurrent identical listings of one page on
 * one client, and a second replica reading 1,000 finished runs' summaries after a first one did,
 * both on one real Redis (redis-server started here on a free loopback port). Counts the GraphQL
 * requests the mock server (its own process) answered.
 *
 * Runnable alone: `npx tsc -p bench/tsconfig.json && node dist-bench/bench/shared-cache.js`
 * prints its rows; `npm run bench -- --only cache` runs it through the report.
 */
import { pathToFileURL } from "node:url";
import KeyvRedis, { createClient as createRedisClient } from "@keyv/redis";
import { redisInstalled, startRedis } from "../shared/redis-process.js";
import { createClient, runSummary } from "../src/index.js";
import { benchEntity, benchProjects, benchRunId } from "./lib/datasets.js";
import type { ServerStats } from "./lib/protocol.js";
import type { BenchResult } from "./lib/result.js";
import { startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs, measure } from "./lib/timing.js";

/** Options of the shared-cache benchmark. */
export interface SharedCacheOptions {
  repetitions: number;
  /** Runs in the project; the second replica reads all their summaries. */
  runs: number;
  /** Concurrent identical listings. */
  listings: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";

interface Round {
  wallMs: number;
  server: ServerStats;
}

/** Waits (at most 10 s) until Redis holds `count` keys: reads do not wait for the store's writes. */
async function redisHolds(url: string, count: number): Promise<number> {
  const admin = createRedisClient({ url });
  await admin.connect();
  try {
    let size = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      size = await admin.dbSize();
      if (size >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return size;
  } finally {
    await admin.quit();
  }
}

async function flush(url: string): Promise<void> {
  const admin = createRedisClient({ url });
  await admin.connect();
  await admin.flushAll();
  await admin.quit();
}

/** Runs benchmark 8. */
export async function sharedCacheBenchmark(options: SharedCacheOptions): Promise<BenchResult> {
  const started = performance.now();
  const { repetitions, runs, listings } = options;
  if (!redisInstalled()) throw new Error("shared-cache benchmark: redis-server is not installed");
  const server = await startServerProcess({ dataset: { kind: "batching", runs }, apiKey });
  const redis = await startRedis();
  const project = `${benchEntity}/${benchProjects.batching}`;
  const names = Array.from({ length: runs }, (_, index) => benchRunId(index));
  const listingRounds: Round[] = [];
  const firstReplica: Round[] = [];
  const secondReplica: Round[] = [];
  const readAll = (client: ReturnType<typeof createClient>) =>
    Promise.all(names.map((id) => runSummary(client.run(`${project}/${id}`))));
  try {
    for (let rep = 0; rep <= repetitions; rep++) {
      // 1. Identical listings in flight together, on one client.
      const client = createClient({ apiKey, baseUrl: server.url });
      await server.reset();
      const listed = await measure(() =>
        Promise.all(
          Array.from({ length: listings }, () => client.runs(project, { pageSize: 50, limit: 50 }).toArray()),
        ),
      );
      if (listed.value.some((page) => page.length !== 50)) throw new Error("shared-cache: a short listing");
      const listingStats = await server.stats();

      // 2. Two replicas on one Redis, each with its own client and connection.
      await flush(redis.url);
      const firstStore = new KeyvRedis<string>(redis.url);
      const secondStore = new KeyvRedis<string>(redis.url);
      try {
        const first = createClient({ apiKey, baseUrl: server.url, cache: firstStore });
        await server.reset();
        const firstRead = await measure(() => readAll(first));
        const firstStats = await server.stats();
        const stored = await redisHolds(redis.url, runs * 2);
        if (stored < runs * 2) throw new Error(`shared-cache: Redis holds ${stored} keys, not ${runs * 2}`);
        const second = createClient({ apiKey, baseUrl: server.url, cache: secondStore });
        await server.reset();
        const secondRead = await measure(() => readAll(second));
        const secondStats = await server.stats();
        if (secondRead.value.length !== runs || firstRead.value.length !== runs)
          throw new Error("shared-cache: a replica read too few summaries");
        // The first repetition warms up (JIT, connections) and is not counted.
        if (rep > 0) {
          listingRounds.push({ wallMs: listed.wallMs, server: listingStats });
          firstReplica.push({ wallMs: firstRead.wallMs, server: firstStats });
          secondReplica.push({ wallMs: secondRead.wallMs, server: secondStats });
        }
      } finally {
        await firstStore.disconnect();
        await secondStore.disconnect();
      }
    }
  } finally {
    await redis.kill();
    await server.close();
  }
  const requests = (rounds: Round[]) => series(rounds.map((round) => round.server.requests));
  const listingRequests = requests(listingRounds);
  const secondRequests = requests(secondReplica);
  return {
    id: "cache",
    title: "8. Shared reads and the fleet cache",
    setup: [
      `${runs} finished runs of ${project}; the mock server in its own process, no added latency`,
      `listings: ${listings} concurrent client.runs(project, { pageSize: 50, limit: 50 }).toArray() on one fresh client`,
      `fleet: redis-server on 127.0.0.1 (no persistence); replica 1 (fresh client, new KeyvRedis(url)) reads runSummary of every run; once Redis holds its entries, replica 2 (another fresh client and connection) does the same`,
      `${repetitions} repetitions after one warm-up; Redis flushed before each`,
    ],
    rows: [
      {
        metric: `HTTP requests, ${listings} concurrent identical listings (one page each)`,
        unit: "requests",
        ours: listingRequests,
        target: "1",
        pass: listingRequests.max <= 1,
      },
      {
        metric: `GraphQL requests, replica 2 reading ${runs} finished runs' summaries via Redis`,
        unit: "requests",
        ours: secondRequests,
        target: "≤ 1 (the viewer)",
        pass: secondRequests.max <= 1,
      },
      {
        metric: `GraphQL requests, replica 1 (empty Redis)`,
        unit: "requests",
        ours: requests(firstReplica),
      },
      {
        metric: "wall time, replica 1 (W&B mock)",
        unit: "ms",
        ours: series(firstReplica.map((round) => round.wallMs)),
      },
      {
        metric: "wall time, replica 2 (Redis)",
        unit: "ms",
        ours: series(secondReplica.map((round) => round.wallMs)),
      },
      {
        metric: `wall time, ${listings} concurrent identical listings`,
        unit: "ms",
        ours: series(listingRounds.map((round) => round.wallMs)),
      },
    ],
    notes: [],
    seconds: elapsedMs(started) / 1000,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await sharedCacheBenchmark({ repetitions: 5, runs: 1000, listings: 50 });
  console.log(`${result.title} (${result.seconds.toFixed(1)} s)`);
  for (const line of result.setup) console.log(`- ${line}`);
  for (const row of result.rows) {
    const { median, min, max } = row.ours;
    const verdict = row.pass === undefined ? "info" : row.pass ? "PASS" : "MISS";
    console.log(
      `${verdict} ${row.metric}: ${median} ${row.unit} (${min}–${max})${row.target ? `, target ${row.target}` : ""}`,
    );
  }
}
