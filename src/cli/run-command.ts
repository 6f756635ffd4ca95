/** `wandb-query run <run>`: one run's fields, config and summary. */
import type { Command } from "commander";
import {
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistoryKeys,
  runJobType,
  runName,
  runNotes,
  runRuntime,
  runState,
  runSummary,
  runSweep,
  runSystemMetrics,
  runTags,
  runUser,
} from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { type CellValue, cellText, toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { clientFor, globalsOf, tableWidth } from "./global-options.js";
import { tagsText } from "./run-fields.js";
import { formatFacts } from "./table.js";
import { formatRuntime } from "./units.js";

const examples = `
Examples:
  $ wandb-query run acme/vision/1mbku38n
  $ wandb-query run https://wandb.ai/acme/vision/runs/1mbku38n --json | jq .summary.accuracy`;

/** Adds `run` to the program. */
export function addRunCommand(program: Command, context: CommandContext): void {
  program
    .command("run")
    .description("show a run: state, times, user, notes, sweep, config, summary and system metrics")
    .argument("<run>", "entity/project/runId or a run page URL")
    .addHelpText("after", examples)
    .action(async (runPath: string, _options: object, command: Command) => {
      const globals = globalsOf(command);
      const run = await clientFor(globals).resolveRun(runPath);
      // All in one tick: the SDK sends one request for every field here, and one more for the
      // run's sweep when it is in one.
      const [light, [notes, sweep, historyKeys, config, summary, systemMetrics]] = await Promise.all([
        Promise.all([
          runName(run),
          runState(run),
          runJobType(run),
          runUser(run),
          runCreatedAt(run),
          runHeartbeatAt(run),
          runRuntime(run),
          runTags(run),
          runGroup(run),
        ]),
        Promise.all([
          runNotes(run),
          runSweep(run),
          runHistoryKeys(run),
          runConfig(run),
          runSummary(run),
          runSystemMetrics(run),
        ]),
      ]);
      const [name, state, jobType, user, createdAt, heartbeatAt, runtime, tags, group] = light;
      const { lastStep } = historyKeys;
      if (globals.json) {
        const fields = { path: run.path, id: run.id, name, url: run.url, state, jobType, user, createdAt };
        const more = { heartbeatAt, runtime, tags, group, notes, sweep, lastStep };
        const values = { historyKeys: Object.keys(historyKeys.keys), config, summary, systemMetrics };
        await context.output.out(`${toJsonText({ ...fields, ...more, ...values }, 2)}\n`);
        return;
      }
      const keyCount = Object.keys(historyKeys.keys).length;
      const section = (entries: Array<[string, CellValue]>, name?: string) =>
        formatFacts(
          entries.map(([key, value]) => [`  ${key}`, cellText(value, name ? [name, key] : [key])]),
          tableWidth(globals, context.output),
        );
      const lines = [
        terminalText(`${run.path}  ${name}`),
        // A fact the run lacks (no sweep, no group, no notes) is no row at all.
        ...section(
          (
            [
              ["url", run.url],
              ["state", state],
              ["job type", jobType],
              ["user", user ? `${user.username}${user.name ? ` (${user.name})` : ""}` : undefined],
              ["created", createdAt],
              ["heartbeat", heartbeatAt],
              ["runtime", formatRuntime(runtime)],
              ["tags", tagsText(tags)],
              ["group", group],
              ["notes", notes],
              ["sweep", sweep ? `${sweep.name}${sweep.state ? ` (${sweep.state})` : ""}` : undefined],
              ["last step", lastStep === null ? undefined : `${lastStep} (${keyCount} history keys)`],
            ] as Array<[string, CellValue]>
          ).filter(([, value]) => value !== undefined && value !== null && value !== ""),
        ),
        "config",
        ...section(Object.entries(config), "config"),
        "summary",
        ...section(Object.entries(summary), "summary"),
        "system metrics",
        ...section(Object.entries(systemMetrics), "systemMetrics"),
      ];
      await context.output.out(lines.map((line) => `${line}\n`).join(""));
    });
}
