/** `wandb-query diff <runA> <runB>`: what differs between two runs' configs and summaries. */
import type { Command } from "commander";
import { type DiffSection, diffRuns, type RunDiff } from "../index.js";
import type { CommandContext } from "./command-context.js";
import { diffJson, diffMarkdown, diffTable } from "./diff-format.js";
import { commaList, nonNegativeNumber, oneOf } from "./flag-values.js";
import { clientFor, globalsOf } from "./global-options.js";
import {
  compareHistories,
  comparisonMarkdown,
  comparisonText,
  type HistoryComparison,
  parseHistoryKeys,
} from "./history-charts.js";
import { appendStepSummary } from "./step-summary.js";
import { exitCheckFailed, exitOk, UsageError } from "./usage-error.js";

type DiffFormat = "table" | "json" | "md";

interface DiffFlags {
  format?: DiffFormat;
  keys?: string[];
  sections?: DiffSection[];
  tolerance?: number;
  relativeTolerance?: number;
  ignore: string[];
  history?: string[];
}

const help = `
Compares the configs and summaries key by key, nested values down to each leaf; NaN equals NaN.
Keys named in --ignore are left out (default: _runtime and _timestamp, which differ between almost
any two runs; --ignore "" keeps them).

Examples:
  $ wandb-query diff acme/vision/baseline1 acme/vision/1mbku38n
  $ wandb-query diff acme/vision/baseline1 acme/vision/1mbku38n --sections config --format md
  $ wandb-query diff acme/vision/baseline1 acme/vision/1mbku38n --keys accuracy,val_loss --relative-tolerance 0.01
  $ wandb-query diff acme/vision/baseline1 acme/vision/1mbku38n --history loss,val_loss --format md

Exit codes: 0 no differences, 1 the runs differ, 2 usage or API error.
With GITHUB_STEP_SUMMARY set, the differences are appended to that file as a Markdown table.
--history adds a chart per key of both runs' sampled history: a Mermaid line chart in the Markdown
(GitHub draws it in the step summary), a text chart in the table format.`;

function parseSections(text: string): DiffSection[] {
  const sections = commaList(text);
  if (sections.length === 0 || sections.some((section) => section !== "config" && section !== "summary")) {
    throw new UsageError(
      `bad --sections ${JSON.stringify(text)}: expected config, summary or config,summary`,
    );
  }
  return sections as DiffSection[];
}

/** Adds `diff` to the program. */
export function addDiffCommand(program: Command, context: CommandContext): void {
  program
    .command("diff")
    .description("show what differs between two runs' configs and summaries; exit 1 when they differ")
    .argument("<runA>", "the baseline: entity/project/runId or a run page URL")
    .argument("<runB>", "the run to compare with it")
    .option(
      "--format <format>",
      "table, json or md (default: table; json with --json)",
      oneOf<DiffFormat>("--format", ["table", "json", "md"]),
    )
    .option("--keys <list>", "compare only these top-level keys (fetched alone)", commaList)
    .option("--sections <list>", "config, summary or both (default: both)", parseSections)
    .option("--tolerance <x>", "numbers this close count as equal", (text) =>
      nonNegativeNumber(text, "--tolerance"),
    )
    .option(
      "--relative-tolerance <x>",
      "numbers within this fraction of the larger count as equal, e.g. 0.01",
      (text) => nonNegativeNumber(text, "--relative-tolerance"),
    )
    .option("--ignore <list>", "top-level keys to leave out", commaList, ["_runtime", "_timestamp"])
    .option(
      "--history <keys>",
      "also chart these history keys of both runs, e.g. loss,val_loss",
      parseHistoryKeys,
    )
    .addHelpText("after", help)
    .action(async (pathA: string, pathB: string, flags: DiffFlags, command: Command) => {
      const globals = globalsOf(command);
      const client = clientFor(globals);
      const [a, b] = [client.run(pathA), client.run(pathB)];
      const tolerance =
        flags.tolerance === undefined && flags.relativeTolerance === undefined
          ? undefined
          : { absolute: flags.tolerance, relative: flags.relativeTolerance };
      const ignored = new Set(flags.ignore);
      const charted = [
        { run: a, label: `${a.path} (A)` },
        { run: b, label: `${b.path} (B)` },
      ];
      const [found, comparison] = await Promise.all([
        diffRuns(a, b, { keys: flags.keys, sections: flags.sections, tolerance }),
        flags.history ? compareHistories(charted, flags.history) : undefined,
      ]);
      const keep = (list: RunDiff["config"]) => list.filter((d) => !ignored.has(d.path[0] as string));
      const diff: RunDiff = { config: keep(found.config), summary: keep(found.summary) };
      const format = flags.format ?? (globals.json ? "json" : "table");
      const markdown = diffMarkdown(diff, a.path, b.path) + chartsMarkdown(comparison);
      const text =
        format === "json"
          ? diffJson(diff, a.path, b.path)
          : format === "md"
            ? markdown
            : `${diffTable(diff, a.path, b.path, context.output.columns).join("\n")}\n${
                comparison ? `\n${comparisonText(comparison, context.output, context.env)}` : ""
              }`;
      await context.output.out(text);
      appendStepSummary(context.env, markdown);
      context.exitCode = diff.config.length + diff.summary.length === 0 ? exitOk : exitCheckFailed;
    });
}

function chartsMarkdown(comparison: HistoryComparison | undefined): string {
  return comparison ? `\n${comparisonMarkdown(comparison)}` : "";
}
