// The shared poller with a hand-stepped clock: when polls happen, which polls share a tick, and
// how a wait ends (reached, stalled, timed out, aborted, failed), without sleeping.
import { describe, expect, it } from "vitest";
import {
  type Run,
  RunNotFoundError,
  RunStalledError,
  type WaitPollEvent,
  WandbNetworkError,
  WandbTimeoutError,
} from "../../src/index.js";
import { RunPoller, type WaitSettings } from "../../src/workflows/run-poller.js";
import type { RunObservation } from "../../src/workflows/wait-policy.js";
import { FakeClock, settle } from "./fake-clock.js";

const start = Date.UTC(2025, 0, 1);

/** A stand-in for a Run handle: the poller only reads `path` (and hands it to `observe`). */
function fakeRun(path: string): Run {
  return { path } as Run;
}

type Script = (poll: number, now: number) => Partial<RunObservation> | Error;

/** A poller whose observe follows a script per run and records each call with its time. */
function scriptedPoller(clock: FakeClock, scripts: Record<string, Script>) {
  const calls: Array<{ path: string; at: number }> = [];
  const polls = new Map<string, number>();
  const poller = new RunPoller(async (run) => {
    const poll = (polls.get(run.path) ?? 0) + 1;
    polls.set(run.path, poll);
    calls.push({ path: run.path, at: clock.now() });
    const outcome = (scripts[run.path] as Script)(poll, clock.now());
    if (outcome instanceof Error) throw outcome;
    return { state: "running", heartbeatAt: new Date(clock.now()), createdAt: new Date(start), ...outcome };
  }, clock);
  return { poller, calls };
}

function settings(overrides: Partial<WaitSettings> = {}): WaitSettings {
  return {
    wanted: new Set(),
    pollMs: 5_000,
    maxPollMs: 60_000,
    staleAfterMs: 600_000,
    timeoutMs: undefined,
    signal: undefined,
    onPoll: undefined,
    ...overrides,
  };
}

/** Records how a promise settles, without an unhandled rejection in between. */
function track<T>(promise: Promise<T>) {
  const outcome: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(outcome, { value, done: true }),
    (error: unknown) => Object.assign(outcome, { error, done: true }),
  );
  return outcome;
}

