/**
 * What `waitForRun` decides after each poll, as pure functions of what it saw and the time: whether
 * the wait is over, whether the run stalled, how long until the next poll, and which failed polls
 * are worth another try. The poller around them only schedules.
 */
import {
  WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbTimeoutError,
} from "../errors.js";
import type { RunState } from "../wire/run-fields.js";

/** States a run never leaves by itself: every wait ends when the run reaches one. */
export const terminalStates: ReadonlySet<string> = new Set(["finished", "failed", "crashed", "killed"]);

/** What one poll read of a run. */
export interface RunObservation {
  state: RunState | null;
  heartbeatAt: Date | null;
  createdAt: Date;
}

/** The outcome of one poll. */
export type PollVerdict =
  /** The run is in a terminal state or one of the wanted ones: the wait resolves to it. */
  | { kind: "reached"; state: RunState }
  /** `running`, but not heard of for longer than `staleAfterMs`. */
  | { kind: "stalled"; state: RunState; silentForMs: number }
  | { kind: "waiting"; state: RunState | null };

/**
 * Judges one observation. A run counts as heard of at its last heartbeat, or at its creation
 * before its first one; only a `running` run can stall (a `pending` run is waiting for a machine,
 * which may rightly take long).
 */
export function judgePoll(
  observation: RunObservation,
  wanted: ReadonlySet<string>,
  staleAfterMs: number,
  nowMs: number,
): PollVerdict {
  const { state } = observation;
  if (state !== null && (terminalStates.has(state) || wanted.has(state))) return { kind: "reached", state };
  if (state === "running") {
    const heardAt = (observation.heartbeatAt ?? observation.createdAt).getTime();
    const silentForMs = Math.max(0, nowMs - heardAt);
    if (silentForMs > staleAfterMs) return { kind: "stalled", state, silentForMs };
  }
  return { kind: "waiting", state };
}

/**
 * Milliseconds from poll number `polls` (1 for the first) to the next: `pollMs` after the first,
 * doubling after each further one, never more than `maxPollMs`.
 */
export function pollDelayMs(polls: number, pollMs: number, maxPollMs: number): number {
  const exponent = Math.min(Math.max(polls - 1, 0), 30);
  return Math.min(maxPollMs, pollMs * 2 ** exponent);
}

/**
 * How much earlier than planned a poll may go, so that it shares a request with the polls of other
 * runs due about then: a quarter of the delay that scheduled it. Polling a little early never
 * misses anything; polling late would.
 */
export function coalesceMs(delayMs: number): number {
  return delayMs / 4;
}

/**
 * Whether a failed poll should be tried again at the next poll rather than end the wait. The
 * transport already retried it; what is left are outages a long wait can outlive (the connection,
 * rate limits, attempts that timed out, server errors). Everything else (a wrong key, a run that
 * does not exist, an answer that cannot be read) will not heal by waiting.
 */
export function isTransientPollError(error: unknown): boolean {
  if (!(error instanceof WandbError)) return false;
  if (error instanceof WandbNetworkError || error instanceof WandbRateLimitError) return true;
  if (error instanceof WandbTimeoutError) return true;
  return error instanceof WandbGraphQLError && error.status !== undefined && error.status >= 500;
}
