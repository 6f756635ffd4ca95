// SPEC §5 under faults: over a real loopback server that answers 20% of requests with a 5xx, drops
// 5% of connections, cuts some bodies short and rate-limits in bursts, more than 1,000 operations
// all finish with the right answer, each fault costs exactly one retry, and every 429's
// Retry-After is waited out. Seeded, so every run of the suite sees the same faults.
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFacts, demoRuns, type MockRun, type MockServer, startMockServer } from "../../mocks/index.js";
import {
  createClient,
  type RequestEvent,
  runConfig,
  runLoggedArtifactVersions,
  runName,
  runSummary,
  scanRunHistory,
  type WandbClient,
} from "../../src/index.js";

const apiKey = "fault-0123456789abcdef0123456789abcdef0123";
const retryAfterSeconds = 0.05;
const described = new Map(demoRuns().map((run) => [`${run.entity}/${run.project}/${run.id}`, run]));

function expectedLogged(run: MockRun): number {
  return new Set(
    (run.loggedArtifacts ?? []).map(
      (a) => `${a.entity ?? run.entity}/${a.project ?? run.project}/${a.name}:${a.version}`,
    ),
  ).size;
}

let server: MockServer;
let client: WandbClient;
const events: RequestEvent[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startMockServer({
    apiKey,
    faults: {
      seed: 20261126,
      serverErrorRate: 0.2,
      dropRate: 0.05,
      truncateRate: 0.05,
      rateLimit: { burstEvery: 20, burstLength: 3, retryAfterSeconds },
    },
  });
  client = createClient({
    apiKey,
    baseUrl: server.url,
    maxBatchSize: 4,
    maxConcurrentRequests: 4,
    timeoutMs: 10_000,
    retry: { retries: 12, minDelayMs: 2, maxDelayMs: 40, maxElapsedMs: 60_000 },
    onRequest: (event) => events.push(event),
  });
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server.close();
});

describe("1,000+ operations under injected faults", () => {
  const figures = { operations: 0, wrongAnswers: 0 };

  it("answers every operation correctly", async () => {
    const paths = [...described.keys()].filter((path) => path.startsWith("acme/vision/")).slice(0, 60);
    const wrong: string[] = [];
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        paths.flatMap((path) => {
          const run = client.run(path);
          const truth = described.get(path) as MockRun;
          figures.operations += 4;
          return [
            runConfig(run, { fresh: true }).then((config) => {
              if (!isDeepStrictEqual(config, truth.config ?? {})) wrong.push(`config ${path}`);
            }),
            runSummary(run, { fresh: true, keys: ["accuracy"] }).then((summary) => {
              const want = truth.summary?.accuracy;
              if (want !== undefined && !Object.is(summary.accuracy, want)) wrong.push(`summary ${path}`);
            }),
            runName(run, { fresh: true }).then((name) => {
              if (name !== (truth.displayName ?? truth.id)) wrong.push(`name ${path}`);
            }),
            runLoggedArtifactVersions(run, { fresh: true }).then((versions) => {
              if (versions.length !== expectedLogged(truth)) wrong.push(`artifacts ${path}`);
            }),
          ];
        }),
      );
    }
    // Listing and counting page through the same faults.
    const listed = await client.runs("acme/nlp", { pageSize: 10 }).toArray();
    figures.operations += 2;
    if (listed.length !== demoFacts.projects.nlp.runCount) wrong.push("listing");
    if ((await client.runs("acme/nlp").count()) !== demoFacts.projects.nlp.runCount) wrong.push("count");
    let steps = 0;
    for await (const row of scanRunHistory(client.run(demoFacts.longHistoryRun.path), {
      pageSize: 500,
      keys: ["val/acc"],
    })) {
      if (row._step !== steps * 10) wrong.push(`history step ${row._step}`);
      steps++;
    }
    figures.operations += 1;
    if (steps !== demoFacts.longHistoryRun.valAccRows) wrong.push(`history rows ${steps}`);
    figures.wrongAnswers = wrong.length;
    expect(wrong).toEqual([]);
    expect(figures.operations).toBeGreaterThanOrEqual(1000);
  });

  it("injected every kind of fault, and retried each exactly once, within budget", () => {
    const faults = server.requests.filter((r) => r.fault !== undefined);
    // Object.groupBy arrived in Node 21.
    const byKind: Record<string, number> = {};
    for (const record of faults) byKind[record.fault as string] = (byKind[record.fault as string] ?? 0) + 1;
    expect(Object.keys(byKind).sort()).toEqual(["drop", "rate-limit", "server-error", "truncate"]);
    expect(server.requests.length).toBeGreaterThan(150);
    expect(faults.length / server.requests.length).toBeGreaterThan(0.2);
    const stats = client.stats();
    expect(stats.requests).toBe(server.requests.length);
    expect(stats.retries).toBe(faults.length);
    const attempts = events.map((event) => event.attempt);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(13);
    expect(unhandled).toEqual([]);
    // The figures quoted in the README's reliability section.
    console.info(
      `fault suite: ${figures.operations} operations, ${server.requests.length} requests, ${faults.length} faults ` +
        `(${Object.entries(byKind)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(
            ", ",
          )}), ${stats.retries} retries, longest chain ${Math.max(...attempts)} attempts, wrong answers ${figures.wrongAnswers}`,
    );
  });

  it("waited out Retry-After before every retry of a 429", () => {
    const log = server.requests;
    let checked = 0;
    log.forEach((record, index) => {
      if (record.fault !== "rate-limit") return;
      const retry = log
        .slice(index + 1)
        .find(
          (later) =>
            later.operationName === record.operationName &&
            isDeepStrictEqual(later.variables, record.variables),
        );
      expect(retry, `retry of request ${index}`).toBeDefined();
      // Timers may fire up to a millisecond early relative to Date.now(); allow for that.
      expect((retry?.at ?? 0) - record.at).toBeGreaterThanOrEqual(retryAfterSeconds * 1000 - 2);
      checked++;
    });
    expect(checked).toBeGreaterThan(5);
  });
});
