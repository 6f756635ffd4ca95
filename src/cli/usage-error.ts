/** Exit codes of `wandb-query`, and the error that means "the command line is wrong". */

/** Every check held, or the command did what it was asked. */
export const exitOk = 0;
/** `check`: at least one check failed. */
export const exitCheckFailed = 1;
/** A usage error (bad flag, path, expression) or an API error: nothing was decided. */
export const exitError = 2;

/**
 * A mistake in the command line found after commander parsed it (a malformed run path, bad
 * `--filter` JSON). Reported as one line on stderr with exit code 2, like commander's own errors.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * A result the command cannot write out (a value nested deeper than JSON can be written here).
 * Reported as one line on stderr with exit code 2: nothing was printed.
 */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

/**
 * The command was stopped by SIGINT (Ctrl-C) or SIGTERM after cleaning up; it exits with 128 plus
 * the signal's number (130, 143), as a shell reports a process a signal ended.
 */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  readonly exitCode: number;
  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(`stopped by ${signal}; partial files removed`);
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
}
