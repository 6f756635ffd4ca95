// SPEC §4, batching at send time: loads that arrive while every request slot is busy wait, and
// share the request planned when a slot frees; a lone call on an idle client leaves in its tick;
// batchWindowMs trades latency for fewer requests. The fake W&B holds answers at a gate, so "while
// the slot is busy" is a fact, not a race.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/index.js";
import { runConfig, runName } from "../../src/index.js";
import { useGatedMockWandb } from "../helpers/gate.js";
import { mockClient } from "../helpers/mock-wandb.js";

const served = useGatedMockWandb();
const { mock } = served;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const visionRuns = () => mock.runs.filter((run) => run.project === "vision").map((run) => run.id);

describe("batching at send time", () => {
  it("calls made in ten ticks while the only slot is busy share the next request", async () => {
    const wb = mockClient({ maxConcurrentRequests: 1 });
    const [first, ...rest] = visionRuns().slice(0, 11);
    const pending = [runName(wb.run(`acme/vision/${first}`))];
    await served.gate.arrived(1);
    for (const id of rest) {
      pending.push(runName(wb.run(`acme/vision/${id}`)));
      await nextTick();
    }
    expect(served.gate.count).toBe(1);
    served.gate.open();
    await Promise.all(pending);
    expect(mock.requests.map((request) => request.runs.length)).toEqual([1, 10]);
  });

  it("sends a lone call on an idle client in the tick it was made", async () => {
    served.gate.open();
    const sent: number[] = [];
    const wb = mockClient({
      fetch: (input, init) => {
        sent.push(Date.now());
        return fetch(input, init);
      },
    });
    const name = runName(wb.run(demoFacts.knownRun.path));
    await nextTick();
    expect(sent).toHaveLength(1);
    await name;
  });

  it("without a window, calls in two ticks on an idle client cost two requests; with batchWindowMs, one", async () => {
    served.gate.open();
    const [a, b] = visionRuns();
    for (const [batchWindowMs, requests] of [
      [0, 2],
      [200, 1],
    ] as const) {
      mock.reset();
      const wb = mockClient({ batchWindowMs });
      const first = runConfig(wb.run(`acme/vision/${a}`));
      await nextTick();
      const second = runConfig(wb.run(`acme/vision/${b}`));
      await Promise.all([first, second]);
      expect(mock.requests, `batchWindowMs ${batchWindowMs}`).toHaveLength(requests);
    }
  });

  it("a call aborted while it waits for a slot never goes out; the others still do", async () => {
    const wb = mockClient({ maxConcurrentRequests: 1 });
    const [first, second, third] = visionRuns();
    const busy = runName(wb.run(`acme/vision/${first}`));
    await served.gate.arrived(1);
    const controller = new AbortController();
    const aborted = runName(wb.run(`acme/vision/${second}`), { signal: controller.signal });
    const kept = runName(wb.run(`acme/vision/${third}`));
    await nextTick();
    controller.abort(new Error("not needed any more"));
    await expect(aborted).rejects.toThrow("not needed any more");
    served.gate.open();
    await Promise.all([busy, kept]);
    expect(mock.requests.map((request) => request.runs)).toEqual([
      [`acme/vision/${first}`],
      [`acme/vision/${third}`],
    ]);
  });
});
