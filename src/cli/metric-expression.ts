/** `--metric` expressions: `<path><op><number>`, e.g. `accuracy>=0.95`, `train/loss<0.1`, `eval.f1>0.9`. */
import type { JsonValue } from "../index.js";
import { UsageError } from "./usage-error.js";

/** The comparison operators a metric expression may use. */
export type MetricOperator = ">=" | "<=" | ">" | "<" | "==" | "!=";

/** A parsed `--metric` expression. */
export interface MetricExpression {
  /** The metric as the user wrote it: a summary key, `a/b`, or a nested `a.b`. */
  path: string;
  operator: MetricOperator;
  threshold: number;
  /** The expression as given, for messages. */
  text: string;
}

// The operator is the first run of comparison characters: a key holding one of them could not be
// told apart from a typo like `acc=>0.9`, so paths may not contain them at all.
const expressionPattern = /^([^<>=!]+)(>=|<=|==|!=|>|<)([^<>=!]+)$/;
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Parses a metric expression; throws UsageError saying what was expected. */
export function parseMetricExpression(text: string): MetricExpression {
  const match = expressionPattern.exec(text);
  const path = match?.[1]?.trim() ?? "";
  const number = match?.[3]?.trim() ?? "";
  if (!match || path === "" || !numberPattern.test(number)) {
    throw new UsageError(
      `bad metric expression ${JSON.stringify(text)}: expected <metric><op><number> with op one of ` +
        '>=, <=, >, <, ==, != (e.g. "accuracy>=0.95", "train/loss<0.1", "eval.f1>0.9")',
    );
  }
  const threshold = Number(number);
  // `1e999` reads as Infinity and `1e-999` as 0: either would check something other than what
  // was written, silently.
  if (!Number.isFinite(threshold) || (threshold === 0 && /[1-9]/.test(number.split(/e/i)[0] as string))) {
    throw new UsageError(
      `bad metric expression ${JSON.stringify(text)}: ${number} is ${threshold === 0 ? "too small" : "too large"} ` +
        "for a number (a double holds magnitudes from about 5e-324 to 1.8e308)",
    );
  }
  return { path, operator: match[2] as MetricOperator, threshold, text };
}

/** How {@link satisfies} treats values that are numbers but not finite ones. */
export interface CompareOptions {
  /**
   * Compare ±Infinity as numbers (`--allow-infinite`): `-Infinity < 0.1` holds. Default false: an
   * infinite metric is a diverged or broken run, and fails every comparison, as NaN does.
   */
  allowInfinite?: boolean;
}

/**
 * Whether `value` satisfies the expression. Only numbers can: a missing metric, a string or an
 * object fails, and NaN fails every comparison, `!=` included, so a diverged run never passes;
 * so does ±Infinity unless `options.allowInfinite` (a loss of -Infinity is not a low loss).
 */
export function satisfies(
  value: JsonValue | undefined,
  expression: MetricExpression,
  options: CompareOptions = {},
): boolean {
  if (typeof value !== "number" || Number.isNaN(value)) return false;
  if (!Number.isFinite(value) && !options.allowInfinite) return false;
  const { threshold } = expression;
  switch (expression.operator) {
    case ">=":
      return value >= threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case "<":
      return value < threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}

/** A `--file-json` check: a JSON file the run saved, and a metric expression over its content. */
export interface FileJsonExpression {
  /** The file's name within the run, e.g. `eval.json`. */
  file: string;
  expression: MetricExpression;
}

/** Parses `<file>:<metric><op><number>`, e.g. `eval.json:accuracy>=0.9`, split at the first `:`. */
export function parseFileJsonExpression(text: string): FileJsonExpression {
  const colon = text.indexOf(":");
  const file = colon < 0 ? "" : text.slice(0, colon).trim();
  if (file === "") {
    throw new UsageError(
      `bad --file-json ${JSON.stringify(text)}: expected <file>:<metric><op><number>, e.g. "eval.json:accuracy>=0.9"`,
    );
  }
  return { file, expression: parseMetricExpression(text.slice(colon + 1)) };
}
