/**
 * The metric a sweep optimizes, read from its configuration: the YAML text W&B stores (W&B's client
 * writes it with PyYAML's block style: `metric:` then indented `goal:` and `name:`), or JSON text.
 * Only `metric.name` and `metric.goal` are read, so no YAML library is needed; a form this reader
 * does not know reads as "no metric" and is reported as such, never guessed.
 */

/** What a sweep optimizes. */
export interface SweepMetric {
  /** The summary key, e.g. `"val_loss"`. */
  name: string;
  /** `minimize` when the config says so or names no goal (W&B's default), else `maximize`. */
  goal: "minimize" | "maximize";
}

// A sweep config is a few kilobytes; reading stops here, whatever a server sends.
const maxConfigChars = 1_000_000;

/** The `metric` of a sweep config, or `null` when it names none (or names one without `name`). */
export function readSweepMetric(configText: string | null): SweepMetric | null {
  if (configText === null) return null;
  const text = configText.slice(0, maxConfigChars);
  const fields = text.trimStart().startsWith("{") ? jsonMetric(text) : yamlMetric(text);
  if (!fields || typeof fields.name !== "string" || fields.name === "") return null;
  // W&B's Python client (Sweep.order): "+" when the goal is minimize or missing, "-" otherwise.
  const goal = fields.goal === undefined || fields.goal === "minimize" ? "minimize" : "maximize";
  return { name: fields.name, goal };
}

/**
 * The run order that puts the best run first, as W&B's Python client builds it
 * (`QueryGenerator.format_order_key`): a bare name is a summary metric, a dotted name is one too
 * unless it starts with `config`, `summary_metrics` or `tags`.
 */
export function bestRunOrder(metric: SweepMetric): string {
  const direction = metric.goal === "minimize" ? "+" : "-";
  const parts = metric.name.split(".");
  const runColumns = ["createdAt", "updatedAt", "name", "sweep"];
  const prefixed = ["config", "summary_metrics", "tags"];
  if (parts.length === 1 && runColumns.includes(metric.name)) return `${direction}${metric.name}`;
  if (parts.length > 1 && prefixed.includes(parts[0] as string)) return `${direction}${metric.name}`;
  return `${direction}summary_metrics.${metric.name}`;
}

interface MetricFields {
  name?: string | undefined;
  goal?: string | undefined;
}

function jsonMetric(text: string): MetricFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const metric = isObject(parsed) ? parsed.metric : undefined;
  if (!isObject(metric)) return undefined;
  return {
    name: typeof metric.name === "string" ? metric.name : undefined,
    goal: typeof metric.goal === "string" ? metric.goal : undefined,
  };
}

function yamlMetric(text: string): MetricFields | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^metric\s*:/.test(line));
  if (start < 0) return undefined;
  const rest = stripComment((lines[start] as string).replace(/^metric\s*:/, "")).trim();
  if (rest.startsWith("{") && rest.endsWith("}")) return flowMetric(rest.slice(1, -1));
  if (rest !== "") return undefined;
  const fields: MetricFields = {};
  let indent: number | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const lead = line.length - line.trimStart().length;
    if (lead === 0) break;
    indent ??= lead;
    if (lead !== indent) continue;
    const entry = /^\s+(name|goal)\s*:\s*(.*)$/.exec(line);
    if (entry) fields[entry[1] as "name" | "goal"] = scalar(entry[2] as string);
  }
  return fields;
}

function flowMetric(inner: string): MetricFields {
  const fields: MetricFields = {};
  for (const part of inner.split(",")) {
    const entry = /^\s*(name|goal)\s*:\s*(.*)$/.exec(part);
    if (entry) fields[entry[1] as "name" | "goal"] = scalar(entry[2] as string);
  }
  return fields;
}

/** A YAML scalar: single-quoted (`''` is a quote), double-quoted (JSON escapes), or plain. */
function scalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith("'")) {
    const end = text.lastIndexOf("'");
    return end > 0 ? text.slice(1, end).replaceAll("''", "'") : undefined;
  }
  if (text.startsWith('"')) {
    const end = text.lastIndexOf('"');
    if (end <= 0) return undefined;
    try {
      return JSON.parse(text.slice(0, end + 1)) as string;
    } catch {
      return undefined;
    }
  }
  const plain = stripComment(text).trim();
  return plain === "" ? undefined : plain;
}

function stripComment(text: string): string {
  const hash = text.search(/\s#/);
  return hash < 0 ? text : text.slice(0, hash);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
