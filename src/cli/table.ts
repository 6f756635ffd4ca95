/** Plain-text tables with aligned columns, cut to a width with `…` where the terminal is narrower. */

const gap = "  ";
/** Columns never shrink below this, so a header stays recognisable. */
const minColumnWidth = 4;

/** Characters as a terminal counts them, near enough: code points, not UTF-16 units. */
function width(text: string): number {
  return [...text].length;
}

/** `text` cut to `max` characters, its last one `…` when anything was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 0) return "";
  return `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Column widths that fit `maxWidth` (gaps included): the widest column gives way first, one
 * character at a time, so narrow columns (state, dates) stay whole while long names are cut.
 */
export function fitColumns(natural: readonly number[], maxWidth: number | undefined): number[] {
  const widths = [...natural];
  if (maxWidth === undefined) return widths;
  const total = () => widths.reduce((sum, w) => sum + w, 0) + gap.length * Math.max(0, widths.length - 1);
  while (total() > maxWidth) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++)
      if ((widths[i] as number) > (widths[widest] as number)) widest = i;
    if ((widths[widest] as number) <= minColumnWidth) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  return widths;
}

/** `label  value` lines, the values aligned, cut with `…` to fit `maxWidth` (no limit when undefined). */
export function formatFacts(facts: ReadonlyArray<readonly [string, string]>, maxWidth?: number): string[] {
  return formatTable(["", ""], facts, maxWidth).slice(1);
}

/**
 * The table as lines: the header, then one line per row, each cell padded to its column and cut
 * with `…` to fit `maxWidth` (no limit when undefined). Lines carry no trailing spaces.
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth?: number,
): string[] {
  const clean = (text: string) => text.replace(/[\r\n\t]+/g, " ");
  const all = [header, ...rows].map((row) => header.map((_, i) => clean(row[i] ?? "")));
  const natural = header.map((_, i) => Math.max(...all.map((row) => width(row[i] as string))));
  const widths = fitColumns(natural, maxWidth);
  return all.map((row) =>
    row
      .map((cell, i) => {
        const w = widths[i] as number;
        const cut = truncate(cell, w);
        return i === row.length - 1 ? cut : cut + " ".repeat(w - width(cut));
      })
      .join(gap)
      .trimEnd(),
  );
}
