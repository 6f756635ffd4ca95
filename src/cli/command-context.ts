/** What every command gets besides its arguments: where to write, the environment, the clock. */
import type { CliOutput } from "./output.js";

export interface CommandContext {
  output: CliOutput;
  env: Record<string, string | undefined>;
  now(): Date;
  /** The process's exit code once the command is done; commands that decide something set it. */
  exitCode: number;
  /**
   * Set by a command whose `--json` output already told of the error it then throws (`wait`'s
   * per-run entries), so no second JSON object follows it.
   */
  errorInOutput: boolean;
}