describe("RunPoller", () => {
  it("polls at once, then after pollMs, doubling up to maxPollMs, and resolves to the state reached", async () => {
    const clock = new FakeClock(start);
    const { poller, calls } = scriptedPoller(clock, {
      "a/p/r1": (poll) => (poll === 7 ? { state: "finished" } : {}),
    });
    const wait = track(poller.wait(fakeRun("a/p/r1"), settings()));
    await clock.advance(10 * 60_000);
    expect(calls.map((call) => call.at - start)).toEqual([
      0, 5_000, 15_000, 35_000, 75_000, 135_000, 195_000,
    ]);
    expect(wait).toMatchObject({ done: true, value: "finished" });
    expect(poller.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("ends on any terminal state, not only the wanted one", async () => {
    const clock = new FakeClock(start);
    const { poller } = scriptedPoller(clock, {
      "a/p/r1": (poll) => ({ state: poll === 2 ? "crashed" : "pending", heartbeatAt: null }),
    });
    const wait = track(poller.wait(fakeRun("a/p/r1"), settings({ wanted: new Set(["running"]) })));
    await clock.advance(0);
    expect(wait.done).toBe(false);
    await clock.advance(5_000);
    expect(wait).toMatchObject({ done: true, value: "crashed" });
  });

  it("resolves on an `until` state", async () => {
    const clock = new FakeClock(start);
    const { poller } = scriptedPoller(clock, {
      "a/p/r1": (poll) => ({ state: poll < 3 ? "pending" : "running", heartbeatAt: null }),
    });
    const wait = track(poller.wait(fakeRun("a/p/r1"), settings({ wanted: new Set(["running"]) })));
    await clock.advance(15_000);
    expect(wait).toMatchObject({ done: true, value: "running" });
  });

  it("polls runs due about the same time in one tick, up to a quarter of a delay early", async () => {
    const clock = new FakeClock(start);
    const { poller, calls } = scriptedPoller(clock, { "a/p/r1": () => ({}), "a/p/r2": () => ({}) });
    const controller = new AbortController();
    const waits = [
      track(poller.wait(fakeRun("a/p/r1"), settings({ pollMs: 10_000, signal: controller.signal }))),
    ];
    await clock.advance(3_000);
    waits.push(
      track(poller.wait(fakeRun("a/p/r2"), settings({ pollMs: 10_000, signal: controller.signal }))),
    );
    await clock.advance(60_000);
    const ticks = new Map<number, string[]>();
    for (const call of calls) ticks.set(call.at - start, [...(ticks.get(call.at - start) ?? []), call.path]);
    // r1 polls at 0, 10 s, 30 s; r2 at 3 s and 13 s (too far from 10 s to join), then its third
    // poll, due at 33 s with a 20 s delay, goes 3 s early with r1's at 30 s.
    expect([...ticks]).toEqual([
      [0, ["a/p/r1"]],
      [3_000, ["a/p/r2"]],
      [10_000, ["a/p/r1"]],
      [13_000, ["a/p/r2"]],
      [30_000, ["a/p/r1", "a/p/r2"]],
    ]);
    controller.abort();
    await settle();
    expect(waits.every((wait) => wait.done)).toBe(true);
  });

  it("rejects with RunStalledError when a running run stops sending heartbeats", async () => {
    const clock = new FakeClock(start);
    const lastBeat = new Date(start - 60_000);
    const { poller, calls } = scriptedPoller(clock, { "a/p/r1": () => ({ heartbeatAt: lastBeat }) });
    const wait = track(poller.wait(fakeRun("a/p/r1"), settings({ staleAfterMs: 120_000 })));
    await clock.advance(10 * 60_000);
    // Silent 60 s at 0, 65 s at 5 s, 75 s at 15 s, 95 s at 35 s, 135 s at 75 s: stalled.
    expect(calls).toHaveLength(5);
    expect(wait.error).toBeInstanceOf(RunStalledError);
    expect(wait.error).toMatchObject({
      state: "running",
      heartbeatAt: lastBeat,
      silentForMs: 135_000,
      runPath: "a/p/r1",
      operation: "waitForRun",
    });
    expect((wait.error as Error).message).toMatch(/a\/p\/r1 is running but was last heard of 135s ago/);
  });

  it("rejects with WandbTimeoutError at timeoutMs and polls no more", async () => {
    const clock = new FakeClock(start);
    const { poller, calls } = scriptedPoller(clock, { "a/p/r1": () => ({}) });
    const wait = track(poller.wait(fakeRun("a/p/r1"), settings({ timeoutMs: 60_000 })));
    await clock.advance(59_999);
    expect(wait.done).toBe(false);
    await clock.advance(1);
    expect(wait.error).toBeInstanceOf(WandbTimeoutError);
    expect(wait.error).toMatchObject({ attempts: 4, elapsedMs: 60_000, runPath: "a/p/r1" });
    await clock.advance(10 * 60_000);
    expect(calls).toHaveLength(4); // 0, 5, 15, 35 s
    expect(clock.pending).toBe(0);
  });

  it("rejects an aborted wait at once with the signal's reason; other waits go on", async () => {
    const clock = new FakeClock(start);
    const { poller, calls } = scriptedPoller(clock, {
      "a/p/r1": () => ({}),
      "a/p/r2": (poll) => (poll === 3 ? { state: "finished" } : {}),
    });
    const controller = new AbortController();
    const aborted = track(poller.wait(fakeRun("a/p/r1"), settings({ signal: controller.signal })));
    const other = track(poller.wait(fakeRun("a/p/r2"), settings()));
    await clock.advance(7_000);
    controller.abort(new Error("stop"));
    await settle();
    expect(aborted.error).toEqual(new Error("stop"));
    await clock.advance(60_000);
    expect(other).toMatchObject({ done: true, value: "finished" });
    expect(calls.filter((call) => call.path === "a/p/r1")).toHaveLength(2);
    await expect(poller.wait(fakeRun("a/p/r1"), settings({ signal: controller.signal }))).rejects.toThrow(
      "stop",
    );
  });

  it("outlives a failed poll that may heal, reporting it, and ends on one that cannot", async () => {
    const clock = new FakeClock(start);
    const events: WaitPollEvent[] = [];
    const { poller } = scriptedPoller(clock, {
      "a/p/r1": (poll) =>
        poll === 2 ? new WandbNetworkError("socket hang up") : poll === 4 ? { state: "finished" } : {},
      "a/p/r2": (poll) => (poll === 2 ? new RunNotFoundError("run a/p/r2 not found") : {}),
    });
    const healed = track(poller.wait(fakeRun("a/p/r1"), settings({ onPoll: (event) => events.push(event) })));
    const failed = track(poller.wait(fakeRun("a/p/r2"), settings()));
    await clock.advance(60_000);
    expect(healed).toMatchObject({ done: true, value: "finished" });
    expect(events.map((event) => [event.poll, event.state, event.error?.name])).toEqual([
      [1, "running", undefined],
      [2, null, "WandbNetworkError"],
      [3, "running", undefined],
      [4, "finished", undefined],
    ]);
    expect(events[2]?.elapsedMs).toBe(15_000);
    expect(failed.error).toBeInstanceOf(RunNotFoundError);
  });

  it("ends the wait with the error of an onPoll that throws", async () => {
    const clock = new FakeClock(start);
    const { poller, calls } = scriptedPoller(clock, { "a/p/r1": () => ({}) });
    const boom = new Error("callback failed");
    const wait = track(
      poller.wait(
        fakeRun("a/p/r1"),
        settings({
          onPoll: ({ poll }) => {
            if (poll === 2) throw boom;
          },
        }),
      ),
    );
    await clock.advance(60_000);
    expect(wait.error).toBe(boom);
    expect(calls).toHaveLength(2);
  });
});
