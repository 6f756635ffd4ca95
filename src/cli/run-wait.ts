/**
 * Waiting for a run from the command line, shared by `wait` and `check --wait`: the wait's flags,
 * progress lines on stderr, and what came of it as one sentence.
 */
import { type Run, RunStalledError, WandbTimeoutError, waitForRun } from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { cliMessage } from "./error-message.js";
import type { CliOutput } from "./output.js";
import { formatAge } from "./units.js";

/** How to wait, from the flags. */
export interface WaitFlags {
  /** The state wanted; the wait also ends on any terminal state. */
  state: string | undefined;
  timeoutMs: number | undefined;
  pollMs: number;
  staleAfterMs: number;
}

/** How a wait ended, short of an error. */
export interface WaitOutcome {
  run: string;
  /** `reached`: the state wanted (or, with none wanted, a terminal one); `ended`: another terminal state. */
  outcome: "reached" | "ended" | "stalled";
  state: string;
  /** What happened, e.g. `failed, wanted finished`. */
  detail: string;
}

/** Default `--poll`: the first delay between polls; it doubles up to a minute. */
export const defaultPollMs = 30_000;
/** Default `--stale-after`: live runs send a heartbeat every 30 s. */
export const defaultStaleAfterMs = 600_000;

/**
 * Waits for one run, telling stderr each state it moves to. Resolves for a run that reached a
 * state or stalled; rejects on a timeout or an API error.
 */
export async function waitForRunOutcome(run: Run, flags: WaitFlags, output: CliOutput): Promise<WaitOutcome> {
  let lastState: string | null | undefined;
  try {
    const state = await waitForRun(run, {
      until: flags.state === undefined ? [] : [flags.state],
      pollMs: flags.pollMs,
      staleAfterMs: flags.staleAfterMs,
      timeoutMs: flags.timeoutMs,
      onPoll: (event) => {
        if (event.error)
          output.err(
            terminalText(`${run.path}: poll ${event.poll} failed, trying again: ${cliMessage(event.error)}`),
          );
        else if (event.state !== lastState)
          output.err(terminalText(`${run.path}: ${event.state ?? "no state"}`));
        if (!event.error) lastState = event.state;
      },
    });
    const reached = flags.state === undefined || state === flags.state;
    const detail = reached ? state : `${state}, wanted ${flags.state}`;
    return { run: run.path, outcome: reached ? "reached" : "ended", state, detail };
  } catch (error) {
    if (error instanceof WandbTimeoutError && error.operation === "waitForRun") {
      // Said in the command line's words: the flag, not the SDK's option.
      const wanted = flags.state ?? "a terminal state";
      throw new WandbTimeoutError(
        `run ${run.path} did not reach ${wanted} within ${formatAge(flags.timeoutMs ?? error.elapsedMs)} (last state: ${lastState ?? "unknown"})`,
        error.attempts,
        error.elapsedMs,
        { operation: error.operation, runPath: error.runPath },
      );
    }
    if (!(error instanceof RunStalledError)) throw error;
    const heard = error.heartbeatAt ? "last heartbeat" : "no heartbeat, created";
    const detail = `stalled: ${error.state}, ${heard} ${formatAge(error.silentForMs)} ago`;
    return { run: run.path, outcome: "stalled", state: error.state, detail };
  }
}
