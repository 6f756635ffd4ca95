/** The `Sweep` handle: a sweep's coordinates, and a link to the client that made it. */
import { InvalidArgumentError } from "./errors.js";
import type { SweepLoader } from "./loaders/sweep-loader.js";
import type { RunQuery, RunQueryOptions } from "./ops/run-query.js";
import type { ProjectRef } from "./paths.js";
import { describeNotHandle } from "./run.js";

/** A sweep's coordinates. `id` is the sweep ID of its URL (GraphQL `Sweep.name`). */
export interface SweepRef {
  entity: string;
  project: string;
  id: string;
}

/** @internal What a handle carries besides its coordinates. */
export interface SweepContext {
  sweeps: SweepLoader;
  /** `client.runs()` of the same client. */
  runs(project: ProjectRef, options?: RunQueryOptions): RunQuery;
}

const contexts = new WeakMap<Sweep, SweepContext>();

/**
 * A sweep, as `client.sweep(path)` or `client.fromPath(url)` hands it out. Making one sends
 * nothing; `sweepInfo(sweep)`, `sweepRuns(sweep)` and `sweepBestRun(sweep)` fetch what they need.
 *
 * @example
 * ```ts
 * const sweep = wb.sweep("https://wandb.ai/acme/vision/sweeps/k3j2h1g0?workspace=user-jd");
 * sweep.path; // "acme/vision/k3j2h1g0"
 * ```
 */
export class Sweep implements SweepRef {
  /** Entity (user or team) that owns the project. */
  readonly entity: string;
  /** Project name. */
  readonly project: string;
  /** The sweep ID of its URL (GraphQL `Sweep.name`, a run's `sweepName`), e.g. `"k3j2h1g0"`. */
  readonly id: string;
  /** `entity/project/id`. */
  readonly path: string;
  /** The sweep's page in the W&B app. */
  readonly url: string;

  /** @internal Use `client.sweep()`. */
  constructor(ref: SweepRef, appUrl: string, context: SweepContext) {
    this.entity = ref.entity;
    this.project = ref.project;
    this.id = ref.id;
    this.path = `${ref.entity}/${ref.project}/${ref.id}`;
    const parts = [ref.entity, ref.project, "sweeps", ref.id].map((part, i) =>
      i === 2 ? part : encodeURIComponent(part),
    );
    this.url = `${appUrl}/${parts.join("/")}`;
    contexts.set(this, context);
  }

  toString(): string {
    return this.path;
  }
}

/** @internal The context of a handle; throws when `sweep` did not come from a client. */
export function sweepContextOf(sweep: unknown, operation: string): SweepContext {
  const context = typeof sweep === "object" && sweep !== null ? contexts.get(sweep as Sweep) : undefined;
  if (!context) {
    const got = describeNotHandle(sweep, "Sweep", "client.sweep");
    throw new InvalidArgumentError(`${operation} expects a Sweep from client.sweep(path), got ${got}`, {
      operation,
    });
  }
  return context;
}
