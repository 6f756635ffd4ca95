// A call made while a covering request is in flight joins it instead of sending another. The fake
// W&B holds every answer until the test opens the gate, so "in flight" is a fact, not a race.
import { expect, it } from "vitest";
import { demoFacts } from "../../mocks/index.js";
import { runConfig, runSummary } from "../../src/index.js";
import { useGatedMockWandb } from "../helpers/gate.js";
import { mockClient } from "../helpers/mock-wandb.js";

const served = useGatedMockWandb();
const { mock } = served;

it("joins a request in flight that covers the call, with or without the cache", async () => {
  for (const cache of [true, false]) {
    const current = served.renew();
    const wb = mockClient({ cache });
    const run = wb.run(demoFacts.knownRun.path);
    const first = runSummary(run);
    await current.arrived(1);
    // The first request is at the server, unanswered: the whole summary covers `keys`.
    const second = runSummary(run, { keys: ["accuracy"] });
    current.open();
    const [whole, projected] = await Promise.all([first, second]);
    expect(projected).toEqual({ accuracy: whole.accuracy });
    expect(mock.requests, `cache: ${cache}`).toHaveLength(1);
  }
});

it("does not join a request in flight that does not cover the call", async () => {
  const current = served.gate;
  const wb = mockClient();
  const run = wb.run(demoFacts.knownRun.path);
  const first = runConfig(run, { keys: ["learning_rate"] });
  await current.arrived(1);
  const second = runConfig(run);
  // The second request leaves while the first is still held: two requests at the server at once.
  await current.arrived(2);
  current.open();
  await expect(Promise.all([first, second])).resolves.toEqual([
    { learning_rate: 0.001 },
    demoFacts.knownRun.config,
  ]);
  expect(mock.requests).toHaveLength(2);
});

it("a call after the answer arrived is served from the cache, or asks again with cache: false", async () => {
  for (const [cache, requests] of [
    [true, 1],
    [false, 2],
  ] as const) {
    served.renew().open();
    const wb = mockClient({ cache });
    const run = wb.run(demoFacts.knownRun.path);
    await runSummary(run);
    await runSummary(run, { keys: ["accuracy"] });
    expect(mock.requests, `cache: ${cache}`).toHaveLength(requests);
  }
});
