/**
 * Failed attempts as {@link WandbError}s: what one attempt's failure is ({@link classifyFailure}),
 * and what the caller is told when the transport stops retrying ({@link giveUpError}). Plain
 * functions of their arguments; whether to retry is `retry-policy.ts`'s business.
 */
import { ClientError } from "graphql-request";
import {
  type GraphQLErrorEntry,
  WandbAuthError,
  WandbError,
  type WandbErrorContext,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbServerError,
  WandbTimeoutError,
} from "../errors.js";
import type { RetryLimits } from "../options.js";
import { excerpt } from "../secrets.js";
import type { Exchange } from "./bounded-fetch.js";
import type { RetryDecision } from "./retry-policy.js";
import { serverRequestedDelayMs } from "./retry-policy.js";

/** Marks an attempt aborted by its own timer, as opposed to by the caller. */
export class AttemptTimeout extends Error {}

/** What the mapping needs to know of the request. */
export interface AttemptContext {
  operation: string;
  /** The single run the request is about, when it is about one. */
  runPath: string | undefined;
  /** The API's origin, for network errors. */
  origin: string;
  /** The URL asked, for a 404 (a base URL with a path W&B does not serve). */
  endpoint: string;
  timeoutMs: number;
  nowMs: number;
}

/** Longest quote of a body in a message. */
const bodyExcerptChars = 200;

/** The error one failed attempt stands for. */
export function classifyFailure(error: unknown, exchange: Exchange, context: AttemptContext): WandbError {
  const errorContext: WandbErrorContext = {
    operation: context.operation,
    status: exchange.status || undefined,
    runPath: context.runPath,
  };
  if (error instanceof WandbError) return error;
  if (error instanceof AttemptTimeout) {
    const message = exchange.status
      ? `the answer (HTTP ${exchange.status}) did not finish within ${context.timeoutMs} ms`
      : `no answer within ${context.timeoutMs} ms`;
    return new WandbTimeoutError(message, 1, 0, errorContext);
  }
  if (error instanceof ClientError) {
    const { status, body, errors, data } = error.response as {
      status: number;
      body?: unknown;
      errors?: unknown;
      data?: unknown;
    };
    const entries = Array.isArray(errors) ? errors.map(toErrorEntry) : [];
    const headers = exchange.headers ?? new Headers();
    return statusError(status, headers, { entries, body, data }, errorContext, context);
  }
  const code = networkCode(error);
  // No answer at all, or one whose body broke off on the way (undici reports both as TypeErrors
  // with the reason, ECONNRESET and the like, in `cause`).
  if (exchange.status === 0 || error instanceof TypeError || code !== undefined) {
    return new WandbNetworkError(
      `request to ${context.origin} failed: ${networkFailureReason(error, context)}`,
      {
        ...errorContext,
        code,
        cause: error,
      },
    );
  }
  if (exchange.status < 200 || exchange.status >= 300) {
    const headers = exchange.headers ?? new Headers();
    return statusError(exchange.status, headers, { entries: [] }, errorContext, context);
  }
  return new WandbResponseError(
    `W&B's answer (HTTP ${exchange.status}) could not be read: ${excerpt(errorMessage(error), bodyExcerptChars)}`,
    { ...errorContext, cause: error },
  );
}

