// The decisions of waitForRun on plain inputs: when a wait ends, when a run stalled, the delays,
// and which failed polls are tried again.
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  RunNotFoundError,
  WandbAuthError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbTimeoutError,
} from "../../src/index.js";
import {
  coalesceMs,
  isTransientPollError,
  judgePoll,
  pollDelayMs,
  type RunObservation,
} from "../../src/workflows/wait-policy.js";

const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const minutesAgo = (m: number) => new Date(now - m * 60_000);
const tenMinutes = 600_000;

function seen(
  state: string | null,
  heartbeatMinutesAgo: number | null,
  createdMinutesAgo = 60,
): RunObservation {
  return {
    state,
    heartbeatAt: heartbeatMinutesAgo === null ? null : minutesAgo(heartbeatMinutesAgo),
    createdAt: minutesAgo(createdMinutesAgo),
  };
}

describe("judgePoll", () => {
  it.each([
    // state, heartbeat (min ago), created (min ago), wanted, verdict
    ["finished", 1, 60, [], "reached"],
    ["failed", 1, 60, [], "reached"],
    ["crashed", 90, 120, [], "reached"],
    ["killed", null, 60, [], "reached"],
    ["running", 1, 60, [], "waiting"],
    ["running", 10, 60, [], "waiting"], // exactly staleAfterMs: not yet
    ["running", 10.01, 60, [], "stalled"],
    ["running", null, 5, [], "waiting"], // no heartbeat yet: counted from creation
    ["running", null, 11, [], "stalled"],
    ["running", 1, 60, ["running"], "reached"],
    ["pending", null, 600, [], "waiting"], // a queued run never stalls
    ["preempted", 30, 60, [], "waiting"],
    ["preempted", 30, 60, ["preempted"], "reached"],
    [null, null, 60, [], "waiting"],
  ] as const)(
    "%s, heartbeat %s min ago, created %s min ago, until %j: %s",
    (state, beat, created, wanted, kind) => {
      const verdict = judgePoll(seen(state, beat, created), new Set(wanted), tenMinutes, now);
      expect(verdict.kind).toBe(kind);
    },
  );

  it("says how long a stalled run has been silent", () => {
    expect(judgePoll(seen("running", 25), new Set(), tenMinutes, now)).toEqual({
      kind: "stalled",
      state: "running",
      silentForMs: 25 * 60_000,
    });
  });

  it("never stalls with staleAfterMs Infinity", () => {
    expect(judgePoll(seen("running", 100_000), new Set(), Number.POSITIVE_INFINITY, now).kind).toBe(
      "waiting",
    );
  });
});

describe("pollDelayMs", () => {
  it.each([
    [1, 5_000, 60_000, 5_000],
    [2, 5_000, 60_000, 10_000],
    [3, 5_000, 60_000, 20_000],
    [4, 5_000, 60_000, 40_000],
    [5, 5_000, 60_000, 60_000],
    [50, 5_000, 60_000, 60_000],
    [1_000_000, 5_000, 60_000, 60_000],
    [1, 30_000, 30_000, 30_000],
    [3, 30_000, 30_000, 30_000],
  ])("after poll %i with pollMs %i and maxPollMs %i: %i", (polls, pollMs, maxPollMs, delay) => {
    expect(pollDelayMs(polls, pollMs, maxPollMs)).toBe(delay);
  });

  it("lets a poll go a quarter of its delay early", () => {
    expect(coalesceMs(0)).toBe(0);
    expect(coalesceMs(40_000)).toBe(10_000);
  });
});

describe("isTransientPollError", () => {
  it.each([
    [new WandbNetworkError("socket hang up"), true],
    [new WandbRateLimitError("429", 1000), true],
    [new WandbTimeoutError("too slow", 3, 90_000), true],
    [new WandbGraphQLError("bad gateway", [], null, { status: 502 }), true],
    [new WandbGraphQLError("field error", [{ message: "no" }], null, { status: 200 }), false],
    [new WandbGraphQLError("invalid query", [], null, { status: 400 }), false],
    [new WandbAuthError("refused", { status: 401 }), false],
    [new RunNotFoundError("no run"), false],
    [new WandbResponseError("unreadable"), false],
    [new InvalidArgumentError("bad"), false],
    [new TypeError("a bug"), false],
    [new DOMException("aborted", "AbortError"), false],
  ])("%s: %s", (error, transient) => {
    expect(isTransientPollError(error)).toBe(transient);
  });
});
