/**
 * The poller behind `waitForRun`: one per client, so that every run waited on shares poll rounds.
 * Polls that fall due about the same time (see `coalesceMs`) are issued in one tick, where the
 * loader batches them: 50 runs waited on cost one request per round, not 50.
 *
 * Time comes from an injected clock, so its tests step time by hand instead of sleeping.
 */
import { RunStalledError, WandbTimeoutError } from "../errors.js";
import type { Run } from "../run.js";
import { setLongTimeout } from "../timers.js";
import type { RunState } from "../wire/run-fields.js";
import {
  coalesceMs,
  isTransientPollError,
  judgePoll,
  pollDelayMs,
  type RunObservation,
} from "./wait-policy.js";

/** Time as the poller sees it. */
export interface PollerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** Reads a run's state and heartbeat from the server (never from a cache). */
export type ObserveRun = (run: Run, signal: AbortSignal | undefined) => Promise<RunObservation>;

/** What `waitForRun` reports after each poll of a run. */
export interface WaitPollEvent {
  /** The run polled. */
  run: Run;
  /** 1 for the first poll of this wait. */
  poll: number;
  /** Milliseconds since the wait started. */
  elapsedMs: number;
  /** The state read; `null` when W&B has none, or when the poll failed. */
  state: RunState | null;
  /** The last heartbeat read; `null` when the run has none yet, or when the poll failed. */
  heartbeatAt: Date | null;
  /**
   * A failed poll that the wait outlives (a network error, a rate limit, a server error): the next
   * poll tries again. Failures that cannot heal end the wait instead.
   */
  error?: Error;
}

/** Resolved settings of one wait. */
export interface WaitSettings {
  wanted: ReadonlySet<string>;
  pollMs: number;
  maxPollMs: number;
  staleAfterMs: number;
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  onPoll: ((event: WaitPollEvent) => void) | undefined;
}

interface Waiter {
  run: Run;
  settings: WaitSettings;
  startedAt: number;
  polls: number;
  /** When the next poll is due; undefined while a poll is in flight. */
  dueAt: number | undefined;
  /** The delay that set `dueAt`, which bounds how early the poll may go. */
  delayMs: number;
  finish(outcome: { state: RunState } | { error: unknown }): void;
}

/** Polls runs for the waits of one client. */
export class RunPoller {
  private readonly waiters = new Set<Waiter>();
  private timer: { at: number; cancel: () => void } | undefined;

  constructor(
    private readonly observe: ObserveRun,
    private readonly clock: PollerClock,
  ) {}

  /** Resolves to the state the run reached; rejects when it stalls, times out or is aborted. */
  wait(run: Run, settings: WaitSettings): Promise<RunState> {
    const { signal } = settings;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RunState>((resolve, reject) => {
      const startedAt = this.clock.now();
      const cleanups: Array<() => void> = [];
      const waiter: Waiter = {
        run,
        settings,
        startedAt,
        polls: 0,
        dueAt: startedAt,
        delayMs: 0,
        finish: (outcome) => {
          if (!this.waiters.delete(waiter)) return;
          for (const cleanup of cleanups) cleanup();
          if ("state" in outcome) resolve(outcome.state);
          else reject(outcome.error);
          this.schedule();
        },
      };
      if (settings.timeoutMs !== undefined) {
        const timeoutMs = settings.timeoutMs;
        cleanups.push(
          this.clock.setTimer(() => waiter.finish({ error: timedOut(waiter, timeoutMs) }), timeoutMs),
        );
      }
      if (signal) {
        const onAbort = () => waiter.finish({ error: signal.reason });
        signal.addEventListener("abort", onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener("abort", onAbort));
      }
      this.waiters.add(waiter);
      this.schedule();
    });
  }

  /** Runs waited on right now. */
  get size(): number {
    return this.waiters.size;
  }

