/** `wandb-query export <entity/project> --to DIR [--history]`: a project as a Parquet dataset. */
import type { Command } from "commander";
import { type ExportProgress, exportProject, type RunFilters } from "../index.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { commaList, oneOf } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import { parseFilter } from "./runs-command.js";

interface ExportFlags {
  to: string;
  history?: boolean;
  keys?: string[];
  filter?: RunFilters;
  source?: "auto" | "pages";
}

const help = `
Writes DIR/runs.parquet (one row per run: run_id, path, display_name, state, created_at,
heartbeat_at, runtime_seconds, user, tags, group, job_type, sweep, config.*, summary.*) and, with
--history, DIR/history/run_id=<id>/part-0.parquet (Hive partitioning: DuckDB, Polars and Spark
read the folder as one table). Running it again into the same DIR fetches only runs that are new
or whose state or heartbeat changed; an interrupted export continues where it stopped.

A progress bar on a terminal; with --json, one JSON object a line per progress event, then the
result. No --max-time unless one is given.

Examples:
  $ wandb-query export acme/vision --to ./vision --history
  $ wandb-query export acme/vision --to ./vision --history --keys loss,val/acc --filter '{"state":"finished"}'
  $ duckdb -c "select * from read_parquet('vision/history/*/*.parquet', hive_partitioning = true) limit 5"`;

/** Adds `export` to the program. */
export function addExportCommand(program: Command, context: CommandContext): void {
  program
    .command("export")
    .description("export a project's runs (and with --history every history row) as a Parquet dataset")
    .argument("<project>", "entity/project")
    .requiredOption("--to <dir>", "the folder to write (made when missing)")
    .option("--history", "also every history row, one Hive partition per run")
    .option("--keys <list>", "with --history: only these history keys", commaList)
    .option("--filter <json>", 'W&B filter, e.g. \'{"state":"finished"}\'', parseFilter)
    .option(
      "--source <source>",
      "with --history: pages (default) or auto (each run's W&B Parquet exports where it has them)",
      oneOf<"auto" | "pages">("--source", ["auto", "pages"]),
    )
    .addHelpText("after", help)
    .action(async (project: string, flags: ExportFlags, command: Command) => {
      const globals = globalsOf(command);
      const client = clientFor(globals, { defaultMaxTime: 0 });
      const onProgress = (event: ExportProgress) => {
        if (globals.json) void context.output.out(`${toJsonText({ event: "progress", ...event })}\n`);
        else context.output.status(progressLine(event));
      };
      const result = await exportProject(client, project, {
        dir: flags.to,
        history: flags.history ?? false,
        keys: flags.keys,
        filters: flags.filter,
        source: flags.source,
        onProgress,
      });
      context.output.status("");
      if (globals.json) await context.output.out(`${toJsonText({ event: "done", ...result })}\n`);
      else
        context.output.err(
          `${result.runs} runs in ${result.dir} (${result.changed} fetched, ${result.historyRows} history rows written)`,
        );
    });
}

function progressLine(event: ExportProgress): string {
  if (event.phase === "list") return `listing runs: ${event.runs}`;
  const width = 24;
  const share = event.changed === 0 ? 1 : event.done / event.changed;
  const filled = Math.round(share * width);
  return `${event.phase} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${event.done}/${event.changed}`;
}
