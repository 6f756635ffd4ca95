/** Turning an answer's `errors` and `null`s into the SDK's errors. */
import { ProjectNotFoundError, RunNotFoundError, WandbGraphQLError, } from "../errors.js";
import { formatRunPath } from "../paths.js";
/** A WandbGraphQLError carrying the server's messages. */
export function graphQLError(errors, data, operation, runPath) {
    const where = runPath ? ` (run ${runPath})` : "";
    return new WandbGraphQLError(`${operation}${where}: ${errors.map((e) => e.message).join("; ")}`, errors, data, {
        operation,
        runPath,
    });
}
/** Throws WandbGraphQLError when the answer carries `errors`. */
export function throwIfErrors(answer, runPath) {
    if (answer.errors.length > 0)
        throw graphQLError(answer.errors, answer.data, answer.operationName, runPath);
}
/** The project of an answer, or ProjectNotFoundError when the server answered null. */
export function requireProject(project, ref, operation) {
    if (project === null || project === undefined) {
        throw new ProjectNotFoundError(`${ref.entity}/${ref.project}`, { operation });
    }
    return project;
}
/** The error for a run the server does not know. */
export function runNotFound(ref, operation) {
    const runPath = formatRunPath(ref);
    return new RunNotFoundError(`run ${runPath} not found (it does not exist, or this API key may not read it)`, {
        operation,
        runPath,
    });
}
/** The run of a `project { run(name:) }` answer, or the not-found error that fits. */
export function requireRun(project, ref, operation) {
    const found = requireProject(project, ref, operation).run;
    if (found === null)
        throw runNotFound(ref, operation);
    return found;
}
//# sourceMappingURL=answers.js.map