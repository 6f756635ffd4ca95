/** `wandb-query artifact <path>`: a version, its aliases, the run that logged it, and its files. */
import type { Command } from "commander";
import { type ArtifactFile, artifactFiles, artifactProducer, artifactVersion } from "../index.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { clientFor, globalsOf, tableWidth } from "./global-options.js";
import { tableLines } from "./row-writer.js";
import { formatFacts } from "./table.js";
import { formatBytes } from "./units.js";

const examples = `
Examples:
  $ wandb-query artifact acme/vision/model:production
  $ wandb-query artifact vision/model:v3 --json      # entity from WANDB_ENTITY

The name is entity/project/name:alias, project/name:alias or name:alias (a bare name means latest);
a missing entity or project comes from WANDB_ENTITY / WANDB_PROJECT.`;

function fileRow(file: ArtifactFile): string[] {
  return file.ref
    ? [file.path, file.size === null ? "" : formatBytes(file.size), `reference ${file.ref}`]
    : [file.path, file.size === null ? "" : formatBytes(file.size), file.digest];
}

/** Adds `artifact` to the program. */
export function addArtifactCommand(program: Command, context: CommandContext): void {
  program
    .command("artifact")
    .description("show an artifact version: aliases, size, the run that logged it, its files")
    .argument("<path>", "entity/project/name:alias, project/name:alias or name:alias")
    .addHelpText("after", examples)
    .action(async (path: string, _options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const art = clientFor(globals).artifact(path);
      // The version first (its id); then the producer and the manifest at once.
      const version = await artifactVersion(art);
      const [producer, files] = await Promise.all([artifactProducer(art), artifactFiles(art)]);
      if (globals.json) {
        await context.output.out(`${toJsonText({ version, producer: producer?.path ?? null, files }, 2)}\n`);
        return;
      }
      const facts: Array<[string, string]> = [
        ["version", `${version.qualifiedName} (${version.type})`],
        ["aliases", version.aliases.join(", ") || "none"],
        [
          "size",
          `${formatBytes(version.size)} in ${version.fileCount} file${version.fileCount === 1 ? "" : "s"}`,
        ],
        ["created", version.createdAt.toISOString()],
        ["digest", version.digest],
        ["producer", producer ? producer.path : "none (not logged by a run)"],
      ];
      const width = tableWidth(globals, context.output);
      const lines = formatFacts(facts, width);
      // The digest goes first when the width runs out, then the size; the path stays.
      const table = tableLines(context.output, ["file", "size", "digest"], files.map(fileRow), width, [2, 1]);
      await context.output.out(`${[...lines, "", ...table].join("\n")}\n`);
    });
}
