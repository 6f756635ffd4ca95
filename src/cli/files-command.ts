/** `wandb-query files <run>`: the files a run saved (name, size, updated), as Python's `run.files()`. */
import type { Command } from "commander";
import { runFiles } from "../index.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { clientFor, globalsOf } from "./global-options.js";
import { formatTable } from "./table.js";
import { formatBytes } from "./units.js";

const examples = `
Examples:
  $ wandb-query files acme/vision/1mbku38n
  $ wandb-query files acme/vision/1mbku38n --pattern "%.json" --json

--pattern is W&B's LIKE pattern: % any run of characters, _ one character.`;

/** Adds `files` to the program. */
export function addFilesCommand(program: Command, context: CommandContext): void {
  program
    .command("files")
    .description("list the files a run saved: name, size, updated")
    .argument("<run>", "entity/project/runId or a run page URL")
    .option("--pattern <like>", 'only names matching this LIKE pattern, e.g. "%.json"')
    .addHelpText("after", examples)
    .action(async (runPath: string, options: { pattern?: string }, command: Command) => {
      const globals = globalsOf(command);
      const run = clientFor(globals).run(runPath);
      const files = await runFiles(run, options.pattern === undefined ? {} : { pattern: options.pattern });
      if (globals.json) {
        const entries = files.map(({ name, size, md5, mimetype, updatedAt }) => ({
          name,
          size,
          md5,
          mimetype,
          updatedAt,
        }));
        await context.output.out(`${toJsonText(entries, 2)}\n`);
        return;
      }
      if (files.length === 0) {
        context.output.err(
          `${run.path} has no files${options.pattern === undefined ? "" : " matching the pattern"}`,
        );
        return;
      }
      const rows = files.map((file) => [
        file.name,
        formatBytes(file.size),
        file.updatedAt?.toISOString() ?? "-",
      ]);
      const lines = formatTable(["name", "size", "updated"], rows, context.output.columns);
      await context.output.out(lines.map((line) => `${line}\n`).join(""));
    });
}
