// In-process runs of the CLI (`runCli`) write to a CliOutput; this one keeps everything written.
import type { CliOutput } from "../../src/cli/output.js";

/** What the program wrote: stdout chunks, stderr lines, and progress statuses. */
export interface Written {
  stdout: string[];
  stderr: string[];
  /** Status lines drawn: only with `stderrIsTty`, as the real output draws them (`streamOutput`). */
  statuses: string[];
  /** Every status the program asked for, drawn or not. */
  statusCalls: string[];
}

/** A CliOutput that records every call, and what it recorded. */
export function recordingOutput(
  options: { stderrIsTty?: boolean; stdoutIsTty?: boolean | undefined; columns?: number | undefined } = {},
): {
  output: CliOutput;
  written: Written;
} {
  const written: Written = { stdout: [], stderr: [], statuses: [], statusCalls: [] };
  const stderrIsTty = options.stderrIsTty ?? false;
  const output: CliOutput = {
    out: async (text) => {
      written.stdout.push(text);
    },
    err: (text) => {
      written.stderr.push(text);
    },
    status: (text) => {
      written.statusCalls.push(text);
      if (stderrIsTty) written.statuses.push(text);
    },
    stderrIsTty,
    stdoutIsTty: options.stdoutIsTty ?? false,
    columns: options.columns,
  };
  return { output, written };
}
