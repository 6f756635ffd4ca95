/** Turning an answer's `errors` and `null`s into the SDK's errors. */
import {
  type GraphQLErrorEntry,
  ProjectNotFoundError,
  RunNotFoundError,
  WandbGraphQLError,
} from "../errors.js";
import { formatRunPath, type ProjectRef, type RunRef } from "../paths.js";

interface Answer {
  data: unknown;
  errors: GraphQLErrorEntry[];
  operationName: string;
}

/** A WandbGraphQLError carrying the server's messages. */
export function graphQLError(
  errors: readonly GraphQLErrorEntry[],
  data: unknown,
  operation: string,
  runPath?: string,
): WandbGraphQLError {
  const where = runPath ? ` (run ${runPath})` : "";
  return new WandbGraphQLError(
    `${operation}${where}: ${errors.map((e) => e.message).join("; ")}`,
    errors,
    data,
    {
      operation,
      runPath,
    },
  );
}

/** Throws WandbGraphQLError when the answer carries `errors`. */
export function throwIfErrors(answer: Answer, runPath?: string): void {
  if (answer.errors.length > 0) throw graphQLError(answer.errors, answer.data, answer.operationName, runPath);
}

/** The project of an answer, or ProjectNotFoundError when the server answered null. */
export function requireProject<T>(project: T | null | undefined, ref: ProjectRef, operation: string): T {
  if (project === null || project === undefined) {
    throw new ProjectNotFoundError(`${ref.entity}/${ref.project}`, { operation });
  }
  return project;
}

/** The error for a run the server does not know. */
export function runNotFound(ref: RunRef, operation: string): RunNotFoundError {
  const runPath = formatRunPath(ref);
  return new RunNotFoundError(
    `run ${runPath} not found (it does not exist, or this API key may not read it)`,
    {
      operation,
      runPath,
    },
  );
}

/** The run of a `project { run(name:) }` answer, or the not-found error that fits. */
export function requireRun<R>(
  project: { run: R | null } | null | undefined,
  ref: RunRef,
  operation: string,
): R {
  const found = requireProject(project, ref, operation).run;
  if (found === null) throw runNotFound(ref, operation);
  return found;
}
