/** `waitForRun`: poll a run until it ends (or reaches a wanted state), sharing polls per client. */
import { InvalidArgumentError } from "../errors.js";
import type { RunLoader } from "../loaders/run-loader.js";
import { runCreatedAt, runHeartbeatAt, runState } from "../ops/run-light-ops.js";
import { contextOf, type Run } from "../run.js";
import type { RunState } from "../wire/run-fields.js";
import { type PollerClock, RunPoller, systemClock, type WaitPollEvent } from "./run-poller.js";
import type { RunObservation } from "./wait-policy.js";

/** Options of {@link waitForRun}. */
export interface WaitForRunOptions {
  /**
   * States that end the wait besides the terminal ones (`finished`, `failed`, `crashed`,
   * `killed`, which always do), e.g. `"running"` to wait until a run starts.
   */
  until?: RunState | readonly RunState[] | undefined;
  /** Milliseconds from the first poll to the second. Default 5000. */
  pollMs?: number | undefined;
  /** The delay doubles after each poll up to this. Default 60 000, or `pollMs` when larger. */
  maxPollMs?: number | undefined;
  /**
   * A `running` run not heard of for longer than this (its last heartbeat, else its creation)
   * has stalled: the wait rejects with {@link errors!RunStalledError | RunStalledError}. Default
   * 600 000 (10 minutes; live runs send a heartbeat every 30 s). `Infinity` never gives up.
   */
  staleAfterMs?: number | undefined;
  /**
   * Rejects with {@link errors!WandbTimeoutError | WandbTimeoutError} when the run has not ended
   * this many milliseconds after the call. Default: no limit.
   */
  timeoutMs?: number | undefined;
  /** Rejects the wait at once with the signal's reason; the run's other waiters go on. */
  signal?: AbortSignal | undefined;
  /**
   * Called after every poll of this run, with what it read (or the failure it outlived). A
   * callback that throws ends the wait with that error.
   */
  onPoll?: ((event: WaitPollEvent) => void) | undefined;
}

const defaults = { pollMs: 5_000, maxPollMs: 60_000, staleAfterMs: 600_000 };
const optionNames = new Set([
  "until",
  "pollMs",
  "maxPollMs",
  "staleAfterMs",
  "timeoutMs",
  "signal",
  "onPoll",
]);

const pollers = new WeakMap<RunLoader, RunPoller>();

/**
 * Waits until the run reaches a terminal state (`finished`, `failed`, `crashed`, `killed`) or one
 * of the `until` states, and resolves to that state: a run that failed resolves to `"failed"`, so
 * compare the result with what you wanted. Each poll reads the run's state and heartbeat from the
 * server (never the cache): the first at once, the next after `pollMs`, then each delay doubles
 * up to `maxPollMs`.
 *
 * Runs waited on at the same time share polls: every wait of one client whose poll falls due
 * about then is read in one batched request (50 runs per request), polling up to a quarter of its
 * delay early to join the others.
 *
 * Rejects with {@link errors!RunStalledError | RunStalledError} when W&B still says `running` but
 * the run has not been heard of for longer than `staleAfterMs` (its process died without telling
 * W&B); with {@link errors!WandbTimeoutError | WandbTimeoutError} after `timeoutMs`; with the
 * signal's reason when aborted; and with the error of a poll that cannot heal (an unknown run, a
 * refused key). Polls that fail for a while (network, rate limits, 5xx, after the client's own
 * retries) are reported to `onPoll` and tried again at the next poll.
 *
 * @param run - The W&B run to wait for
 * @param options - `until`, `pollMs`, `maxPollMs`, `staleAfterMs`, `timeoutMs`, `signal` and
 * `onPoll`: see {@link WaitForRunOptions}.
 * @returns The state that ended the wait.
 *
 * @example Gate a Deploy on a Training Run
 * ```ts
 * const state = await waitForRun(run, { timeoutMs: 2 * 60 * 60_000, pollMs: 30_000 });
 * if (state !== "finished") throw new Error(`training ended ${state}`);
 * ```
 *
 * @example Wait for Many Runs at Once
 * ```ts
 * // One request per poll round for up to 50 runs.
 * const states = await Promise.allSettled(runs.map((run) => waitForRun(run, { timeoutMs: 3_600_000 })));
 * ```
 *
 * @example Wait Until a Run Starts, With Progress
 * ```ts
 * await waitForRun(run, {
 *   until: "running",
 *   onPoll: ({ poll, state }) => console.error(`poll ${poll}: ${state}`),
 * });
 * ```
 *
 * @see
 * - {@link runState} - For the state right now
 * - {@link runHeartbeatAt} - For the last heartbeat
 */
export function waitForRun(run: Run, options?: WaitForRunOptions): Promise<RunState> {
  const context = contextOf(run, "waitForRun");
  const settings = checkWaitOptions(options ?? {});
  let poller = pollers.get(context.loader);
  if (!poller) {
    poller = createPoller(systemClock);
    pollers.set(context.loader, poller);
  }
  return poller.wait(run, settings);
}

/** @internal A poller that reads runs through the public operations, fresh, in one tick per round. */
export function createPoller(clock: PollerClock): RunPoller {
  return new RunPoller(async (run, signal): Promise<RunObservation> => {
    const options = { fresh: true, signal };
    // One tick, one field group: the loader sends one request for all three, and for every other
    // run polled in this tick.
    const [state, heartbeatAt, createdAt] = await Promise.all([
      runState(run, options),
      runHeartbeatAt(run, options),
      runCreatedAt(run, options),
    ]);
    return { state: state ?? null, heartbeatAt, createdAt };
  }, clock);
}

function checkWaitOptions(options: WaitForRunOptions) {
  const operation = "waitForRun";
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${operation}: options must be an object`, { operation });
  }
  const bad = (message: string) => new InvalidArgumentError(`${operation}: ${message}`, { operation });
  for (const name of Object.keys(options)) {
    if (!optionNames.has(name))
      throw bad(`unknown option ${JSON.stringify(name)}; known options: ${[...optionNames].join(", ")}`);
  }
  const until =
    options.until === undefined ? [] : typeof options.until === "string" ? [options.until] : options.until;
  if (!Array.isArray(until) || until.some((state) => typeof state !== "string" || state === "")) {
    throw bad("until must be a state or an array of states");
  }
  const milliseconds = (
    value: unknown,
    name: string,
    fallback: number | undefined,
    allowInfinity = false,
  ) => {
    if (value === undefined) return fallback;
    const ok = typeof value === "number" && value > 0 && (Number.isFinite(value) || allowInfinity);
    if (!ok) throw bad(`${name} must be a number of milliseconds > 0, got ${String(value)}`);
    return value;
  };
  const pollMs = milliseconds(options.pollMs, "pollMs", defaults.pollMs) as number;
  const maxPollMs = milliseconds(
    options.maxPollMs,
    "maxPollMs",
    Math.max(defaults.maxPollMs, pollMs),
  ) as number;
  if (maxPollMs < pollMs) throw bad(`maxPollMs (${maxPollMs}) must be at least pollMs (${pollMs})`);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw bad("signal must be an AbortSignal");
  }
  if (options.onPoll !== undefined && typeof options.onPoll !== "function")
    throw bad("onPoll must be a function");
  return {
    wanted: new Set<string>(until),
    pollMs,
    maxPollMs,
    staleAfterMs: milliseconds(options.staleAfterMs, "staleAfterMs", defaults.staleAfterMs, true) as number,
    timeoutMs: milliseconds(options.timeoutMs, "timeoutMs", undefined),
    signal: options.signal,
    onPoll: options.onPoll,
  };
}
