/**
 * One command's run as far as the network goes: its deadline (`--max-time`), what its client went
 * through on the way (attempts, retries, the last failure), and the lines on stderr a person
 * waiting needs: a retry that waits more than a second, and why the command gave up.
 */
import type { RetryEvent, WandbError } from "../index.js";
import { type LongTimer, setLongTimeout } from "../timers.js";
import { cliMessage } from "./error-message.js";
import type { CliOutput } from "./output.js";

/** The command ran past `--max-time`. */
export class DeadlineExceeded extends Error {
  override readonly name = "DeadlineExceeded";
}

/** A retry that waits longer than this gets a line on stderr; shorter ones pass unremarked. */
const announcedDelayMs = 1000;

export class CommandSession {
  /** Rejects with {@link DeadlineExceeded} when the deadline passes; never resolves. */
  readonly expired: Promise<never>;
  private expire: (error: DeadlineExceeded) => void = () => {};
  private timer: LongTimer | undefined;
  private seconds: number | undefined;
  private retries = 0;
  private lastFailure: WandbError | undefined;

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

  /** For the client's `onRetry`: counts, and says so on stderr when the wait is long. */
  noteRetry = (event: RetryEvent): void => {
    this.retries++;
    this.lastFailure = event.error;
    if (event.delayMs > announcedDelayMs) {
      this.output.err(
        `wandb-query: retrying in ${(event.delayMs / 1000).toFixed(1)} s after attempt ${event.attempt}: ${cliMessage(event.error)}`,
      );
    }
  };

  /** Stops the deadline; the command is over. */
  dispose(): void {
    this.timer?.clear();
  }

  private deadlineMessage(): string {
    const limit = `gave up after --max-time (${this.seconds} s)`;
    if (!this.lastFailure) return `${limit} with no answer from W&B`;
    const times = this.retries === 1 ? "once" : `${this.retries} times`;
    return `${limit}, having retried ${times}; last failure: ${cliMessage(this.lastFailure)}`;
  }
}
