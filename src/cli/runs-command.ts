/** `wandb-query runs <entity/project>`: list a project's runs with the columns asked for. */
import type { Command } from "commander";
import type { RunFilters } from "../index.js";
import { chunksOf } from "./chunks.js";
import type { CommandContext } from "./command-context.js";
import { oneOf, wholeNumber } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import { type RowFormat, rowWriter } from "./row-writer.js";
import { defaultFields, parseRunFields, parseSparkFields, type RunField, rowFetcher } from "./run-fields.js";
import { UsageError } from "./usage-error.js";

interface RunsOptions {
  filter?: RunFilters;
  order?: string;
  limit?: number;
  fields?: RunField[];
  spark?: RunField[];
  format?: RowFormat;
}

// One chunk is one runs page: its runs' config and summary are asked for together, one request.
const pageSize = 50;

/** Parses `--filter`: a JSON object in W&B's Mongo-style filter syntax. */
export function parseFilter(text: string): RunFilters {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`bad --filter: not JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`bad --filter: expected a JSON object such as '{"state":"finished"}'`);
  }
  return parsed as RunFilters;
}

const examples = `
Fields: id, name, state, createdAt, heartbeatAt, jobType, user, runtime, tags, group, url,
config.KEY, summary.KEY (KEY may hold "/", and "a.b" reads key b inside a).

Examples:
  $ wandb-query runs acme/vision --limit 20
  $ wandb-query runs acme/vision --filter '{"state":"finished","config.learning_rate":{"$gt":0.01}}' \\
      --order -summary_metrics.accuracy --fields name,config.learning_rate,summary.accuracy
  $ wandb-query runs acme/vision --fields id,summary.train/loss --format csv > runs.csv
  $ wandb-query runs acme/vision --limit 20 --spark loss`;

/** Adds `runs` to the program. */
export function addRunsCommand(program: Command, context: CommandContext): void {
  program
    .command("runs")
    .description("list the runs of a project")
    .argument("<project>", "entity/project or a project URL")
    .option("--filter <json>", 'W&B filter, e.g. \'{"state":"finished"}\'', parseFilter)
    .option(
      "--order <order>",
      "sort order, e.g. -created_at, +summary_metrics.accuracy (default +created_at)",
    )
    .option("--limit <n>", "at most this many runs", (text) => wholeNumber(text, "--limit"))
    .option("--fields <list>", `comma-separated columns (default ${defaultFields})`, parseRunFields)
    .option(
      "--spark <keys>",
      "add a sparkline column of each history key's sampled values, e.g. loss",
      parseSparkFields,
    )
    .option(
      "--format <format>",
      "table, json, ndjson or csv (default table; json with --json)",
      oneOf<RowFormat>("--format", ["table", "json", "ndjson", "csv"]),
    )
    .addHelpText("after", examples)
    .action(async (projectPath: string, options: RunsOptions, command: Command) => {
      const globals = globalsOf(command);
      const format = options.format ?? (globals.json ? "json" : "table");
      const query = clientFor(globals).runs(projectPath, {
        filters: options.filter,
        order: options.order,
        limit: options.limit,
        pageSize,
      });
      const progress = startProgress(context, () => query.count(), options.limit);
      const fields = [...(options.fields ?? parseRunFields(defaultFields)), ...(options.spark ?? [])];
      const fetchRow = rowFetcher(fields);
      const writer = rowWriter(
        context.output,
        fields.map((field) => field.label),
        format,
      );
      try {
        for await (const runs of chunksOf(query, pageSize)) {
          progress.fetched(runs.length);
          await writer.write(await Promise.all(runs.map(fetchRow)));
        }
      } finally {
        progress.done();
      }
      await writer.end();
    });
}

/**
 * `fetched 150 of 300 runs` on stderr while listing, when stderr is a terminal; the total comes
 * from the server's count (asked only then), capped by `--limit`.
 */
function startProgress(context: CommandContext, count: () => Promise<number>, limit: number | undefined) {
  const { output } = context;
  if (!output.stderrIsTty) return { fetched: () => {}, done: () => {} };
  let fetched = 0;
  let total: number | undefined;
  let finished = false;
  const show = () => {
    if (!finished) output.status(`fetched ${fetched}${total === undefined ? "" : ` of ${total}`} runs`);
  };
  count().then(
    (counted) => {
      total = limit === undefined ? counted : Math.min(counted, limit);
      show();
    },
    // The listing itself reports any error; the total is only a nicety.
    () => {},
  );
  return {
    fetched(more: number) {
      fetched += more;
      show();
    },
    done() {
      finished = true;
      output.status("");
    },
  };
}
