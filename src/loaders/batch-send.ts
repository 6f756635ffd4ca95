/**
 * One planned request of run fields on the wire, and what a failure of the whole request means.
 *
 * A request that carries several projects' parts and fails as a whole (an HTTP error after the
 * transport's retries, or GraphQL errors that point at no part) is split: each part goes out once
 * more alone, within what is left of the deadline, so one project cannot fail another's callers.
 *
 * A request of one project says which (`project`), so the transport tells a 403 that is the
 * project's from one that is the key's (`transport/refusals.ts`); a 403 on a request of several
 * projects is split like any failure that may concern one part.
 */
import { WandbAuthError, WandbGraphQLError, WandbResponseError } from "../errors.js";
import { graphQLError } from "./answers.js";
import { type PartContext, readPart } from "./batch-answer.js";
import { batchDocument, batchVariables, isPartAlias, partAlias } from "./batch-document.js";
import { type Chunk, type Load, type PlannedRequest, partVariables } from "./batch-plan.js";

/** What sending a request needs besides the request. */
export interface SendContext<L extends Load> extends PartContext<L> {
  /** The transport's deadline for a whole call (`retry.maxElapsedMs`); split parts stay within it. */
  maxElapsedMs: number;
}

/** Sends `request` and delivers an outcome to each of its runs; never rejects. */
export async function sendRequest<L extends Load>(
  request: PlannedRequest<L>,
  context: SendContext<L>,
): Promise<void> {
  await send(request, context, { splittable: request.length > 1, started: Date.now() });
}

async function send<L extends Load>(
  request: PlannedRequest<L>,
  context: SendContext<L>,
  attempt: { splittable: boolean; started: number; deadlineError?: Error },
): Promise<void> {
  let answer: Awaited<ReturnType<typeof context.transport.request<Record<string, unknown>, unknown>>>;
  try {
    answer = await context.transport.request({
      document: batchDocument(request.length),
      variables: batchVariables(request.map((chunk) => partVariables(chunk, null))),
      signal: context.signal,
      runs: request.flatMap((chunk) => chunk.runs.map((planned) => planned.run.path)),
      project: request.length === 1 ? projectOf(request[0] as Chunk<L>) : undefined,
    });
  } catch (error) {
    if (context.signal.aborted) {
      return failAll(request, context, attempt.deadlineError ?? asError(error));
    }
    if (attempt.splittable && mayConcernOnePart(error))
      return sendPartsAlone(request, context, attempt, error);
    return failAll(request, context, asError(error));
  }
  const stray = answer.errors.filter((error) => !isPartAlias(error.path?.[0]));
  if (stray.length > 0) {
    const error = graphQLError(stray, answer.data, answer.operationName);
    if (attempt.splittable) return sendPartsAlone(request, context, attempt, error);
    return failAll(request, context, error);
  }
  await Promise.all(
    request.map((chunk, index) => {
      const alias = partAlias(index, request.length);
      return readPart(
        chunk,
        {
          project: answer.data?.[alias],
          errors:
            answer.errors.length === 0
              ? answer.errors
              : answer.errors.filter((error) => error.path?.[0] === alias),
          alias,
          operationName: answer.operationName,
        },
        context,
      );
    }),
  );
}

/** Each part of a failed request alone, once, within the deadline the whole request had. */
async function sendPartsAlone<L extends Load>(
  request: PlannedRequest<L>,
  context: SendContext<L>,
  attempt: { started: number },
  failure: unknown,
): Promise<void> {
  const error = asError(failure);
  const left = attempt.started + context.maxElapsedMs - Date.now();
  if (left <= 0) return failAll(request, context, error);
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(left)]);
  await Promise.all(
    request.map((chunk) =>
      send(
        [chunk],
        { ...context, signal },
        { splittable: false, started: attempt.started, deadlineError: error },
      ),
    ),
  );
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

function projectOf(chunk: Chunk<Load>): string {
  return `${chunk.entity}/${chunk.project}`;
}

function failAll<L extends Load>(request: PlannedRequest<L>, context: SendContext<L>, error: Error): void {
  for (const chunk of request) for (const planned of chunk.runs) context.deliver(planned, error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
