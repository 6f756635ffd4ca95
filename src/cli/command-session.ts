/**
 * One command's run as far as the network goes: its deadline (`--max-time`), what its client went
 * through on the way (attempts, retries, the last failure), and the lines on stderr a person
 * waiting needs: the first failed attempt at once (where, and what happens next), a later retry
 * that waits more than a second, a server silent for {@link stillWaitingMs}, and why the command
 * gave up. A connection refused on this machine (the mock not started) gives up within seconds.
 */
import { type RequestEvent, type RetryEvent, type WandbError, WandbNetworkError } from "../index.js";
// The SDK's own rule for which hosts are this machine (the CLI otherwise sees only the public API).
import { isLoopbackHost } from "../loopback-hosts.js";
import { terminalText } from "../output/terminal-text.js";
import { type LongTimer, setLongTimeout } from "../timers.js";
import { cliMessage } from "./error-message.js";
import type { CliOutput } from "./output.js";

/** The command ran past `--max-time`. */
export class DeadlineExceeded extends Error {
  override readonly name = "DeadlineExceeded";
}

/** A retry that waits longer than this gets a line on stderr; shorter ones pass unremarked. */
const announcedDelayMs = 1000;

/** With no answer at all after this long, a line says the command is still waiting, and for whom. */
export const stillWaitingMs = 5000;

/**
 * Refusals on this machine stop once retrying would pass this long since the first: nothing
 * listening on a loopback port is nearly always a server not started, which waiting does not fix,
 * while a local server restarting is back within it.
 */
export const loopbackRefusalGiveUpMs = 2000;

/** Where the command's requests go, and what the person set to send them there. */
export interface CommandTarget {
  baseUrl: string;
  /** `--base-url`, `WANDB_BASE_URL`, or undefined for the default. */
  source: string | undefined;
  /** Seconds each attempt may wait for an answer. */
  timeoutSeconds: number;
  /** Retries after a failed attempt. */
  retries: number;
}

export class CommandSession {
  /** Rejects with {@link DeadlineExceeded} when the deadline passes; never resolves. */
  readonly expired: Promise<never>;
  private expire: (error: DeadlineExceeded) => void = () => {};
  private timer: LongTimer | undefined;
  private seconds: number | undefined;
  private retries = 0;
  private lastFailure: WandbError | undefined;
  private target: CommandTarget | undefined;
  private waitingTimer: NodeJS.Timeout | undefined;
  private firstRefusalAt: number | undefined;
  private refusals = 0;

  constructor(
    private readonly output: CliOutput,
    /** The command's environment (`WANDB_ALLOW_INSECURE_HTTP`, `WANDB_HTTP_TIMEOUT`). */
    readonly env: Record<string, string | undefined>,
  ) {
    this.expired = new Promise<never>((_resolve, reject) => {
      this.expire = reject;
    });
    // Nobody may be listening when the command ends before its deadline.
    this.expired.catch(() => {});
  }

  /** Starts the deadline, once; later calls (a second client) keep the first. 0 means none. */
  startDeadline(seconds: number): void {
    if (this.seconds !== undefined || seconds === 0) return;
    this.seconds = seconds;
    this.timer = setLongTimeout(
      () => this.expire(new DeadlineExceeded(this.deadlineMessage())),
      seconds * 1000,
    );
  }

  /**
   * Where the command's client sends its requests, once (a second client keeps the first). Starts
   * the watch for a silent server: a line after {@link stillWaitingMs} with no answer.
   */
  watch(target: CommandTarget): void {
    if (this.target) return;
    this.target = target;
    this.waitingTimer = setTimeout(() => {
      const perAttempt = `; each attempt waits up to ${target.timeoutSeconds} s (--timeout)`;
      const limit = this.seconds === undefined ? "" : `, the command up to ${this.seconds} s (--max-time)`;
      this.output.err(
        `wandb-query: still waiting for ${target.baseUrl}: no answer after ${stillWaitingMs / 1000} s${perAttempt}${limit}`,
      );
    }, stillWaitingMs);
    this.waitingTimer.unref();
  }

  /** For the client's `onRequest`: an answer (any status) means the server is not silent. */
  noteRequest = (event: RequestEvent): void => {
    if (event.status > 0) clearTimeout(this.waitingTimer);
  };

  /**
   * For the client's `onRetry`: counts; says so on stderr for the first failure and for long
   * waits; gives up on a loopback host that keeps refusing.
   */
  noteRetry = (event: RetryEvent): void => {
    this.retries++;
    this.lastFailure = event.error;
    if (this.refusedHere(event)) return;
    const wait = `retrying in ${(event.delayMs / 1000).toFixed(1)} s`;
    if (event.attempt === 1 && this.target) {
      // The first failure is said at once: where the command is asking, and what it does next.
      const limit = this.seconds === undefined ? "" : ` within --max-time (${this.seconds} s)`;
      const more = this.target.retries === 1 ? "once more" : `up to ${this.target.retries} times`;
      this.output.err(
        `wandb-query: attempt 1 at ${terminalText(this.target.baseUrl)} failed: ${terminalText(cliMessage(event.error))}; ${wait}, ${more}${limit}`,
      );
    } else if (event.delayMs > announcedDelayMs) {
      this.output.err(
        `wandb-query: ${wait} after attempt ${event.attempt}: ${terminalText(cliMessage(event.error))}`,
      );
    }
  };

  /** Stops the deadline and the watch; the command is over. */
  dispose(): void {
    this.timer?.clear();
    clearTimeout(this.waitingTimer);
  }

  /**
   * Whether this failure is a refusal from a loopback base URL; ends the command (through
   * {@link expired}) once retrying would pass {@link loopbackRefusalGiveUpMs}.
   */
  private refusedHere(event: RetryEvent): boolean {
    const target = this.target;
    if (!target || !(event.error instanceof WandbNetworkError) || event.error.code !== "ECONNREFUSED")
      return false;
    if (!isLoopbackHost(new URL(target.baseUrl).hostname)) return false;
    const now = Date.now();
    this.firstRefusalAt ??= now;
    this.refusals++;
    const elapsed = now - this.firstRefusalAt;
    if (elapsed + event.delayMs < loopbackRefusalGiveUpMs) return event.attempt > 1;
    clearTimeout(this.waitingTimer);
    const setBy = target.source ?? "the default";
    const times = this.refusals === 1 ? "once" : `${this.refusals} times`;
    this.expire(
      new DeadlineExceeded(
        `nothing is listening at ${target.baseUrl} (set by ${setBy}; refused ${times} in ` +
          `${(elapsed / 1000).toFixed(1)} s): start the server there (for the demo data: ` +
          `wandb-query mock-server --port ${new URL(target.baseUrl).port || 80} &), or point WANDB_BASE_URL at one`,
      ),
    );
    return true;
  }

  private deadlineMessage(): string {
    const limit = `gave up after --max-time (${this.seconds} s)`;
    if (!this.lastFailure) return `${limit} with no answer from W&B`;
    const times = this.retries === 1 ? "once" : `${this.retries} times`;
    return `${limit}, having retried ${times}; last failure: ${cliMessage(this.lastFailure)}`;
  }
}
