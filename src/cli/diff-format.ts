/**
 * How `wandb-query diff` shows differences: an aligned table, Markdown (for a pull request or
 * GitHub's step summary), or JSON. Pure functions, tested on plain values.
 */
import type { Difference, RunDiff } from "../index.js";
import { cellText, toJsonText } from "./cell-value.js";
import { formatKeyPath } from "./key-path.js";
import { markdownCell } from "./step-summary.js";
import { formatTable } from "./table.js";

/** One difference with its section, as a row. */
interface Row {
  section: "config" | "summary";
  difference: Difference;
}

function rowsOf(diff: RunDiff): Row[] {
  return [
    ...diff.config.map((difference) => ({ section: "config" as const, difference })),
    ...diff.summary.map((difference) => ({ section: "summary" as const, difference })),
  ];
}

/** A value as a cell: empty when the key is absent, so absent reads apart from `null` and `""`. */
function valueText(difference: Difference, side: "a" | "b"): string {
  if (!Object.hasOwn(difference, side)) return "";
  const value = difference[side];
  if (value === null) return "null";
  if (value === "") return '""';
  return cellText(value);
}

/** The table: one row per difference, or one line saying there is none. */
export function diffTable(diff: RunDiff, a: string, b: string, columns?: number): string[] {
  const rows = rowsOf(diff);
  if (rows.length === 0) return [`no differences between ${a} and ${b}`];
  return formatTable(
    ["section", "key", "change", a, b],
    rows.map(({ section, difference }) => [
      section,
      formatKeyPath(difference.path),
      difference.kind,
      valueText(difference, "a"),
      valueText(difference, "b"),
    ]),
    columns,
  );
}

/** Markdown: a heading naming both runs and the count, then the table. */
export function diffMarkdown(diff: RunDiff, a: string, b: string): string {
  const rows = rowsOf(diff);
  const heading = `### wandb-query diff \`${a}\` → \`${b}\`: ${rows.length === 0 ? "no differences" : `${rows.length} difference${rows.length === 1 ? "" : "s"}`}`;
  if (rows.length === 0) return `${heading}\n\n`;
  const code = (text: string) => (text === "" ? "" : `\`${markdownCell(text).replaceAll("`", "'")}\``);
  const lines = [
    heading,
    "",
    "| section | key | change | a | b |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      ({ section, difference }) =>
        `| ${section} | ${code(formatKeyPath(difference.path))} | ${difference.kind} | ${code(valueText(difference, "a"))} | ${code(valueText(difference, "b"))} |`,
    ),
  ];
  return `${lines.join("\n")}\n\n`;
}

/** JSON: both runs, and the differences as diffRuns returns them (NaN and Infinity as strings). */
export function diffJson(diff: RunDiff, a: string, b: string): string {
  return `${toJsonText({ a, b, ...diff }, 2)}\n`;
}
