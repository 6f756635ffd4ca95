/**
 * Charts of history: a line chart as text for a terminal or a log (`historyChart`, `seriesChart`),
 * sparklines for a column of a listing (`sparkline`), and Mermaid `xychart-beta` blocks that GitHub
 * renders in Markdown, such as a CI step summary (`mermaidXyChart`). Every key, name and title from
 * data is made safe for where it goes. See the guide, docs/guides/charts.md.
 *
 * ```ts
 * import { createClient, historyChart, runHistory } from "wandb-query";
 * const wb = createClient();
 * const rows = await runHistory(wb.run("acme/vision/1mbku38n"), { keys: ["loss"] });
 * console.log(historyChart(rows, { keys: ["loss"], width: 72 }));
 * ```
 *
 * @module charts
 */
export {
  type ChartSeries,
  type HistoryChartOptions,
  historyChart,
  historySeries,
  type MermaidChartOptions,
  mermaidText,
  mermaidXyChart,
  seriesChart,
  sparkline,
  type TerminalChartOptions,
} from "../../src/index.js";
