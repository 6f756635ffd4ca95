/** `wandb-query logs <run> [--tail N] [--follow]`: a run's console output, control characters made visible. */
import type { Command } from "commander";
import { followRunLogs, type LogLine, runLogs, runState, scanRunLogs } from "../index.js";
import { terminalText, terminalTextKeepingTabs } from "../output/terminal-text.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { wholeNumber } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import { parseDuration } from "./units.js";
import { exitCheckFailed, exitOk, UsageError } from "./usage-error.js";

interface LogsFlags {
  tail?: number;
  follow?: boolean;
  poll?: number;
}

const help = `
Without --tail, the whole log, oldest line first. Lines are printed as the run wrote them, except
that control characters (terminal escapes, carriage returns) are shown as \\x1b, \\r, ...; lines
from a labelled process (shared mode) start with [label]. --json prints one JSON object a line:
number, timestamp (UTC), level ("error" for stderr), label, text.

--follow prints new lines until the run ends (finished, failed, crashed, killed), polling every
--poll while nothing is new, then exits 0 when the run finished and 1 otherwise: a CI job can show
a training run's output while it waits. As for wait, --timeout (a global flag) bounds how long to
follow, and there is no --max-time unless one is given.

Examples:
  $ wandb-query logs acme/vision/1mbku38n --tail 50
  $ wandb-query logs acme/vision/1mbku38n --follow --poll 10s --timeout 2h
  $ wandb-query logs acme/vision/1mbku38n --json > log.ndjson`;

/** Adds `logs` to the program. */
export function addLogsCommand(program: Command, context: CommandContext): void {
  program
    .command("logs")
    .description("print a run's console output (--tail N: the newest N lines; --follow: until it ends)")
    .argument("<run>", "entity/project/runId or a run page URL")
    .option("--tail <n>", "only the newest n lines (at most 10000)", (text) => wholeNumber(text, "--tail"))
    .option("--follow", "keep printing new lines until the run ends; exit 1 unless it finished")
    .option(
      "--poll <duration>",
      "with --follow: delay between polls while nothing is new (default: 5s)",
      parseDuration,
    )
    .addHelpText("after", help)
    .action(async (runPath: string, flags: LogsFlags, command: Command) => {
      if (flags.tail !== undefined && flags.tail > 10_000) {
        throw new UsageError(
          "--tail: W&B returns at most 10000 lines in one tail; leave --tail out for every line",
        );
      }
      if (flags.poll !== undefined && !flags.follow) throw new UsageError("--poll applies to --follow");
      const all = globalsOf(command);
      const { timeout, ...globals } = all;
      // With --follow, --timeout bounds the follow (as for wait), not each request.
      const client = flags.follow ? clientFor(globals, { defaultMaxTime: 0 }) : clientFor(all);
      const run = client.run(runPath);
      const print = (line: LogLine) =>
        context.output.out(globals.json ? `${toJsonText(line)}\n` : `${plainLine(line)}\n`);
      let next = 0;
      if (flags.tail !== undefined) {
        for (const line of await runLogs(run, { last: flags.tail })) {
          await print(line);
          next = line.number + 1;
        }
      } else {
        for await (const line of scanRunLogs(run)) {
          await print(line);
          next = line.number + 1;
        }
      }
      if (!flags.follow) return;
      const follow = followRunLogs(run, {
        fromLine: next,
        pollMs: flags.poll ?? 5000,
        timeoutMs: timeout === undefined ? undefined : timeout * 1000,
      });
      for await (const line of follow) await print(line);
      const state = await runState(run, { fresh: true });
      context.output.err(`${run.path}: ${state ?? "no state"}`);
      context.exitCode = state === "finished" ? exitOk : exitCheckFailed;
    });
}

function plainLine(line: LogLine): string {
  const label = line.label ? `[${terminalText(line.label)}] ` : "";
  return `${label}${terminalTextKeepingTabs(line.text)}`;
}
