/**
 * Line charts as text, for a terminal (braille dots and colours) or a log (plain ASCII). A small
 * module of our own rather than `asciichart`: that library places points by their index, where a
 * history needs them by `_step` (steps are uneven, and two series rarely share them), and it draws
 * box characters only, where a piped chart must be plain ASCII.
 */
import type { HistoryRow } from "../wire/history.js";
import { type ChartSeries, drawnXExtent, finiteExtent, historySeries } from "./chart-series.js";
import { shortNumber, visibleText } from "./chart-text.js";

/** How {@link historyChart} and {@link seriesChart} draw. */
export interface TerminalChartOptions {
  /** Columns of the whole chart, labels included (default 80, at least 24). */
  width?: number | undefined;
  /** Rows of the plot area (default 12, at least 3). */
  height?: number | undefined;
  /**
   * `"braille"` draws with Unicode braille dots (2 × 4 points per character) and box lines;
   * `"ascii"` (the default) with one mark per character, for logs and files.
   */
  style?: "braille" | "ascii" | undefined;
  /** ANSI colours, one per series (default false; the CLI turns them on for a terminal without `NO_COLOR`). */
  color?: boolean | undefined;
  /** The x axis's name under the chart (default `_step`). */
  xLabel?: string | undefined;
}

/** {@link TerminalChartOptions}, plus which history keys to draw and against which key. */
export interface HistoryChartOptions extends TerminalChartOptions {
  /** Top-level history keys, one line each. */
  keys: readonly string[];
  /** The key on the x axis (default `_step`). */
  x?: string | undefined;
}

const colors = [36, 33, 35, 32, 34, 31];
const asciiMarks = ["*", "o", "+", "x", "#", "@"];
// Braille dot bits by [row][column] within one character (Unicode's 8-dot order).
const brailleBits = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;

/**
 * A line chart of some history keys against `_step` (or `options.x`), as text: a legend line per
 * key with its min, max and last value, the plot with the y range on its left, and the x range
 * under it. NaN and ±Infinity values break the line. Keys and labels from data are printed with
 * control characters made visible.
 *
 * @example
 * ```ts
 * const rows = await runHistory(run, { keys: ["loss", "val/loss"] });
 * console.log(historyChart(rows, { keys: ["loss", "val/loss"], width: 72, height: 10 }));
 * ```
 */
export function historyChart(rows: readonly HistoryRow[], options: HistoryChartOptions): string {
  const xKey = options.x ?? "_step";
  const series = options.keys.map((key) => historySeries(rows, key, { xKey }));
  return seriesChart(series, { xLabel: xKey, ...options });
}

/** Like {@link historyChart}, for lines already read: e.g. the same key of two runs. */
export function seriesChart(series: readonly ChartSeries[], options: TerminalChartOptions = {}): string {
  const style = options.style ?? "ascii";
  const paint = (index: number, text: string) =>
    options.color ? `\x1b[${colors[index % colors.length]}m${text}\x1b[0m` : text;
  const legend = series.map((line, index) => {
    const mark = style === "ascii" ? asciiMarks[index % asciiMarks.length] : "━━";
    const extent = finiteExtent(line.y);
    const last = line.y.length > 0 ? shortNumber(line.y[line.y.length - 1] as number) : "none";
    const range = extent
      ? `min ${shortNumber(extent.min)}  max ${shortNumber(extent.max)}  last ${last}`
      : "no values to draw";
    return `${paint(index, mark as string)} ${visibleText(line.name)}  ${range}`;
  });
  const yExtent = union(series.map((line) => finiteExtent(line.y)));
  const xExtent = union(series.map((line) => drawnXExtent(line)));
  if (!yExtent || !xExtent) return `${legend.join("\n")}\n(nothing to draw: no numeric values)\n`;
  const yRange = padded(yExtent);
  const yLabels = [shortNumber(yRange.max), shortNumber(yRange.min)];
  const labelWidth = Math.max(yLabels[0]?.length ?? 0, yLabels[1]?.length ?? 0);
  const width = Math.max(24, Math.floor(options.width ?? 80));
  const height = Math.max(3, Math.floor(options.height ?? 12));
  const plotWidth = Math.max(8, width - labelWidth - 2);
  const canvas = new Canvas(plotWidth, height, style === "braille" ? 2 : 1, style === "braille" ? 4 : 1);
  series.forEach((line, index) => {
    canvas.plot(line, index, xExtent, yRange);
  });
  const ascii = style === "ascii";
  const lines = canvas.rows((glyphs, owners) =>
    glyphs
      .map((glyph, column) => (owners[column] === -1 ? glyph : paint(owners[column] as number, glyph)))
      .join(""),
  );
  const plot = lines.map((line, row) => {
    const label = row === 0 ? yLabels[0] : row === height - 1 ? yLabels[1] : "";
    const tick = label ? (ascii ? "|" : "┤") : ascii ? "|" : "│";
    return `${(label ?? "").padStart(labelWidth)} ${tick}${line}`.trimEnd();
  });
  const axis = `${" ".repeat(labelWidth)} ${ascii ? "+" : "└"}${(ascii ? "-" : "─").repeat(plotWidth)}`;
  const [left, right] = [shortNumber(xExtent.min), shortNumber(xExtent.max)];
  const name = visibleText(options.xLabel ?? "_step");
  const gap = Math.max(1, plotWidth - left.length - right.length);
  const middle =
    name.length + 2 <= gap ? name.padStart(Math.floor((gap + name.length) / 2)).padEnd(gap) : " ".repeat(gap);
  const xLine = `${" ".repeat(labelWidth + 2)}${left}${middle}${right}`;
  return `${[...legend, ...plot, axis, xLine].join("\n")}\n`;
}

