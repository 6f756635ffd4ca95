/**
 * How `wandb-query diff` shows differences: an aligned table, Markdown (for a pull request or
 * GitHub's step summary), or JSON. Pure functions, tested on plain values.
 */
import type { Difference, RunDiff } from "../index.js";
import { markdownCode, markdownRow } from "../output/markdown-text.js";
import { terminalText } from "../output/terminal-text.js";
import { cellText, toJsonText } from "./cell-value.js";
import { formatKeyPath } from "./key-path.js";
import { type SummaryBlock, summaryText } from "./step-summary.js";
import { layoutTable, type TableLayout } from "./table.js";

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

/**
 * The table: one row per difference, or one line saying there is none. When the width runs out,
 * the section column goes first, then the change; the key and both values stay.
 */
export function diffTable(diff: RunDiff, a: string, b: string, columns?: number): TableLayout {
  const rows = rowsOf(diff);
  if (rows.length === 0) return { lines: [terminalText(`no differences between ${a} and ${b}`)], hidden: [] };
  return layoutTable(
    ["section", "key", "change", a, b],
    rows.map(({ section, difference }) => [
      section,
      formatKeyPath(difference.path),
      difference.kind,
      valueText(difference, "a"),
      valueText(difference, "b"),
    ]),
    columns,
    { dropOrder: [0, 2] },
  );
}

/** Markdown: a heading naming both runs and the count, then the table; data escaped, rows made as they are written. */
export function diffBlock(diff: RunDiff, a: string, b: string): SummaryBlock {
  const count = diff.config.length + diff.summary.length;
  const heading = `### wandb-query diff ${markdownCode(a)} → ${markdownCode(b)}: ${count === 0 ? "no differences" : `${count} difference${count === 1 ? "" : "s"}`}`;
  if (count === 0) return { head: [heading] };
  return {
    head: [heading, "", "| section | key | change | a | b |", "| --- | --- | --- | --- | --- |"],
    rows: { [Symbol.iterator]: () => markdownRows(diff) },
  };
}

function* markdownRows(diff: RunDiff): Generator<string> {
  for (const section of ["config", "summary"] as const) {
    for (const difference of diff[section]) {
      yield markdownRow([
        section,
        markdownCode(formatKeyPath(difference.path)),
        difference.kind,
        markdownCode(valueText(difference, "a")),
        markdownCode(valueText(difference, "b")),
      ]);
    }
  }
}

/** {@link diffBlock} as text, uncut: `diff --format md`. */
export function diffMarkdown(diff: RunDiff, a: string, b: string): string {
  return summaryText([diffBlock(diff, a, b)]);
}

/** JSON: both runs, and the differences as diffRuns returns them (NaN and Infinity as strings). */
export function diffJson(diff: RunDiff, a: string, b: string): string {
  return `${toJsonText({ a, b, ...diff }, 2)}\n`;
}
