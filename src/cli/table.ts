/**
 * Plain-text tables with aligned columns, fitted to the terminal's width: long cells are cut with
 * `…` down to a readable width, and when that is not enough the least useful columns are left out
 * (the caller says which, and tells the user). Every cell is data from a server, so each passes
 * through {@link terminalText} before it is measured.
 */
import { terminalText } from "../output/terminal-text.js";

const gap = "  ";
/** Columns never shrink below this, so a header stays recognisable. */
const minColumnWidth = 4;
/**
 * A long column (a name, a value) cut to fewer characters stops being readable; below it, a
 * table that may leave columns out does so instead.
 */
export const readableColumnWidth = 16;
/**
 * A column no wider than this (an ISO 8601 time with milliseconds, a state, an id, a number) is
 * never cut by a table that may leave columns out: half a timestamp reads as a different one.
 */
export const wholeColumnWidth = 24;

/** Characters as a terminal counts them, near enough: code points, not UTF-16 units. */
function width(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `text` cut to `max` characters, its last one `…` when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 0) return "";
  return `${chars.slice(0, max - 1).join("")}…`;
}

function totalWidth(widths: readonly number[]): number {
  let sum = gap.length * Math.max(0, widths.length - 1);
  for (const w of widths) sum += w;
  return sum;
}

/**
 * Column widths that fit `maxWidth` (gaps included): the widest columns give way first, down to
 * `floor` (per column: never below it, nor below {@link minColumnWidth} unless narrower by
 * nature), so narrow columns (state, dates) stay whole while long names are cut. When even the
 * floors do not fit, the floors are returned.
 */
export function fitColumns(
  natural: readonly number[],
  maxWidth: number | undefined,
  floor: (natural: number) => number = (w) => Math.min(w, minColumnWidth),
): number[] {
  if (maxWidth === undefined || totalWidth(natural) <= maxWidth) return [...natural];
  const floors = natural.map(floor);
  const capped = (cap: number) => natural.map((w, i) => Math.max(floors[i] as number, Math.min(w, cap)));
  // The largest cap on every column's width that fits, found by halving (widths may be huge).
  let low = 0;
  let high = 0;
  for (const w of natural) high = Math.max(high, w);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (totalWidth(capped(mid)) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  const widths = capped(low);
  // What is left goes to the columns the cap held back, one character each, last ones first.
  let slack = maxWidth - totalWidth(widths);
  for (let i = widths.length - 1; i >= 0 && slack > 0; i--) {
    if ((widths[i] as number) < (natural[i] as number) && (widths[i] as number) === low) {
      widths[i] = low + 1;
      slack--;
    }
  }
  return widths;
}

/** `label  value` lines, the values aligned, cut with `…` to fit `maxWidth` (no limit when undefined). */
export function formatFacts(facts: ReadonlyArray<readonly [string, string]>, maxWidth?: number): string[] {
  return formatTable(["", ""], facts, maxWidth).slice(1);
}

/** A table laid out: its lines, and the columns left out to fit the width. */
export interface TableLayout {
  lines: string[];
  /** Headers of the columns left out, in the order they were (empty: every column is shown). */
  hidden: string[];
}

/**
 * The table as lines: the header, then one line per row, each cell on one line (control
 * characters made visible), padded to its column and cut with `…` to fit `maxWidth` (no limit
 * when undefined). Lines carry no trailing spaces. With `dropOrder` (column indices, least useful
 * first), columns are left out in that order rather than cut below {@link readableColumnWidth}, or
 * at all when no wider than {@link wholeColumnWidth}.
 */
export function layoutTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth?: number,
  options: { dropOrder?: readonly number[] } = {},
): TableLayout {
  const all = [header, ...rows].map((row) => header.map((_, i) => terminalText(row[i] ?? "")));
  const natural = header.map(() => 0);
  for (const row of all) {
    for (let i = 0; i < row.length; i++) natural[i] = Math.max(natural[i] as number, width(row[i] as string));
  }
  let shown = header.map((_, i) => i);
  const readable = (w: number) => (w <= wholeColumnWidth ? w : readableColumnWidth);
  const fits = (columns: readonly number[]) =>
    maxWidth === undefined || totalWidth(columns.map((i) => readable(natural[i] as number))) <= maxWidth;
  for (const drop of options.dropOrder ?? []) {
    if (fits(shown) || shown.length <= 1) break;
    shown = shown.filter((i) => i !== drop);
  }
  const widths = fitColumns(
    shown.map((i) => natural[i] as number),
    maxWidth,
    fits(shown) ? readable : undefined,
  );
  const lines = all.map((row) =>
    shown
      .map((column, k) => {
        const w = widths[k] as number;
        const cut = truncate(row[column] as string, w);
        return k === shown.length - 1 ? cut : cut + " ".repeat(Math.max(0, w - width(cut)));
      })
      .join(gap)
      .trimEnd(),
  );
  const hidden = header.filter((_, i) => !shown.includes(i));
  return { lines, hidden };
}

/** {@link layoutTable}'s lines, every column kept (cut as narrow as needed). */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth?: number,
): string[] {
  return layoutTable(header, rows, maxWidth).lines;
}

/** The line that says which columns a table left out, for stderr. */
export function hiddenColumnsNote(hidden: readonly string[], maxWidth: number | undefined): string {
  const names = hidden.map(terminalText).join(", ");
  return `wandb-query: ${hidden.length === 1 ? "column" : "columns"} ${names} left out to fit ${maxWidth} columns; --wide shows every column`;
}
