/**
 * `wandb-query history <run> [--keys loss,acc]`: a run's history as CSV, NDJSON or JSON; without
 * `--keys`, every key, as Python's `run.history()`.
 */
import type { Command } from "commander";
import { type HistoryRow, runHistory, runHistoryKeys, scanRunHistory } from "../index.js";
import type { CellValue } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { commaList, oneOf, wholeNumber } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import { lookUpKeyPath, topLevelKeysOf } from "./key-path.js";
import { rowWriter } from "./row-writer.js";
import { UsageError } from "./usage-error.js";

type HistoryFormat = "csv" | "ndjson" | "json";

interface HistoryOptions {
  keys?: string[];
  all?: boolean;
  samples?: number;
  format?: HistoryFormat;
}

const examples = `
Examples:
  $ wandb-query history acme/vision/1mbku38n                  # every key, as Python's run.history()
  $ wandb-query history acme/vision/1mbku38n --keys loss,val/acc
  $ wandb-query history acme/vision/1mbku38n --keys loss --samples 50 --format ndjson
  $ wandb-query history acme/vision/5kst3p9z --keys loss,eval.f1 --all > history.csv

Without --all, W&B samples the rows (at most --samples, default 500); --all reads every row.`;

function parseKeys(text: string): string[] {
  const keys = commaList(text).filter((key) => key !== "_step");
  if (keys.length === 0) throw new UsageError("--keys names no key (e.g. --keys loss,val/acc)");
  return [...new Set(keys)];
}

/** Adds `history` to the program. */
export function addHistoryCommand(program: Command, context: CommandContext): void {
  program
    .command("history")
    .description("print a run's history (sampled, or every row with --all)")
    .argument("<run>", "entity/project/runId or a run page URL")
    .option(
      "--keys <list>",
      "comma-separated metrics; a.b reads key b inside a (default: every key the run logged)",
      parseKeys,
    )
    .option("--all", "every row, streamed page by page, instead of W&B's sample")
    .option("--samples <n>", "at most this many sampled rows (default 500)", (text) =>
      wholeNumber(text, "--samples"),
    )
    .option(
      "--format <format>",
      "csv, ndjson or json (default csv; json with --json)",
      oneOf<HistoryFormat>("--format", ["csv", "ndjson", "json"]),
    )
    .addHelpText("after", examples)
    .action(async (runPath: string, options: HistoryOptions, command: Command) => {
      if (options.all && options.samples !== undefined) {
        throw new UsageError("--samples applies to sampled history; --all reads every row");
      }
      const globals = globalsOf(command);
      const run = clientFor(globals).run(runPath);
      // Every key: the columns come from the run's history keys (nested ones flattened with dots,
      // as W&B indexes them), and the rows are asked for whole.
      const keys = options.keys ?? everyKey(await runHistoryKeys(run));
      const serverKeys = options.keys === undefined ? undefined : topLevelKeysOf(keys);
      const writer = rowWriter(
        context.output,
        ["_step", ...keys],
        options.format ?? (globals.json ? "json" : "csv"),
        { omitMissing: true },
      );
      const rows: AsyncIterable<HistoryRow> | HistoryRow[] = options.all
        ? scanRunHistory(run, { keys: serverKeys })
        : await runHistory(run, { keys: serverKeys, samples: options.samples });
      // Each row is written as it comes, so a full scan of a long run streams in bounded memory.
      for await (const row of rows) {
        const values = keys.map((key): CellValue => lookUpKeyPath(row, key));
        // A row kept for a key's head (`eval`) may still lack the key itself (`eval.f1`).
        if (values.some((value) => value !== undefined)) await writer.write([[row._step, ...values]]);
      }
      await writer.end();
    });
}

/** Every history key but `_step` (its own column), in W&B's order. */
function everyKey(info: { keys: Record<string, unknown> }): string[] {
  return Object.keys(info.keys).filter((key) => key !== "_step");
}
