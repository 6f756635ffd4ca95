/** `wandb-query wait <run>...`: wait until runs end; exit 0 when each reached the state wanted. */
import type { Command } from "commander";
import { terminalText } from "../output/terminal-text.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { cliMessage } from "./error-message.js";
import { parseRunState } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import { defaultPollMs, defaultStaleAfterMs, type WaitOutcome, waitForRunOutcome } from "./run-wait.js";
import { parseDuration } from "./units.js";
import { exitCheckFailed, exitOk } from "./usage-error.js";

interface WaitCommandFlags {
  state: string;
  wait?: number;
  poll?: number;
  staleAfter?: number;
}

const help = `
Waits for every run at once: their polls share requests (50 runs per request). The first poll is
immediate, the next after --poll, each delay then doubling up to a minute.

--wait is how long to wait at most, as for check --wait; --timeout (a global flag) is, as
everywhere, how long each HTTP attempt may take. (The old spelling wait --timeout 2h still works,
with a line saying so on stderr.)

A run that W&B still calls running but that has not sent a heartbeat for --stale-after has
stalled (its process died without telling W&B).

Examples:
  $ wandb-query wait acme/vision/1mbku38n --wait 2h
  $ wandb-query wait acme/vision/a1 acme/vision/b2 --state finished --poll 1m
  $ wandb-query wait acme/vision/1mbku38n --state running   # until it starts

Exit codes: 0 every run reached --state, 1 a run ended in another state or stalled,
2 the wait timed out, or a usage or API error.`;

/** Adds `wait` to the program. */
export function addWaitCommand(program: Command, context: CommandContext): void {
  program
    .command("wait")
    .description("wait until runs finish (or reach --state); exit 1 when one ends otherwise or stalls")
    .argument("<run...>", "entity/project/runId or run page URLs")
    .option("--state <state>", "the state each run must reach", parseRunState, "finished")
    .option("--wait <duration>", "wait this long at most: 90s, 30m, 2h (default: no limit)", parseDuration)
    .option("--poll <duration>", "first delay between polls: 10s, 1m (default: 30s)", parseDuration)
    .option(
      "--stale-after <duration>",
      "a running run silent this long has stalled (default: 10m)",
      parseDuration,
    )
    .addHelpText("after", help)
    .action(async (runPaths: string[], flags: WaitCommandFlags, command: Command) => {
      const given = globalsOf(command);
      // Before --wait, wait read --timeout as how long to wait; that spelling still works (it then
      // does not bound each HTTP attempt) and says so.
      const { timeout, ...withoutTimeout } = given;
      const legacyWait = flags.wait === undefined ? timeout : undefined;
      const globals = legacyWait === undefined ? given : withoutTimeout;
      if (legacyWait !== undefined) {
        context.output.err(
          "wandb-query: wait --timeout as how long to wait is deprecated: use --wait (--timeout is per HTTP attempt, as for every command)",
        );
      }
      // --wait is in ms (parseDuration), --timeout in seconds.
      const waitMs = flags.wait ?? (legacyWait === undefined ? undefined : legacyWait * 1000);
      // Waiting is the point, so no --max-time unless one is given.
      const client = clientFor(globals, { defaultMaxTime: 0 });
      const runs = await Promise.all(runPaths.map((path) => client.resolveRun(path)));
      const waitFlags = {
        state: flags.state,
        timeoutMs: waitMs,
        pollMs: flags.poll ?? defaultPollMs,
        staleAfterMs: flags.staleAfter ?? defaultStaleAfterMs,
      };
      const settled = await Promise.allSettled(
        runs.map((run) => waitForRunOutcome(run, waitFlags, context.output)),
      );
      const outcomes = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      const failure = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
      const ok = failure === undefined && outcomes.every((outcome) => outcome.outcome === "reached");
      if (globals.json) {
        const entries = settled.map((result, i) =>
          result.status === "fulfilled"
            ? result.value
            : { run: runs[i]?.path, outcome: "error", error: errorMessage(result.reason) },
        );
        await context.output.out(`${toJsonText({ ok, runs: entries }, 2)}\n`);
        context.errorInOutput = failure !== undefined;
      } else {
        await context.output.out(outcomes.map((outcome) => `${outcomeLine(outcome)}\n`).join(""));
      }
      // A timeout or an API error decides nothing: exit 2 with its one line, after the others' lines.
      if (failure) throw failure.reason;
      context.exitCode = ok ? exitOk : exitCheckFailed;
    });
}

function outcomeLine(outcome: WaitOutcome): string {
  return `${outcome.outcome === "reached" ? "✔" : "✘"} ${terminalText(`${outcome.run}: ${outcome.detail}`)}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? cliMessage(error) : String(error);
}
