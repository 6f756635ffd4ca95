/** `wandb-query run <run>`: one run's fields, config and summary. */
import type { Command } from "commander";
import {
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runJobType,
  runName,
  runRuntime,
  runState,
  runSummary,
  runTags,
  runUser,
} from "../index.js";
import { type CellValue, cellText, toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { formatRuntime } from "./duration.js";
import { clientFor, globalsOf } from "./global-options.js";
import { formatTable } from "./table.js";

const examples = `
Examples:
  $ wandb-query run acme/vision/1mbku38n
  $ wandb-query run https://wandb.ai/acme/vision/runs/1mbku38n --json | jq .summary.accuracy`;

/** Adds `run` to the program. */
export function addRunCommand(program: Command, context: CommandContext): void {
  program
    .command("run")
    .description("show a run: state, times, user, config and summary")
    .argument("<run>", "entity/project/runId or a run page URL")
    .addHelpText("after", examples)
    .action(async (runPath: string, _options: object, command: Command) => {
      const globals = globalsOf(command);
      const run = clientFor(globals).run(runPath);
      // All in one tick: the SDK sends one request for the light fields, config and summary.
      const [name, state, jobType, user, createdAt, heartbeatAt, runtime, tags, group, config, summary] =
        await Promise.all([
          runName(run),
          runState(run),
          runJobType(run),
          runUser(run),
          runCreatedAt(run),
          runHeartbeatAt(run),
          runRuntime(run),
          runTags(run),
          runGroup(run),
          runConfig(run),
          runSummary(run),
        ]);
      if (globals.json) {
        const fields = { path: run.path, id: run.id, name, url: run.url, state, jobType, user, createdAt };
        const more = { heartbeatAt, runtime, tags, group, config, summary };
        await context.output.out(`${toJsonText({ ...fields, ...more }, 2)}\n`);
        return;
      }
      const section = (entries: Array<[string, CellValue]>) =>
        formatTable(
          ["", ""],
          entries.map(([key, value]) => [`  ${key}`, cellText(value)]),
          context.output.columns,
        ).slice(1);
      const lines = [
        `${run.path}  ${name}`,
        ...section([
          ["url", run.url],
          ["state", state],
          ["job type", jobType],
          ["user", user ? `${user.username}${user.name ? ` (${user.name})` : ""}` : undefined],
          ["created", createdAt],
          ["heartbeat", heartbeatAt],
          ["runtime", formatRuntime(runtime)],
          ["tags", tags.join(", ")],
          ["group", group],
        ]),
        "config",
        ...section(Object.entries(config)),
        "summary",
        ...section(Object.entries(summary)),
      ];
      await context.output.out(lines.map((line) => `${line}\n`).join(""));
    });
}