  /** Sets the one timer for the earliest due poll, unless it is already set for then. */
  private schedule(): void {
    let earliest: number | undefined;
    for (const waiter of this.waiters) {
      if (waiter.dueAt !== undefined && (earliest === undefined || waiter.dueAt < earliest))
        earliest = waiter.dueAt;
    }
    if (this.timer && this.timer.at === earliest) return;
    this.timer?.cancel();
    this.timer = undefined;
    if (earliest === undefined) return;
    const at = earliest;
    const cancel = this.clock.setTimer(
      () => {
        this.timer = undefined;
        this.pollDue();
      },
      Math.max(0, at - this.clock.now()),
    );
    this.timer = { at, cancel };
  }

  /** Polls every waiter due now or soon, all in this tick so that the loader batches them. */
  private pollDue(): void {
    const now = this.clock.now();
    for (const waiter of this.waiters) {
      if (waiter.dueAt === undefined || waiter.dueAt - now > coalesceMs(waiter.delayMs)) continue;
      waiter.dueAt = undefined;
      this.observe(waiter.run, waiter.settings.signal).then(
        (observation) => this.judge(waiter, observation),
        (error: unknown) => this.failed(waiter, error),
      );
    }
    this.schedule();
  }

  private judge(waiter: Waiter, observation: RunObservation): void {
    if (!this.waiters.has(waiter)) return;
    const now = this.clock.now();
    waiter.polls++;
    const { state, heartbeatAt } = observation;
    if (!this.report(waiter, { state, heartbeatAt }, now)) return;
    const verdict = judgePoll(observation, waiter.settings.wanted, waiter.settings.staleAfterMs, now);
    if (verdict.kind === "reached") {
      waiter.finish({ state: verdict.state });
      return;
    }
    if (verdict.kind === "stalled") {
      const error = new RunStalledError(
        `run ${waiter.run.path} is ${verdict.state} but was last heard of ${Math.round(verdict.silentForMs / 1000)}s ago (more than staleAfterMs ${waiter.settings.staleAfterMs} ms): it stopped reporting`,
        { state: verdict.state, heartbeatAt, silentForMs: verdict.silentForMs },
        { operation: "waitForRun", runPath: waiter.run.path },
      );
      waiter.finish({ error });
      return;
    }
    this.planNext(waiter, now);
  }

  private failed(waiter: Waiter, error: unknown): void {
    if (!this.waiters.has(waiter)) return;
    if (!isTransientPollError(error)) {
      waiter.finish({ error });
      return;
    }
    const now = this.clock.now();
    waiter.polls++;
    if (!this.report(waiter, { state: null, heartbeatAt: null, error: error as Error }, now)) return;
    this.planNext(waiter, now);
  }

  /** Calls `onPoll`; a callback that throws ends the wait with its error. */
  private report(
    waiter: Waiter,
    seen: Pick<WaitPollEvent, "state" | "heartbeatAt" | "error">,
    now: number,
  ): boolean {
    const { onPoll } = waiter.settings;
    if (!onPoll) return true;
    try {
      onPoll({ run: waiter.run, poll: waiter.polls, elapsedMs: now - waiter.startedAt, ...seen });
      return this.waiters.has(waiter);
    } catch (error) {
      waiter.finish({ error });
      return false;
    }
  }

  private planNext(waiter: Waiter, now: number): void {
    const { pollMs, maxPollMs } = waiter.settings;
    waiter.delayMs = pollDelayMs(waiter.polls, pollMs, maxPollMs);
    waiter.dueAt = now + waiter.delayMs;
    this.schedule();
  }
}

function timedOut(waiter: Waiter, timeoutMs: number): WandbTimeoutError {
  const wanted = [...waiter.settings.wanted];
  const goal = wanted.length > 0 ? `${wanted.join(", ")} or a terminal state` : "a terminal state";
  return new WandbTimeoutError(
    `waitForRun: run ${waiter.run.path} did not reach ${goal} within timeoutMs ${timeoutMs} ms (${waiter.polls} polls)`,
    waiter.polls,
    timeoutMs,
    { operation: "waitForRun", runPath: waiter.run.path },
  );
}

/** The real clock. */
export const systemClock: PollerClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setLongTimeout(callback, ms);
    return () => timer.clear();
  },
};
