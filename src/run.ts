/** The `Run` handle: a run's coordinates, and a link to the client that made it. */
import { InvalidArgumentError } from "./errors.js";
import type { FileClient } from "./files/file-client.js";
import type { RunLoader } from "./loaders/run-loader.js";
import type { SweepLoader } from "./loaders/sweep-loader.js";
import type { ResolvedOptions } from "./options.js";
import { formatRunPath, type RunRef } from "./paths.js";
import type { Transport } from "./transport/http-transport.js";
import type { LightFields } from "./wire/run-fields.js";

/** @internal What a handle carries besides its coordinates. */
export interface RunContext {
  loader: RunLoader;
  sweeps: SweepLoader;
  transport: Transport;
  options: ResolvedOptions;
  /** Downloads of the run's files. */
  files: FileClient;
  /** Light fields of the runs page that yielded this handle. */
  primed?: LightFields | undefined;
}

/** Reads a handle's context; set by the class's static block, the only code that sees `#context`. */
let readContext: (value: object) => RunContext | undefined;

/**
 * A run, as `client.run(path)` or `client.runs(project)` hands it out. Making one sends nothing;
 * the run operations (`runConfig(run)`, …) fetch what they need.
 *
 * @example
 * ```ts
 * const run = wb.run("https://wandb.ai/acme/vision/runs/1mbku38n?workspace=user-jd");
 * run.path; // "acme/vision/1mbku38n"
 * run.id;   // "1mbku38n" (the ID in the URL; runName(run) is the display name)
 * run.url;  // "https://wandb.ai/acme/vision/runs/1mbku38n"
 * ```
 */
export class Run implements RunRef {
  /** Entity (user or team) that owns the project. */
  readonly entity: string;
  /** Project name. */
  readonly project: string;
  /** The run ID of its URL (GraphQL `Run.name`), e.g. `"1mbku38n"`. */
  readonly id: string;
  /** `entity/project/id`. */
  readonly path: string;
  /** The run's page in the W&B app. */
  readonly url: string;

  /** @internal Use `client.run()`. */
  constructor(ref: RunRef, url: string, context: RunContext) {
    this.entity = ref.entity;
    this.project = ref.project;
    this.id = ref.id;
    this.path = formatRunPath(ref);
    this.url = url;
    this.#context = context;
  }

  // A private field keeps the context out of what a handle logs, inspects and serializes (its
  // coordinates only). It was a WeakMap beside the class: an entry per handle made every garbage
  // collection walk the table, and a 100,000-run listing paid for it (bench: streaming).
  readonly #context: RunContext;

  static {
    readContext = (value) => (#context in value ? (value as Run).#context : undefined);
  }

  toString(): string {
    return this.path;
  }
}

/** @internal The context of a handle; throws when `run` did not come from a client. */
export function contextOf(run: unknown, operation: string): RunContext {
  const context = typeof run === "object" && run !== null ? readContext(run) : undefined;
  if (!context) {
    const got = describeNotHandle(run, "Run", "client.run");
    throw new InvalidArgumentError(
      `${operation} expects a Run from client.run(path) or client.runs(project), got ${got}`,
      { operation },
    );
  }
  return context;
}

/** @internal What was passed where a handle belongs, with how to make one from a string. */
export function describeNotHandle(
  value: unknown,
  handle: "Run" | "Artifact" | "Project" | "Sweep",
  factory: string,
): string {
  if (value === null) return "null";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value)} (pass ${factory}(${JSON.stringify(value)}))`;
  return typeof value === "object"
    ? `an object that is not ${handle === "Artifact" ? "an" : "a"} ${handle} handle`
    : typeof value;
}
