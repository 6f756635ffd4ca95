/**
 * What a command says when the run it was given does not exist but the argument names a project
 * ("acme/vision"): that a run is needed, with the form to write, rather than an entity or project
 * error about a run W&B never had. Costs one request, on that failure path only.
 */
import {
  InvalidArgumentError,
  ProjectNotFoundError,
  projectInfo,
  RunNotFoundError,
  type WandbClient,
} from "../index.js";
import { UsageError } from "./usage-error.js";

/**
 * `error` as the command should report it: a {@link UsageError} saying a run is needed when
 * `argument` reads as `entity/project` of a project the key can read, else `error` unchanged.
 */
export async function explainMissingRun(
  wb: WandbClient,
  argument: string,
  error: unknown,
  command: string,
): Promise<unknown> {
  const relevant =
    error instanceof RunNotFoundError ||
    error instanceof ProjectNotFoundError ||
    error instanceof InvalidArgumentError;
  const text = argument.trim().replace(/\/+$/, "");
  const parts = text.split("/");
  if (!relevant || /^https?:\/\//i.test(text) || text.includes(":") || parts.length !== 2) return error;
  try {
    const info = await projectInfo(wb.project(text));
    return new UsageError(
      `${command} needs a run, and ${info.path} is a project (${info.runCount} runs): name one as ` +
        `${info.path}/<runId> (or ${info.path}/runs/<runId>); \`wandb-query runs ${info.path}\` lists them`,
    );
  } catch {
    return error;
  }
}
