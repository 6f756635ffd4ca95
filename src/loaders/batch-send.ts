/**
 * One planned request of run fields on the wire, and what a failure of the whole request means.
 *
 * A request that carries several projects' parts and fails as a whole (an HTTP error after the
 * transport's retries, or GraphQL errors that point at no part) is split: each part goes out once
 * more alone, within what is left of the deadline, so one project cannot fail another's callers.
 *
 * HTTP 403 is the API key's refusal only when W&B also refuses the key's own `viewer`: W&B answers
 * 403 for a key it does not accept, and also for a project the key may not read. When `viewer`
 * answers, the key is good and the 403 was the project's: its callers get a ProjectNotFoundError
 * naming that project, with status 403 and the server's refusal as its cause.
 */
import { ProjectNotFoundError, WandbAuthError, WandbGraphQLError, WandbResponseError } from "../errors.js";
import { graphQLError } from "./answers.js";
import { type PartContext, readPart } from "./batch-answer.js";
import { batchDocument, batchVariables, isPartAlias, partAlias } from "./batch-document.js";
import { type Chunk, type Load, type PlannedRequest, partVariables } from "./batch-plan.js";

/** What sending a request needs besides the request. */
export interface SendContext<L extends Load> extends PartContext<L> {
  /** Whether W&B accepts the API key (its `viewer` answers); asked after an HTTP 403. */
  keyAccepted(): Promise<boolean>;
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
    });
  } catch (error) {
    if (context.signal.aborted) {
      return failAll(request, context, attempt.deadlineError ?? asError(error));
    }
    if (attempt.splittable && mayConcernOnePart(error))
      return sendPartsAlone(request, context, attempt, error);
    return failAll(request, context, await explainRefusal(error, request, context));
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

/** A 403 on a request of one project: the key's refusal, or the project's (see the module note). */
async function explainRefusal<L extends Load>(
  error: unknown,
  request: PlannedRequest<L>,
  context: SendContext<L>,
): Promise<Error> {
  const chunk = request.length === 1 ? (request[0] as Chunk<L>) : undefined;
  if (!(error instanceof WandbAuthError) || error.status !== 403 || !chunk) return asError(error);
  if (!(await context.keyAccepted())) return error;
  return new ProjectNotFoundError(
    `${chunk.entity}/${chunk.project}`,
    { operation: error.operation, status: 403, cause: error },
    "W&B refused it with HTTP 403 while it accepts the API key",
  );
}

function failAll<L extends Load>(request: PlannedRequest<L>, context: SendContext<L>, error: Error): void {
  for (const chunk of request) for (const planned of chunk.runs) context.deliver(planned, error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
