/** Run and project paths, run page URLs, and the app URL that belongs to an API base URL. */
import { InvalidArgumentError } from "./errors.js";

/** A run's coordinates. `id` is the run ID of its URL (GraphQL `Run.name`). */
export interface RunRef {
  entity: string;
  project: string;
  id: string;
}

/** A project's coordinates. */
export interface ProjectRef {
  entity: string;
  project: string;
}

/** What `client.run()` accepts. */
export type RunPathInput = string | RunRef;

/** A run as the operations hand it over: its coordinates and its `entity/project/id` path. */
export type RunHandle = RunRef & { readonly path: string };

export interface PathDefaults {
  entity?: string | undefined;
  project?: string | undefined;
}

/** The run path forms, for messages. */
export const runPathForms =
  'accepted forms: "entity/project/runId", "entity/project/runs/runId", "entity/project:runId", a ' +
  'run page URL "https://wandb.ai/entity/project/runs/runId", "project/runId", "project:runId" or ' +
  '"runId" (with the entity and project defaults from options or WANDB_ENTITY / WANDB_PROJECT), ' +
  "or { entity, project, id }";

const projectPathForms =
  'accepted forms: "entity/project", a project URL "https://wandb.ai/entity/project", or "project" ' +
  "(with the entity default from options or WANDB_ENTITY)";

// Entity, project and run names are W&B identifiers; whitespace, slashes, "?" and "#" never occur
// in them, and letting them through would build a wrong filter or URL.
const segmentPattern = /^[^\s/?#\\]+$/;

function isSegment(value: unknown): value is string {
  return typeof value === "string" && segmentPattern.test(value) && value !== "." && value !== "..";
}

function splitUrlPath(text: string): string[] | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  try {
    return url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return [];
  }
}

/** A run path as written: the entity may still be missing (it is then the key's default entity). */
export interface RunPathParts {
  entity: string | undefined;
  project: string;
  id: string;
}

/**
 * Reads a run path or URL as W&B's Python client does (`Api._parse_path`): `entity/project/runId`,
 * `entity/project/runs/runId`, `entity/project:runId`, `project/runId`, `project:runId`, `runId`, a
 * run page URL, each with an optional trailing slash. Missing parts come from `defaults`; the
 * entity may stay missing. Throws {@link InvalidArgumentError} at once for anything else.
 */
export function parseRunPathParts(input: RunPathInput, defaults: PathDefaults = {}): RunPathParts {
  if (typeof input === "object" && input !== null) {
    const { entity, project, id } = input;
    if (isSegment(entity) && isSegment(project) && isSegment(id)) return { entity, project, id };
    throw new InvalidArgumentError(
      `run ${safeRender(input)} needs entity, project and id names; ${runPathForms}`,
    );
  }
  if (typeof input !== "string") {
    throw new InvalidArgumentError(`run path must be a string or { entity, project, id }; ${runPathForms}`);
  }
  const text = input.trim();
  const urlParts = splitUrlPath(text);
  let parts: string[];
  if (urlParts !== undefined) {
    // A run page: /entity/project/runs/runId, possibly followed by a tab (/overview, /logs, …).
    if (urlParts.length >= 4 && urlParts[2] === "runs") parts = urlParts.slice(0, 4);
    else throw new InvalidArgumentError(`${JSON.stringify(input)} is not a run page URL; ${runPathForms}`);
  } else {
    parts = text.replace(/\/+$/, "").split("/");
  }
  if (parts.length === 4 && parts[2] === "runs") parts = [parts[0], parts[1], parts[3]] as string[];
  // "entity/project/runs/" is the runs table of a project, not a run named "runs".
  else if (parts.length === 3 && parts[2] === "runs") parts = [];
  const unreadable = () =>
    new InvalidArgumentError(`cannot read run path ${JSON.stringify(input)}; ${runPathForms}`);
  let ref: { entity: string | undefined; project: string | undefined; id: string | undefined };
  const last = parts.at(-1) ?? "";
  const colon = urlParts === undefined && parts.length <= 2 ? last.indexOf(":") : -1;
  if (colon >= 0) {
    // Docker style, as W&B's client reads it: "entity/project:runId" and "project:runId".
    const project = last.slice(0, colon);
    const id = last.slice(colon + 1);
    ref = { entity: parts.length === 2 ? parts[0] : defaults.entity, project, id };
  } else if (parts.length === 3) ref = { entity: parts[0], project: parts[1], id: parts[2] };
  else if (parts.length === 2) ref = { entity: defaults.entity, project: parts[0], id: parts[1] };
  else if (parts.length === 1) ref = { entity: defaults.entity, project: defaults.project, id: parts[0] };
  else throw unreadable();
  if (!isSegment(ref.id) || ref.id.includes(":")) throw unreadable();
  if (ref.project === undefined) {
    throw new InvalidArgumentError(
      `run path ${JSON.stringify(input)} names no project and no default project is set ` +
        `(options.project or WANDB_PROJECT); ${runPathForms}`,
    );
  }
  if (!isSegment(ref.project) || ref.project.includes(":")) throw unreadable();
  if (ref.entity !== undefined && !isSegment(ref.entity)) throw unreadable();
  return { entity: ref.entity, project: ref.project, id: ref.id };
}