type Extent = { min: number; max: number };

function union(extents: readonly (Extent | undefined)[]): Extent | undefined {
  let found: Extent | undefined;
  for (const extent of extents) {
    if (!extent) continue;
    found = found ? { min: Math.min(found.min, extent.min), max: Math.max(found.max, extent.max) } : extent;
  }
  return found;
}

/** A flat line still needs a y range to sit in. */
function padded(extent: { min: number; max: number }): { min: number; max: number } {
  if (extent.max > extent.min) return extent;
  const pad = Math.abs(extent.min) > 0 ? Math.abs(extent.min) * 0.1 : 1;
  return { min: extent.min - pad, max: extent.max + pad };
}

/** Dots on a grid of characters; each character remembers the last series that drew in it. */
class Canvas {
  private readonly dots: Uint8Array;
  private readonly owners: Int16Array;
  private readonly pixelsWide: number;
  private readonly pixelsHigh: number;

  constructor(
    private readonly columns: number,
    private readonly rowCount: number,
    private readonly cellWidth: number,
    private readonly cellHeight: number,
  ) {
    this.dots = new Uint8Array(columns * rowCount);
    this.owners = new Int16Array(columns * rowCount).fill(-1);
    this.pixelsWide = columns * cellWidth;
    this.pixelsHigh = rowCount * cellHeight;
  }

  /** Draws a series: straight segments between consecutive finite points, a gap at each other. */
  plot(
    line: ChartSeries,
    owner: number,
    xRange: { min: number; max: number },
    yRange: { min: number; max: number },
  ): void {
    const xSpan = xRange.max - xRange.min;
    const ySpan = yRange.max - yRange.min;
    let previous: [number, number] | undefined;
    for (let i = 0; i < line.x.length; i++) {
      const y = line.y[i] as number;
      if (!Number.isFinite(y)) {
        previous = undefined;
        continue;
      }
      const px =
        xSpan === 0 ? 0 : Math.round((((line.x[i] as number) - xRange.min) / xSpan) * (this.pixelsWide - 1));
      const py = Math.round(((yRange.max - y) / ySpan) * (this.pixelsHigh - 1));
      if (previous) this.segment(previous[0], previous[1], px, py, owner);
      else this.set(px, py, owner);
      previous = [px, py];
    }
  }

  /** Each text row, from the glyphs and owners of its characters. */
  rows(render: (glyphs: string[], owners: Int16Array) => string): string[] {
    const out: string[] = [];
    for (let row = 0; row < this.rowCount; row++) {
      const start = row * this.columns;
      const glyphs: string[] = [];
      for (let column = 0; column < this.columns; column++) glyphs.push(this.glyph(start + column));
      out.push(render(glyphs, this.owners.subarray(start, start + this.columns)));
    }
    return out;
  }

  private glyph(cell: number): string {
    const dots = this.dots[cell] as number;
    const owner = this.owners[cell] as number;
    if (this.cellWidth === 1) return owner === -1 ? " " : (asciiMarks[owner % asciiMarks.length] as string);
    return dots === 0 ? " " : String.fromCharCode(0x2800 + dots);
  }

  private set(px: number, py: number, owner: number): void {
    if (px < 0 || py < 0 || px >= this.pixelsWide || py >= this.pixelsHigh) return;
    const cell = Math.floor(py / this.cellHeight) * this.columns + Math.floor(px / this.cellWidth);
    const bit =
      this.cellWidth === 1 ? 1 : ((brailleBits[py % 4] as readonly [number, number])[px % 2] as number);
    this.dots[cell] = (this.dots[cell] as number) | bit;
    this.owners[cell] = owner;
  }

  /** Bresenham's line: every pixel between two points, so a steep drop stays connected. */
  private segment(x0: number, y0: number, x1: number, y1: number, owner: number): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let error = dx + dy;
    let [x, y] = [x0, y0];
    for (;;) {
      this.set(x, y, owner);
      if (x === x1 && y === y1) return;
      const doubled = 2 * error;
      if (doubled >= dy) {
        error += dy;
        x += sx;
      }
      if (doubled <= dx) {
        error += dx;
        y += sy;
      }
    }
  }
}
