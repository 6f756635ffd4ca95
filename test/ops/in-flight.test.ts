// Over real HTTP with 150 ms of latency per answer: a call made while a covering request is in
// flight joins it instead of sending another.
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoFacts, type MockServer, startMockServer } from "../../mocks/index.js";
import { createClient, runConfig, runSummary } from "../../src/index.js";

const apiKey = "inflight-0123456789abcdef";
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ apiKey, faults: { latencyMs: 150 } });
});
afterAll(() => server.close());

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("joins a request in flight that covers the call, with or without the cache", async () => {
  for (const cache of [true, false]) {
    server.reset();
    const wb = createClient({ apiKey, baseUrl: server.url, cache });
    const run = wb.run(demoFacts.knownRun.path);
    const first = runSummary(run);
    await later(40);
    // A later tick, while the first answer is still on its way: the whole summary covers `keys`.
    const second = runSummary(run, { keys: ["accuracy"] });
    const [whole, projected] = await Promise.all([first, second]);
    expect(projected).toEqual({ accuracy: whole.accuracy });
    expect(server.requests, `cache: ${cache}`).toHaveLength(1);
  }
});

it("does not join a request in flight that does not cover the call", async () => {
  server.reset();
  const wb = createClient({ apiKey, baseUrl: server.url });
  const run = wb.run(demoFacts.knownRun.path);
  const first = runConfig(run, { keys: ["learning_rate"] });
  await later(40);
  const second = runConfig(run);
  await expect(Promise.all([first, second])).resolves.toEqual([
    { learning_rate: 0.001 },
    demoFacts.knownRun.config,
  ]);
  expect(server.requests).toHaveLength(2);
});
