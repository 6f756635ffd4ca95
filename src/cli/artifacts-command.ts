/** `wandb-query artifacts <run>`: the artifact versions a run logged, or with `--used` used. */
import type { Command } from "commander";
import { type ArtifactVersion, runLoggedArtifactVersions, runUsedArtifactVersions } from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { clientFor, globalsOf, tableWidth } from "./global-options.js";
import { tableLines } from "./row-writer.js";
import { formatBytes } from "./units.js";

const examples = `
Examples:
  $ wandb-query artifacts acme/vision/1mbku38n
  $ wandb-query artifacts acme/vision/1mbku38n --used --json`;

function artifactRow(version: ArtifactVersion): string[] {
  return [
    `${version.name}:${version.alias}`,
    `v${version.version}`,
    version.type,
    formatBytes(version.size),
    version.createdAt.toISOString(),
  ];
}

/** Adds `artifacts` to the program. */
export function addArtifactsCommand(program: Command, context: CommandContext): void {
  program
    .command("artifacts")
    .description("list the artifact versions a run logged (or, with --used, used)")
    .argument("<run>", "entity/project/runId or a run page URL")
    .option("--used", "the versions the run used (its inputs) instead of those it logged")
    .addHelpText("after", examples)
    .action(async (runPath: string, options: { used?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const run = await clientFor(globals).resolveRun(runPath);
      const used = options.used ? await runUsedArtifactVersions(run) : undefined;
      const versions = used ?? (await runLoggedArtifactVersions(run));
      if (globals.json) {
        await context.output.out(`${toJsonText(versions, 2)}\n`);
        return;
      }
      if (versions.length === 0) {
        context.output.err(terminalText(`${run.path} ${options.used ? "used" : "logged"} no artifacts`));
        return;
      }
      const header = ["artifact", "version", "type", "size", "created"];
      // Used versions also say what the run used them as (often nothing).
      const rows = used
        ? used.map((version) => [...artifactRow(version), version.usedAs.join(", ")])
        : versions.map(artifactRow);
      if (used) header.push("used as");
      // Left out first when the width runs out: created, size, type; the name and version stay.
      const dropOrder = used ? [4, 3, 2, 5] : [4, 3, 2];
      const lines = tableLines(context.output, header, rows, tableWidth(globals, context.output), dropOrder);
      await context.output.out(lines.map((line) => `${line}\n`).join(""));
    });
}
