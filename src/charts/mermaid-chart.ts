/**
 * Line charts as Mermaid `xychart-beta` blocks, which GitHub renders in Markdown (step summaries,
 * pull-request comments). Everything from data that enters the block is sanitized here: a key or
 * a run name must not end the block, open a directive or inject markup.
 */
import { type ChartSeries, drawnXExtent, valueAt } from "./chart-series.js";
import { plainDecimal } from "./chart-text.js";

/** Options of {@link mermaidXyChart}. */
export interface MermaidChartOptions {
  /** The chart's title (sanitized). */
  title: string;
  /** The x axis's name (default `step`). */
  xLabel?: string | undefined;
  /** The y axis's name (default: none). */
  yLabel?: string | undefined;
  /** Points per line at most (default 100, at most 1,000): the block stays small. */
  maxPoints?: number | undefined;
}

/** Mermaid's xychart has no legend; these colours are set on the chart, so a line can name them. */
const palette = [
  ["blue", "#1f77b4"],
  ["orange", "#ff7f0e"],
  ["green", "#2ca02c"],
  ["red", "#d62728"],
  ["purple", "#9467bd"],
  ["brown", "#8c564b"],
] as const;

/**
 * A fenced Mermaid `xychart-beta` block drawing each series as a line on one shared x axis, then a
 * Markdown line saying which colour is which series (Mermaid's xychart draws no legend).
 *
 * Each line is sampled at the same at most `maxPoints` evenly spaced x positions, from where every
 * series has begun to where the last one ends, its value there read by straight lines between its
 * finite points; a series that ends earlier stops there. NaN and ±Infinity values are left out, as
 * Mermaid has no gaps. A series with no finite value is named under the chart but not drawn.
 *
 * @example
 * ```ts
 * const [a, b] = await Promise.all([runHistory(base, { keys: ["loss"] }), runHistory(candidate, { keys: ["loss"] })]);
 * const block = mermaidXyChart(
 *   [historySeries(a, "loss", { name: base.path }), historySeries(b, "loss", { name: candidate.path })],
 *   { title: "loss" },
 * );
 * ```
 */
export function mermaidXyChart(series: readonly ChartSeries[], options: MermaidChartOptions): string {
  const maxPoints = Math.min(1000, Math.max(2, Math.floor(options.maxPoints ?? 100)));
  const drawn = series.filter((line) => drawnXExtent(line) !== undefined).slice(0, palette.length);
  const legend = series.map((line) => {
    const index = drawn.indexOf(line);
    const name = markdownText(line.name);
    return index === -1 ? `${name} (no finite values)` : `${palette[index]?.[0]}: ${name}`;
  });
  const lines = [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette.map((p) => p[1]).join(", ")}"}}}}%%`,
    "xychart-beta",
    `    title "${label(options.title, "untitled")}"`,
  ];
  const extents = drawn.map((line) => drawnXExtent(line) as { min: number; max: number });
  if (extents.length > 0) {
    let start = Number.NEGATIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (const extent of extents) {
      start = Math.max(start, extent.min);
      end = Math.max(end, extent.max);
    }
    // No more points than the longest series has: a short history is not blown up to 100.
    let longest = 0;
    for (const line of drawn) longest = Math.max(longest, line.x.length);
    const count = end > start ? Math.min(maxPoints, Math.max(2, longest)) : 1;
    const positions = Array.from({ length: count }, (_, i) =>
      count === 1 ? start : start + ((end - start) * i) / (count - 1),
    );
    lines.push(
      `    x-axis "${label(options.xLabel ?? "step", "step")}" ${plainDecimal(start)} --> ${plainDecimal(Math.max(end, start + 1))}`,
    );
    if (options.yLabel !== undefined) lines.push(`    y-axis "${label(options.yLabel, "value")}"`);
    for (const line of drawn)
      lines.push(
        `    line [${sampled(line, positions)
          .map((v) => plainDecimal(v))
          .join(", ")}]`,
      );
  }
  lines.push("```", "", `Lines: ${legend.join("; ")}`, "");
  return `${lines.join("\n")}\n`;
}

/** A label's text; Mermaid's grammar has no empty label, so one that sanitizes to nothing gets `fallback`. */
function label(text: string, fallback: string): string {
  return mermaidText(text) || fallback;
}

/** The series' values at ascending positions, until the first position past its end. */
function sampled(line: ChartSeries, positions: readonly number[]): number[] {
  const values: number[] = [];
  let from = 0;
  let started = false;
  for (const position of positions) {
    const { value, next } = valueAt(line, position, from);
    from = next;
    if (value === undefined || !Number.isFinite(value)) {
      // Before a series begins there is nothing to draw, and Mermaid has no gaps: the first
      // position is where every series has begun, so only the end can lack values.
      if (started) break;
      continue;
    }
    started = true;
    values.push(value);
  }
  return values;
}

/**
 * Text for a quoted Mermaid label: letters, digits, spaces and `_ - . / : , + = ( )` only; every
 * other character becomes a space. That leaves no quote to end the label, no `%%` to start a
 * directive or comment, no `#…;` entity, no brackets, backticks or markup; at most 100 characters.
 */
export function mermaidText(text: string): string {
  const kept = text
    .replace(/[^\p{L}\p{N} _\-./:,+=()]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return kept.length > 100 ? `${kept.slice(0, 99)}…` : kept;
}

/**
 * Text for one line of Markdown: line breaks gone, `|`, `<`, `>` and Markdown's link and emphasis
 * characters escaped. (Swap for the shared Markdown escaping when it lands.)
 */
function markdownText(text: string): string {
  let oneLine = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    oneLine += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : char;
  }
  // Brackets are escaped, so parentheses cannot form a link; `:` is, so no `http://` autolinks.
  return oneLine.replace(/[\\`*_{}[\]<>#!|~&:]/g, (c) => `\\${c}`);
}
