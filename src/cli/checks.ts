/**
 * The checks of `wandb-query check`, each judged from values already fetched: pure functions, so
 * every outcome and its wording is tested without a server.
 */
import type { ArtifactVersion, JsonValue, SummaryDict } from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import type { ArtifactReference } from "./artifact-name.js";
import { toJsonText } from "./cell-value.js";
import { lookUpKeyPath } from "./key-path.js";
import { type CompareOptions, type MetricExpression, satisfies } from "./metric-expression.js";
import { formatAge } from "./units.js";

/** One check and its outcome. */
export interface CheckResult {
  /** What was asked, e.g. `accuracy >= 0.95`. */
  check: string;
  ok: boolean;
  /** What was found, e.g. `accuracy is 0.71`. */
  detail: string;
  /** The sentence printed after ✔ or ✘, e.g. `accuracy is 0.71, wanted >= 0.95`. */
  line: string;
}

/** `✔ line` or `✘ line`, on one line: nothing in it (a state, a metric's text) can redraw the mark. */
export function checkLine(result: CheckResult): string {
  return `${result.ok ? "✔" : "✘"} ${terminalText(result.line)}`;
}

/** The run's state is the one wanted. */
export function stateCheck(actual: string | undefined, wanted: string): CheckResult {
  const ok = actual === wanted;
  const detail = `state is ${actual ?? "unknown"}`;
  return { check: `state is ${wanted}`, ok, detail, line: ok ? detail : `${detail}, wanted ${wanted}` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return String(value);
  if (value !== null && typeof value === "object")
    return `not a number (${Array.isArray(value) ? "a list" : "an object"})`;
  return `not a number (${toJsonText(value)})`;
}

/** A summary metric compares as the expression says. */
export function metricCheck(
  summary: SummaryDict,
  expression: MetricExpression,
  options: CompareOptions = {},
): CheckResult {
  const value = lookUpKeyPath(summary, expression.path);
  const ok = satisfies(value, expression, options);
  const wanted = `${expression.operator} ${expression.threshold}`;
  const detail = `${expression.path} is ${describeValue(value)}`;
  const infinite = typeof value === "number" && !Number.isFinite(value) && !Number.isNaN(value);
  const why = infinite && !options.allowInfinite ? " (infinite values fail unless --allow-infinite)" : "";
  return { check: `${expression.path} ${wanted}`, ok, detail, line: `${detail}, wanted ${wanted}${why}` };
}

/**
 * A metric read from a JSON file the run saved compares as the expression says (`--file-json`).
 * `content` is the parsed file, or `undefined` when the run saved no such file.
 */
export function fileJsonCheck(
  file: string,
  content: JsonValue | undefined,
  expression: MetricExpression,
  options: CompareOptions = {},
): CheckResult {
  const wanted = `${expression.operator} ${expression.threshold}`;
  const check = `${file}: ${expression.path} ${wanted}`;
  if (content === undefined) {
    const detail = `${file} not found`;
    return { check, ok: false, detail, line: `${detail}, wanted ${expression.path} ${wanted}` };
  }
  const object = content !== null && typeof content === "object" && !Array.isArray(content) ? content : {};
  const result = metricCheck(object, expression, options);
  return { check, ok: result.ok, detail: `${file}: ${result.detail}`, line: `${file}: ${result.line}` };
}

/**
 * The run logged (or used) the artifact version named. When it did not, the versions of the same
 * name it did log or use are named, which is usually the answer to "why".
 */
export function artifactCheck(
  kind: "logged" | "used",
  reference: ArtifactReference,
  found: ArtifactVersion | undefined,
  all: readonly ArtifactVersion[],
): CheckResult {
  const check = `${kind} artifact ${reference.text}`;
  if (found) {
    const detail = `v${found.version}`;
    return { check, ok: true, detail, line: `${check} (${detail})` };
  }
  const others = all
    .filter((version) => version.name === reference.name)
    .map((v) => `${v.name}:v${v.version}`);
  const detail = others.length > 0 ? `not found; ${kind} ${[...new Set(others)].join(", ")}` : "not found";
  return { check, ok: false, detail, line: `${check} ${detail}` };
}

/**
 * The run was alive recently: its last heartbeat (or, before its first one, its creation) is at
 * most `maxAgeMs` before `now`.
 */
export function ageCheck(
  heartbeatAt: Date | null,
  createdAt: Date,
  maxAge: { ms: number; text: string },
  now: Date,
): CheckResult {
  const since = heartbeatAt ?? createdAt;
  const ageMs = now.getTime() - since.getTime();
  const ok = ageMs <= maxAge.ms;
  const detail = heartbeatAt
    ? `heartbeat ${formatAge(ageMs)} ago`
    : `no heartbeat, created ${formatAge(ageMs)} ago`;
  return {
    check: `heartbeat within ${maxAge.text}`,
    ok,
    detail,
    line: ok ? `${detail}, within ${maxAge.text}` : `${detail}, wanted within ${maxAge.text}`,
  };
}
