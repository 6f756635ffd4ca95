/** What every command gets besides its arguments: where to write, the environment, the clock. */
import type { CliOutput } from "./output.js";

export interface CommandContext {
  output: CliOutput;
  env: Record<string, string | undefined>;
  now(): Date;
  /** The process's exit code once the command is done; commands that decide something set it. */
  exitCode: number;
}