/** An HTTP status other than 2xx, with what its body said. */
function statusError(
  status: number,
  headers: Headers,
  { entries, body, data }: { entries: GraphQLErrorEntry[]; body?: unknown; data?: unknown },
  context: WandbErrorContext,
  { nowMs, endpoint }: Pick<AttemptContext, "nowMs" | "endpoint">,
): WandbError {
  const serverMessage =
    excerpt(entries.map((e) => e.message).join("; "), bodyExcerptChars * 2) || bodyMessage(body);
  if (status === 401 || status === 403) {
    return new WandbAuthError(`W&B refused the API key (HTTP ${status}): ${serverMessage}`, context);
  }
  if (status === 429) {
    const delay = serverRequestedDelayMs(headers, nowMs);
    return new WandbRateLimitError(`W&B rate limit (HTTP 429): ${serverMessage}`, delay, context);
  }
  if (status >= 300 && status < 400) {
    const location = excerpt(headers.get("location") ?? "somewhere else", bodyExcerptChars);
    return new WandbGraphQLError(
      `W&B answered HTTP ${status}, a redirect to ${location}; set baseUrl to the final API URL`,
      entries,
      undefined,
      context,
    );
  }
  const errors = entries.length ? entries : [{ message: serverMessage }];
  // W&B answers GraphQL at /graphql under its root: a 404 there means the base URL is not W&B's.
  const message =
    status === 404
      ? `${endpoint} answered HTTP 404: ${serverMessage}; is the base URL W&B's API root? Requests go to <base URL>/graphql`
      : `W&B answered HTTP ${status}: ${serverMessage}`;
  if (status >= 500) {
    const delay = status === 503 ? serverRequestedDelayMs(headers, nowMs) : undefined;
    return new WandbServerError(message, errors, data, delay, context);
  }
  return new WandbGraphQLError(message, errors, data, context);
}

/** One entry of an `errors` list as the server wrote it, whatever it wrote. */
export function toErrorEntry(error: unknown): GraphQLErrorEntry {
  if (typeof error === "string") return { message: error };
  const record = (error !== null && typeof error === "object" ? error : {}) as {
    message?: unknown;
    path?: unknown;
    extensions?: unknown;
  };
  const entry: GraphQLErrorEntry = {
    message:
      typeof record.message === "string" ? record.message : `(an error without a message: ${quote(error)})`,
  };
  if (
    Array.isArray(record.path) &&
    record.path.every((p) => typeof p === "string" || typeof p === "number")
  ) {
    entry.path = record.path as Array<string | number>;
  }
  if (record.extensions && typeof record.extensions === "object" && !Array.isArray(record.extensions)) {
    entry.extensions = record.extensions as Record<string, unknown>;
  }
  return entry;
}

/** What a non-GraphQL error body says: W&B's `{"error": ...}` forms, else the start of the text. */
function bodyMessage(body: unknown): string {
  if (typeof body !== "string" || body.trim() === "") return "(empty body)";
  // Only a body small enough to be an error message is worth parsing for one.
  if (body.length <= 64 * 1024) {
    try {
      const parsed = JSON.parse(body) as { error?: unknown; errors?: unknown };
      if (typeof parsed?.error === "string") return excerpt(parsed.error, bodyExcerptChars);
      const nested = parsed?.error as { message?: unknown } | undefined;
      if (nested && typeof nested === "object" && typeof nested.message === "string") {
        return excerpt(nested.message, bodyExcerptChars);
      }
      if (Array.isArray(parsed?.errors)) {
        const messages = parsed.errors.map((e) => toErrorEntry(e).message).join("; ");
        return excerpt(messages, bodyExcerptChars);
      }
    } catch {
      // not JSON (or too deep to read): quote the raw text
    }
  }
  return excerpt(body, bodyExcerptChars);
}

function quote(value: unknown): string {
  try {
    return excerpt(JSON.stringify(value) ?? String(value), 80);
  } catch {
    return "unprintable";
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The first `code` along the cause chain (undici hides ECONNREFUSED and the like in `cause`).
 * undici refuses the fetch standard's "bad ports" (6000, 10080, …) without a code; that refusal
 * gets `ERR_BAD_PORT`, so the retry policy can tell it will not change.
 */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && code !== "") return code;
    if (message === "bad port") return "ERR_BAD_PORT";
    current = cause;
  }
  return undefined;
}

/**
 * Why a request got no answer, from the cause chain: undici reports "fetch failed" and keeps the
 * reason (ECONNREFUSED, ECONNRESET, …) in `cause`.
 */
/**
 * A network failure's reason, said for a person: an https:// base URL at a port that speaks plain
 * http fails its TLS handshake with OpenSSL's "wrong version number", which names neither cause.
 */
