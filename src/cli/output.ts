/** Writing to stdout and stderr: backpressure for streamed output, a status line for terminals. */
import { once } from "node:events";
import type { Writable } from "node:stream";

/** Where a command writes, and what it knows of the terminal. */
export interface CliOutput {
  /** Writes to stdout; resolves when the stream can take more, so a large stream stays bounded. */
  out(text: string): Promise<void>;
  /** Writes one line to stderr. */
  err(line: string): void;
  /**
   * Replaces the status line on stderr (empty text clears it). Only when stderr is a terminal: in
   * a CI log or a file, a line redrawn with `\r` is noise.
   */
  status(text: string): void;
  /** Whether stderr is a terminal (a person watching) rather than a log or a file. */
  readonly stderrIsTty: boolean;
  /** Whether stdout is a terminal: charts then use Unicode and colours, piped they are plain ASCII. */
  readonly stdoutIsTty?: boolean;
  /** The width tables fit: the terminal's, else `COLUMNS`, else none. */
  readonly columns: number | undefined;
}

/** Output over real streams, e.g. `process.stdout`. */
export function streamOutput(
  stdout: Writable & { isTTY?: boolean; columns?: number },
  stderr: Writable & { isTTY?: boolean },
  env: Record<string, string | undefined>,
): CliOutput {
  const fromEnv = Number(env.COLUMNS);
  const columns = stdout.isTTY && stdout.columns ? stdout.columns : fromEnv > 0 ? fromEnv : undefined;
  return {
    async out(text) {
      if (!stdout.write(text)) await once(stdout, "drain");
    },
    err(line) {
      stderr.write(`${line}\n`);
    },
    status(text) {
      if (stderr.isTTY) stderr.write(`\r\x1b[2K${text}`);
    },
    stderrIsTty: stderr.isTTY === true,
    stdoutIsTty: stdout.isTTY === true,
    columns,
  };
}