/**
 * Parses a run path or URL into a {@link RunRef} ({@link parseRunPathParts}'s forms); throws
 * {@link InvalidArgumentError} at once, also when no entity is named or set by default.
 */
export function parseRunPath(input: RunPathInput, defaults: PathDefaults = {}): RunRef {
  const parts = parseRunPathParts(input, defaults);
  if (parts.entity === undefined) {
    throw new InvalidArgumentError(
      `run path ${JSON.stringify(input)} names no entity and no default entity is set ` +
        "(options.entity or WANDB_ENTITY); client.run() cannot ask W&B for the key's default " +
        "entity without waiting: use `await client.resolveRun(path)` or `await client.fromPath(path)`, " +
        `which do; ${runPathForms}`,
    );
  }
  return { entity: parts.entity, project: parts.project, id: parts.id };
}

/** A project path as written: the entity may still be missing. */
export interface ProjectPathParts {
  entity: string | undefined;
  project: string;
}

/**
 * Reads `entity/project`, a project URL (any page of it), or a bare project name completed with the
 * default entity, which may stay missing. A trailing slash is allowed.
 */
export function parseProjectPathParts(input: string, defaults: PathDefaults = {}): ProjectPathParts {
  if (typeof input !== "string")
    throw new InvalidArgumentError(`project path must be a string; ${projectPathForms}`);
  const text = input.trim();
  const urlParts = splitUrlPath(text);
  const parts = urlParts !== undefined ? urlParts.slice(0, 2) : text.replace(/\/+$/, "").split("/");
  if (urlParts !== undefined && urlParts.length < 2) {
    throw new InvalidArgumentError(`${JSON.stringify(input)} is not a project URL; ${projectPathForms}`);
  }
  const [first, second] = parts;
  const ref =
    parts.length === 2
      ? { entity: first, project: second }
      : parts.length === 1
        ? { entity: defaults.entity, project: first }
        : undefined;
  if (
    !ref ||
    !isSegment(ref.project) ||
    ref.project.includes(":") ||
    (ref.entity !== undefined && !isSegment(ref.entity))
  ) {
    throw new InvalidArgumentError(`cannot read project path ${JSON.stringify(input)}; ${projectPathForms}`);
  }
  return { entity: ref.entity, project: ref.project };
}

/** An entity name as given, checked; throws {@link InvalidArgumentError} naming `operation`. */
export function checkEntityName(entity: unknown, operation: string): string {
  if (!isSegment(entity) || entity.includes(":")) {
    throw new InvalidArgumentError(`${operation}: entity must be a name without spaces, "/" or ":"`, {
      operation,
    });
  }
  return entity;
}

/** Parses `entity/project`, a project URL, or a bare project name completed with the default entity. */
export function parseProjectPath(input: string, defaults: PathDefaults = {}): ProjectRef {
  const parts = parseProjectPathParts(input, defaults);
  if (parts.entity === undefined) {
    throw new InvalidArgumentError(
      `project path ${JSON.stringify(input)} names no entity and no default entity is set ` +
        `(options.entity or WANDB_ENTITY); ${projectPathForms}`,
    );
  }
  return { entity: parts.entity, project: parts.project };
}

/** `entity/project/id`. */
export function formatRunPath(ref: RunRef): string {
  return `${ref.entity}/${ref.project}/${ref.id}`;
}

/**
 * The W&B app's URL for an API base URL, as W&B's own client derives it: `api.wandb.ai` becomes
 * `wandb.ai`, any other `api.` host becomes `app.`, anything else stays as it is.
 */
export function appUrlFor(baseUrl: URL, override?: string): string {
  if (override) return override.replace(/\/+$/, "");
  const base = baseUrl.href.replace(/\/+$/, "");
  if (base.includes("://api.wandb.")) return base.replace("://api.wandb.", "://wandb.");
  if (base.includes("://api.")) return base.replace("://api.", "://app.");
  return base;
}

/** The run's page in the W&B app. */
export function runPageUrl(appUrl: string, ref: RunRef): string {
  return `${appUrl}/${encodeURIComponent(ref.entity)}/${encodeURIComponent(ref.project)}/runs/${encodeURIComponent(ref.id)}`;
}

function safeRender(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