function networkFailureReason(error: unknown, context: Pick<AttemptContext, "origin">): string {
  const reason = networkReason(error);
  // Only the verdict, not OpenSSL's words: "wrong version number" sends people to their TLS setup.
  if (
    context.origin.startsWith("https:") &&
    /wrong version number|ERR_SSL_WRONG_VERSION_NUMBER/i.test(reason)
  ) {
    return (
      `the server at ${context.origin} answered without TLS: it looks like a plain http port, so use ` +
      `${context.origin.replace(/^https:/, "http:")}, or the https port`
    );
  }
  return reason;
}

export function networkReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const record = current as { message?: unknown; code?: unknown; cause?: unknown };
    const code = typeof record.code === "string" ? ` (${record.code})` : "";
    if (typeof record.message === "string" && record.message) parts.push(`${record.message}${code}`);
    current = record.cause;
  }
  return excerpt(parts.join(": ") || String(error), bodyExcerptChars * 2);
}

/** What the caller learns when the transport stops after a failed attempt. */
export interface GiveUp {
  /** The last attempt's failure. */
  last: WandbError;
  decision: Extract<RetryDecision, { retry: false }>;
  attempts: number;
  elapsedMs: number;
  limits: RetryLimits;
}

/**
 * The error to throw: the last failure as it is when it was the only attempt and could not heal;
 * otherwise the same kind of error, saying how many attempts over how long, why it stopped, and
 * the last cause. A wait past the deadline is a timeout, or a rate limit when W&B asked for it.
 */
export function giveUpError({ last, decision, attempts, elapsedMs, limits }: GiveUp): WandbError {
  if (decision.reason === "permanent" && attempts === 1) return last;
  const prefix = last.operation ? `${last.operation}: ` : "";
  const tried = `${attempts} attempt${attempts === 1 ? "" : "s"} over ${duration(elapsedMs)}`;
  const context = { operation: last.operation, status: last.status, runPath: last.runPath, cause: last };
  if (decision.reason === "deadline") {
    const why = `the next wait (${duration(decision.delayMs)}) would pass retry.maxElapsedMs (${duration(limits.maxElapsedMs)})`;
    const message = `${prefix}gave up after ${tried}: ${why}; last failure: ${last.message}`;
    if (last instanceof WandbRateLimitError)
      return new WandbRateLimitError(message, last.retryAfterMs, context);
    return new WandbTimeoutError(message, attempts, elapsedMs, context);
  }
  const message = `${prefix}gave up after ${tried} (${stopReason(decision.reason, limits)}); last failure: ${last.message}`;
  return restate(last, message, attempts, elapsedMs, context);
}

function stopReason(reason: "permanent" | "retries", limits: RetryLimits): string {
  if (reason === "permanent") return "the last failure cannot heal";
  if (limits.retries === 0) return "retries are off";
  return `all ${limits.retries} ${limits.retries === 1 ? "retry" : "retries"} used`;
}

/** `error` with another message, same class and fields. */
function restate(
  error: WandbError,
  message: string,
  attempts: number,
  elapsedMs: number,
  context: WandbErrorContext,
): WandbError {
  if (error instanceof WandbTimeoutError) return new WandbTimeoutError(message, attempts, elapsedMs, context);
  if (error instanceof WandbRateLimitError)
    return new WandbRateLimitError(message, error.retryAfterMs, context);
  if (error instanceof WandbServerError) {
    return new WandbServerError(message, error.errors, error.data, error.retryAfterMs, context);
  }
  if (error instanceof WandbGraphQLError)
    return new WandbGraphQLError(message, error.errors, error.data, context);
  if (error instanceof WandbNetworkError)
    return new WandbNetworkError(message, { ...context, code: error.code });
  if (error instanceof WandbAuthError) return new WandbAuthError(message, context);
  if (error instanceof WandbResponseError)
    return new WandbResponseError(message, { ...context, field: error.field });
  return error;
}

/** `850 ms`, `4.2 s`, `120 s`. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
