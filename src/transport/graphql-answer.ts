/**
 * The JSON text of an answer, parsed and held to the shape of a GraphQL response before anything
 * else reads it: a JSON object with `data` (an object, or null when `errors` say why) and
 * `errors` (a list), holding every field the operation asked for at its root (each an object or
 * null), nested no deeper than anything downstream can walk. graphql-request calls
 * {@link parseAnswer} as its JSON parser.
 */
import { WandbNetworkError, WandbResponseError } from "../errors.js";
import { excerpt, maxDataDepth } from "../secrets.js";

/** What the answer to one request must hold. */
export interface AnswerExpectation {
  /** The HTTP status it came with; only a 2xx answer is held to the GraphQL shape. */
  status: number;
  /** The response keys of the operation's root fields (aliases where there are). */
  rootKeys: readonly string[];
  operation: string;
  runPath: string | undefined;
}

/**
 * Parses `text`. For a 2xx answer, throws {@link WandbResponseError} when it is not a GraphQL
 * response, and {@link WandbNetworkError} when it is JSON cut short (the transfer was, so another
 * attempt may do better). For another status, throws a plain error when the text is not JSON that
 * can be walked safely, so the caller falls back to quoting the body.
 */
export function parseAnswer(text: string, expectation: AnswerExpectation): unknown {
  const ok = expectation.status >= 200 && expectation.status < 300;
  const context = {
    operation: expectation.operation,
    status: expectation.status,
    runPath: expectation.runPath,
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!ok) throw error;
    throw unparsable(text, error, context);
  }
  if (nestsDeeperThan(value, maxDataDepth)) {
    if (!ok) throw new Error("the body nests too deep to read");
    throw new WandbResponseError(
      `W&B's answer nests deeper than ${maxDataDepth} levels; no W&B answer does`,
      context,
    );
  }
  if (ok) checkShape(value, expectation.rootKeys, context);
  return value;
}

type Context = { operation: string; status: number; runPath: string | undefined };

function unparsable(text: string, error: unknown, context: Context): Error {
  const bytes = Buffer.byteLength(text);
  if (text.trim() === "")
    return new WandbResponseError(`W&B's answer (HTTP ${context.status}) is empty`, context);
  if (endsEarly(text, error)) {
    return new WandbNetworkError(`W&B's answer was cut short: its JSON ends after ${bytes} bytes`, context);
  }
  return new WandbResponseError(
    `W&B's answer (HTTP ${context.status}, ${bytes} bytes) is not JSON: ${excerpt(text, 200)}`,
    context,
  );
}

// JSON.parse says where it stopped; at the very end of the text, the text was valid so far and
// ended too soon, which is what a transfer cut short looks like.
function endsEarly(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  if (message.includes("end of JSON input")) return true;
  const position = /at position (\d+)/.exec(message)?.[1];
  return position !== undefined && Number(position) >= text.trimEnd().length;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function checkShape(value: unknown, rootKeys: readonly string[], context: Context): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new WandbResponseError(
      `W&B's answer has no data: it is ${kindOf(value)}, not a GraphQL response object`,
      context,
    );
  }
  const { data, errors } = value as { data?: unknown; errors?: unknown };
  if (errors !== undefined && errors !== null && !Array.isArray(errors)) {
    throw new WandbResponseError(
      `W&B's answer has "errors" that is ${kindOf(errors)}, not a list: ${excerpt(safeText(errors), 200)}`,
      context,
    );
  }
  if (data !== undefined && data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new WandbResponseError(`W&B's answer has "data" that is ${kindOf(data)}, not an object`, context);
  }
  // Every root field the SDK selects (project, its aliased parts, artifact, viewer) is an object
  // type: anything else there is checked here once, not read as "not found" by each caller.
  for (const key of rootKeys) {
    const field = data == null ? undefined : (data as Record<string, unknown>)[key];
    if (field !== undefined && field !== null && (typeof field !== "object" || Array.isArray(field))) {
      throw new WandbResponseError(
        `W&B's answer has ${kindOf(field)} at ${key}, where the schema promises an object or null`,
        { ...context, field: key },
      );
    }
  }
  // With errors, a null or partial data is the server's answer, and the errors say why.
  if (Array.isArray(errors) && errors.length > 0) return;
  if (data === undefined || data === null) {
    throw new WandbResponseError("W&B's answer has no data, and no errors saying why", context);
  }
  const missing = rootKeys.filter((key) => !Object.hasOwn(data, key));
  if (missing.length > 0) {
    throw new WandbResponseError(`W&B's answer has no data for ${missing.join(", ")}`, context);
  }
}

/** Whether `value` holds objects or lists nested more than `max` deep. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  return value !== null && typeof value === "object" && deeper(value, max);
}

// Every object of every answer passes here: recursion (never more than `max` frames, 1000 here)
// allocates nothing per object, where a walk with its own stack and Object.values allocated an
// array for each.
function deeper(node: object, levelsLeft: number): boolean {
  if (levelsLeft <= 0) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (child !== null && typeof child === "object" && deeper(child, levelsLeft - 1)) return true;
    }
    return false;
  }
  for (const key in node) {
    const child: unknown = (node as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object" && deeper(child, levelsLeft - 1)) return true;
  }
  return false;
}

/** JSON text of a value already known to be shallow enough, for quoting. */
function safeText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(unprintable)";
  }
}
