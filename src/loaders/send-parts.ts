/**
 * One request carrying several projects' parts on the wire, and what a failure of the whole
 * request means. A request that fails as a whole (an HTTP error after the transport's retries, or
 * GraphQL errors that point at no part) may be one part's doing: each part then goes out once more
 * alone, within what is left of the deadline the whole had, so one project cannot fail another's
 * callers. Run fields (`batch-send.ts`) and artifact lookups (`artifact-loader.ts`) send this way.
 */
import { type GraphQLErrorEntry, WandbAuthError, WandbGraphQLError, WandbResponseError } from "../errors.js";
import type { TransportResult } from "../transport/http-transport.js";
import { graphQLError } from "./answers.js";

/** How to send, read and fail the parts of one kind of request. */
export interface PartsRequest<P, A> {
  /** Sends `parts` as one request. */
  send(parts: readonly P[], signal: AbortSignal): Promise<TransportResult<A>>;
  /**
   * Hands each part its share of an answer; `stray` holds the GraphQL errors that point at no
   * part (only ever non-empty for a request that cannot be split). `signal` is the one the
   * request went out with, for any further pages.
   */
  read(
    parts: readonly P[],
    answer: TransportResult<A>,
    stray: GraphQLErrorEntry[],
    signal: AbortSignal,
  ): unknown;
  /** Fails every caller of `parts`. */
  fail(parts: readonly P[], error: Error): void;
  /** Whether an answer's top-level key (an error path's first element) is a part's alias. */
  isPartAlias(value: unknown): boolean;
  /** The transport's deadline for a whole call (`retry.maxElapsedMs`); split parts stay within it. */
  maxElapsedMs: number;
}

interface Attempt {
  splittable: boolean;
  started: number;
  /** Why the parts went out alone: what they fail with when the deadline stops them. */
  deadlineError?: Error;
}

/** Sends `parts` in one request, split as the module note says; never rejects once `read` does not. */
export async function sendParts<P, A>(
  parts: readonly P[],
  signal: AbortSignal,
  how: PartsRequest<P, A>,
): Promise<void> {
  await attempt(parts, signal, how, { splittable: parts.length > 1, started: Date.now() });
}

async function attempt<P, A>(
  parts: readonly P[],
  signal: AbortSignal,
  how: PartsRequest<P, A>,
  state: Attempt,
): Promise<void> {
  let answer: TransportResult<A>;
  try {
    answer = await how.send(parts, signal);
  } catch (error) {
    if (signal.aborted) return how.fail(parts, state.deadlineError ?? asError(error));
    if (state.splittable && mayConcernOnePart(error)) return alone(parts, signal, how, state, error);
    return how.fail(parts, asError(error));
  }
  const stray = answer.errors.filter((error) => !how.isPartAlias(error.path?.[0]));
  if (stray.length > 0 && state.splittable) {
    return alone(parts, signal, how, state, graphQLError(stray, answer.data, answer.operationName));
  }
  await how.read(parts, answer, stray, signal);
}

/** Each part of a failed request alone, once, within the deadline the whole request had. */
async function alone<P, A>(
  parts: readonly P[],
  signal: AbortSignal,
  how: PartsRequest<P, A>,
  state: Attempt,
  failure: unknown,
): Promise<void> {
  const error = asError(failure);
  const left = state.started + how.maxElapsedMs - Date.now();
  if (left <= 0) return how.fail(parts, error);
  const partSignal = AbortSignal.any([signal, AbortSignal.timeout(left)]);
  const next = { splittable: false, started: state.started, deadlineError: error };
  await Promise.all(parts.map((part) => attempt([part], partSignal, how, next)));
}

/**
 * Whether a failure of a whole request may come from one of its parts (an HTTP error status, a
 * body that cannot be read) rather than from the connection, the rate limit or the key.
 */
export function mayConcernOnePart(error: unknown): boolean {
  if (error instanceof WandbAuthError) return error.status === 403;
  if (error instanceof WandbGraphQLError) return (error.status ?? 0) >= 400 && error.status !== 429;
  return error instanceof WandbResponseError;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
