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

const runPathForms =
  'accepted forms: "entity/project/runId", "entity/project/runs/runId", a run page URL ' +
  '"https://wandb.ai/entity/project/runs/runId", "project/runId" or "runId" (with the entity and ' +
  "project defaults from options or WANDB_ENTITY / WANDB_PROJECT), or { entity, project, id }";

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

/** Parses a run path or URL into a {@link RunRef}; throws {@link InvalidArgumentError} at once. */
export function parseRunPath(input: RunPathInput, defaults: PathDefaults = {}): RunRef {
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
    parts = text.split("/");
  }
  if (parts.length === 4 && parts[2] === "runs") parts = [parts[0], parts[1], parts[3]] as string[];
  let ref: { entity: string | undefined; project: string | undefined; id: string | undefined };
  if (parts.length === 3) ref = { entity: parts[0], project: parts[1], id: parts[2] };
  else if (parts.length === 2) ref = { entity: defaults.entity, project: parts[0], id: parts[1] };
  else if (parts.length === 1) ref = { entity: defaults.entity, project: defaults.project, id: parts[0] };
  else throw new InvalidArgumentError(`cannot read run path ${JSON.stringify(input)}; ${runPathForms}`);
  if (!isSegment(ref.id))
    throw new InvalidArgumentError(`cannot read run path ${JSON.stringify(input)}; ${runPathForms}`);
  if (ref.project === undefined || ref.entity === undefined) {
    const missing = ref.project === undefined ? "project" : "entity";
    throw new InvalidArgumentError(
      `run path ${JSON.stringify(input)} names no ${missing} and no default ${missing} is set ` +
        `(options.${missing} or WANDB_${missing.toUpperCase()}); ${runPathForms}`,
    );
  }
  if (!isSegment(ref.entity) || !isSegment(ref.project)) {
    throw new InvalidArgumentError(`cannot read run path ${JSON.stringify(input)}; ${runPathForms}`);
  }
  return { entity: ref.entity, project: ref.project, id: ref.id };
}

/** Parses `entity/project`, a project URL, or a bare project name completed with the default entity. */
export function parseProjectPath(input: string, defaults: PathDefaults = {}): ProjectRef {
  if (typeof input !== "string")
    throw new InvalidArgumentError(`project path must be a string; ${projectPathForms}`);
  const text = input.trim();
  const urlParts = splitUrlPath(text);
  const parts = urlParts !== undefined ? urlParts.slice(0, 2) : text.split("/");
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
  if (ref && ref.entity === undefined && isSegment(ref.project)) {
    throw new InvalidArgumentError(
      `project path ${JSON.stringify(input)} names no entity and no default entity is set ` +
        `(options.entity or WANDB_ENTITY); ${projectPathForms}`,
    );
  }
  if (!ref || !isSegment(ref.entity) || !isSegment(ref.project)) {
    throw new InvalidArgumentError(`cannot read project path ${JSON.stringify(input)}; ${projectPathForms}`);
  }
  return { entity: ref.entity, project: ref.project };
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
