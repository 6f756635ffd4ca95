/** The `Project` handle: a project's coordinates, and a link to the client that made it. */
import { InvalidArgumentError } from "./errors.js";
import type { RunQuery, RunQueryOptions } from "./ops/run-query.js";
import type { ProjectRef } from "./paths.js";
import { describeNotHandle } from "./run.js";
import type { Transport } from "./transport/http-transport.js";

/** @internal What a handle carries besides its coordinates. */
export interface ProjectContext {
  transport: Transport;
  /** `client.runs()` of the same client. */
  runs(project: ProjectRef, options?: RunQueryOptions): RunQuery;
}

const contexts = new WeakMap<Project, ProjectContext>();

/**
 * A project, as `client.project(path)` or `client.fromPath(url)` hands it out. Making one sends
 * nothing; `projectInfo(project)`, `projectArtifactTypes(project)`, … fetch what they need.
 *
 * @example
 * ```ts
 * const project = wb.project("https://wandb.ai/acme/vision/workspace?nw=abc");
 * project.path; // "acme/vision"
 * ```
 */
export class Project {
  /** Entity (user or team) that owns the project. */
  readonly entity: string;
  /** Project name. */
  readonly name: string;
  /** `entity/name`. */
  readonly path: string;
  /** The project's page in the W&B app. */
  readonly url: string;

  /** @internal Use `client.project()`. */
  constructor(ref: ProjectRef, appUrl: string, context: ProjectContext) {
    this.entity = ref.entity;
    this.name = ref.project;
    this.path = `${ref.entity}/${ref.project}`;
    this.url = `${appUrl}/${encodeURIComponent(ref.entity)}/${encodeURIComponent(ref.project)}`;
    contexts.set(this, context);
  }

  toString(): string {
    return this.path;
  }
}

/** @internal The context of a handle; throws when `project` did not come from a client. */
export function projectContextOf(project: unknown, operation: string): ProjectContext {
  const context =
    typeof project === "object" && project !== null ? contexts.get(project as Project) : undefined;
  if (!context) {
    const got = describeNotHandle(project, "Project", "client.project");
    throw new InvalidArgumentError(`${operation} expects a Project from client.project(path), got ${got}`, {
      operation,
    });
  }
  return context;
}
