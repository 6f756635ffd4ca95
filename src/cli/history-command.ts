/**
 * `wandb-query history <run> [--keys loss,acc]`: a run's history as CSV, NDJSON or JSON; without
 * `--keys`, every key, as Python's `run.history()`.
 */
import type { Command } from "commander";
import {
  type HistoryRow,
  historyChart,
  type JsonValue,
  type Run,
  runHistory,
  runHistoryKeys,
  scanRunHistory,
} from "../index.js";
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
  plot?: boolean;
  x?: string;
  height?: number;
}

const examples = `
Examples:
  $ wandb-query history acme/vision/1mbku38n                  # every key, as Python's run.history()
  $ wandb-query history acme/vision/1mbku38n --keys loss,val/acc
  $ wandb-query history acme/vision/1mbku38n --keys loss --samples 50 --format ndjson
  $ wandb-query history acme/vision/5kst3p9z --keys loss,eval.f1 --all > history.csv
  $ wandb-query history acme/vision/1mbku38n --keys loss,val_loss --plot
  $ wandb-query history acme/vision/1mbku38n --keys loss --plot --x _runtime --height 20

Without --all, W&B samples the rows (at most --samples, default 500); --all reads every row.
--plot draws a line chart of each key instead, fitted to the terminal's width: braille and
colours on a terminal (no colours with NO_COLOR), plain ASCII when piped.`;

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
    .option("--plot", "draw a line chart of each key instead of printing rows")
    .option("--x <key>", "with --plot, the key on the x axis (default _step)")
    .option("--height <n>", "with --plot, rows of the chart (default 12)", (text) =>
      chartHeight(wholeNumber(text, "--height")),
    )
    .addHelpText("after", examples)
    .action(async (runPath: string, options: HistoryOptions, command: Command) => {
      if (options.all && options.samples !== undefined) {
        throw new UsageError("--samples applies to sampled history; --all reads every row");
      }
      if (!options.plot && (options.x !== undefined || options.height !== undefined)) {
        throw new UsageError("--x and --height shape a chart: add --plot");
      }
      if (options.plot && options.format !== undefined) {
        throw new UsageError("--plot draws a chart; --format applies to rows");
      }
      const globals = globalsOf(command);
      const run = await clientFor(globals).resolveRun(runPath);
      if (options.plot) {
        if (options.keys === undefined)
          throw new UsageError("--plot draws the keys given: add --keys loss,val/loss");
        await context.output.out(await plotHistory(run, options.keys, options, context));
        return;
      }
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

/** Rows a chart may have: past a screen it stops being a glance. */
function chartHeight(rows: number): number {
  if (rows < 3 || rows > 200) throw new UsageError(`--height ${rows}: between 3 and 200 rows`);
  return rows;
}

/**
 * The chart of `--plot`: each row reduced to the x key and the asked keys as they are read on the
 * command line (`eval.f1` inside `eval`), so a full scan keeps only those numbers.
 */
async function plotHistory(
  run: Run,
  keys: string[],
  options: HistoryOptions,
  context: CommandContext,
): Promise<string> {
  const x = options.x ?? "_step";
  const serverKeys = topLevelKeysOf(x === "_step" ? keys : [...keys, x]);
  const rows: AsyncIterable<HistoryRow> | HistoryRow[] = options.all
    ? scanRunHistory(run, { keys: serverKeys })
    : await runHistory(run, { keys: serverKeys, samples: options.samples });
  const points: HistoryRow[] = [];
  for await (const row of rows) {
    const point: { _step: number; [key: string]: JsonValue } = { _step: row._step };
    for (const key of x === "_step" ? keys : [...keys, x]) {
      const value = lookUpKeyPath(row, key);
      if (typeof value === "number") point[key] = value;
    }
    points.push(point);
  }
  const { output, env } = context;
  const terminal = output.stdoutIsTty === true;
  return historyChart(points, {
    keys,
    x,
    width: output.columns ?? 80,
    height: options.height,
    style: terminal ? "braille" : "ascii",
    color: terminal && !env.NO_COLOR,
  });
}

/** Every history key but `_step` (its own column), in W&B's order. */
function everyKey(info: { keys: Record<string, unknown> }): string[] {
  return Object.keys(info.keys).filter((key) => key !== "_step");
}
