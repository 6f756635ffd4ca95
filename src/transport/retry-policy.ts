/**
 * Which failures are retried, and how long to wait before the next attempt. Pure functions of
 * plain inputs: the transport classifies a failure into a {@link WandbError}, and
 * {@link retryDecision} alone says what happens next.
 */
import {
  WandbAuthError,
  type WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbServerError,
  WandbTimeoutError,
} from "../errors.js";
import type { RetryLimits } from "../options.js";

// W&B's own GraphQL client never retries these: the answer would not change.
const neverRetriedStatuses = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501]);

/** HTTP statuses worth another attempt: 429, 5xx but 501, and other 4xx W&B's client retries. */
export function isRetryableStatus(status: number): boolean {
  return status >= 400 && !neverRetriedStatuses.has(status);
}

// Network failures the next attempt cannot heal: a name that does not exist (EAI_AGAIN, a resolver
// that did not answer, is another matter), a certificate that does not verify, a TLS handshake
// with something that does not speak TLS, a port fetch refuses, headers larger than the client
// accepts.
const permanentNetworkCodes = new Set([
  "ENOTFOUND",
  "ERR_BAD_PORT",
  "ERR_INVALID_URL",
  "EPROTO",
  "UND_ERR_HEADERS_OVERFLOW",
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "HOSTNAME_MISMATCH",
]);
const permanentNetworkCodePrefixes = ["CERT_", "UNABLE_TO_", "ERR_TLS_CERT", "ERR_SSL_"];

/**
 * Whether a network failure with this code may heal on its own. Refused and reset connections do:
 * a server restarting or a load balancer draining refuses for seconds (W&B's own client retries
 * them too), and the deadline bounds the wait. No code (a socket closed early) heals as well.
 */
export function isTransientNetworkCode(code: string | undefined): boolean {
  if (code === undefined) return true;
  if (permanentNetworkCodes.has(code)) return false;
  return !permanentNetworkCodePrefixes.some((prefix) => code.startsWith(prefix));
}

/** Whether the same request, sent again later, may get a different answer. */
export function isTransient(error: WandbError): boolean {
  // A 429 says when to come back; an attempt that timed out may be luckier the next time.
  if (error instanceof WandbRateLimitError || error instanceof WandbTimeoutError) return true;
  if (error instanceof WandbNetworkError) return isTransientNetworkCode(error.code);
  // A refused key stays refused.
  if (error instanceof WandbAuthError) return false;
  // An HTTP error status: by W&B's own list. A 200 with GraphQL errors has no status here and is
  // an answer, not a failure to get one.
  if (error instanceof WandbGraphQLError && error.status !== undefined && error.status >= 400) {
    return isRetryableStatus(error.status);
  }
  // Everything else (a body that is not a GraphQL answer, one too large, a bad argument, a
  // redirect) would come back the same.
  return false;
}

/** What the server asked to wait before the next attempt, when it said. */
function serverDelayOf(error: WandbError): number | undefined {
  if (error instanceof WandbRateLimitError || error instanceof WandbServerError) return error.retryAfterMs;
  return undefined;
}

/** The facts {@link retryDecision} decides on. */
export interface FailedAttempt {
  /** The failure, as the caller would see it. */
  error: WandbError;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds from the first attempt's start to now. */
  elapsedMs: number;
  limits: RetryLimits;
  /** Source of jitter; tests pass their own. */
  random?: () => number;
  /**
   * Whether the failure may heal, when the caller knows better than the error's class (a file
   * whose bytes did not match once). Default: {@link isTransient}.
   */
  transient?: boolean | undefined;
}

/** Retry after `delayMs`, or stop and say why. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: "permanent" }
  | { retry: false; reason: "retries" }
  | { retry: false; reason: "deadline"; delayMs: number };

/** The one place that decides whether a failed attempt is retried, and after how long. */
export function retryDecision({
  error,
  attempt,
  elapsedMs,
  limits,
  random,
  transient,
}: FailedAttempt): RetryDecision {
  if (!(transient ?? isTransient(error))) return { retry: false, reason: "permanent" };
  if (attempt > limits.retries) return { retry: false, reason: "retries" };
  const backoff = backoffDelayMs(attempt, limits, random);
  // A server's wait is honoured when it asks for more than the backoff, never for less: a
  // Retry-After of 0, or a date in the past, must not turn retries into a busy loop.
  const delayMs = Math.max(serverDelayOf(error) ?? 0, backoff);
  if (elapsedMs + delayMs >= limits.maxElapsedMs) return { retry: false, reason: "deadline", delayMs };
  return { retry: true, delayMs };
}

// RFC 9110's preferred date form (IMF-fixdate), the one W&B's client reads; Date.parse would take
// "-5" or "1" as years and make a wait of zero out of them.
const httpDate = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const seconds = /^\d{1,9}(\.\d+)?$/;

/**
 * The wait a 429 or 503 asks for: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`
 * (seconds). Undefined when neither header says anything sensible (negative, garbage).
 */
export function serverRequestedDelayMs(headers: Pick<Headers, "get">, nowMs: number): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (seconds.test(retryAfter)) return Number(retryAfter) * 1000;
    if (httpDate.test(retryAfter)) {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
    }
  }
  return rateLimitResetMs(headers);
}

/** `RateLimit-Reset` in milliseconds, when present and sane. */
export function rateLimitResetMs(headers: Pick<Headers, "get">): number | undefined {
  const reset = headers.get("ratelimit-reset")?.trim();
  if (reset && seconds.test(reset)) return Number(reset) * 1000;
  return undefined;
}

/**
 * Capped exponential backoff with jitter: attempt n (1-based) waits a random time between half
 * and all of min(maxDelayMs, minDelayMs * 2^(n-1)), so clients that failed together spread out.
 */
export function backoffDelayMs(
  attempt: number,
  retry: RetryLimits,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** Math.min(attempt - 1, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}
