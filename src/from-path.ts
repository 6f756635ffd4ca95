/**
 * Any W&B path or app URL read as what it names: a run, a sweep, an artifact version or a project.
 * Pure: the entity may still be missing (the client then asks for the key's default entity).
 */
import { artifactNameForms, parseArtifactName } from "./artifact-paths.js";
import { InvalidArgumentError } from "./errors.js";
import { type PathDefaults, parseProjectPathParts, parseRunPathParts } from "./paths.js";

/** What a path names, before the default entity is filled in. */
export type PathTarget =
  | { kind: "run"; entity: string | undefined; project: string; id: string }
  | { kind: "sweep"; entity: string | undefined; project: string; id: string }
  | { kind: "artifact"; entity: string | undefined; project: string; name: string; alias: string }
  | { kind: "project"; entity: string | undefined; project: string };

/** The forms, for messages. */
export const fromPathForms =
  'accepted forms: W&B app URLs of a run (".../entity/project/runs/runId"), a sweep ' +
  '(".../entity/project/sweeps/sweepId"), an artifact version (".../entity/project/artifacts/type/name/v3") ' +
  'or a project (".../entity/project", any page of it); and paths as W&B\'s Python client reads them: ' +
  '"entity/project/runs/runId", "entity/project/sweeps/sweepId", "entity/project/runId", ' +
  '"entity/project:runId", "project:runId", "entity/project/name:alias" (an artifact), ' +
  '"entity/project" or "project"';

// Entity, project, run and sweep names: no whitespace, slashes, "?", "#", "\" or ":".
const segmentPattern = /^[^\s/?#\\:]+$/;

function isSegment(value: unknown): value is string {
  return typeof value === "string" && segmentPattern.test(value) && value !== "." && value !== "..";
}

/**
 * Reads a path or URL. URLs: `/entity/project/runs/<id>`, `/sweeps/<id>`,
 * `/artifacts/<type>/<name>[/<version>]` (no version means `latest`), and any other page of a
 * project (`/workspace`, `/overview`, `/table`, `/runs`, `/sweeps`, `/artifacts`…) as the project;
 * the query (`?workspace=…`) and fragment are ignored. Paths as W&B's Python client's
 * `Api.from_path` reads them: one or two names are a project, three a run (or, with a `:`, an
 * artifact version), `entity/project/runs/<id>` and `entity/project/sweeps/<id>`; plus the run forms
 * `entity/project:id` and `project:id`. Throws {@link InvalidArgumentError} for anything else.
 */
export function parsePathTarget(input: unknown, defaults: PathDefaults = {}): PathTarget {
  if (typeof input !== "string")
    throw new InvalidArgumentError(`fromPath expects a string; ${fromPathForms}`);
  const text = input.trim();
  const fail = (why: string): never => {
    throw new InvalidArgumentError(
      `fromPath: cannot read ${JSON.stringify(input)}: ${why}; ${fromPathForms}`,
      {
        operation: "fromPath",
      },
    );
  };
  if (/^https?:\/\//i.test(text)) return urlTarget(text, fail);
  const parts = text.replace(/^\/+|\/+$/g, "").split("/");
  const last = parts.at(-1) ?? "";
  if (parts.length === 4 && (parts[2] === "runs" || parts[2] === "sweeps")) {
    const [entity, project, , id] = parts;
    if (!isSegment(entity) || !isSegment(project) || !isSegment(id)) return fail("a name is not valid");
    return { kind: parts[2] === "runs" ? "run" : "sweep", entity, project, id };
  }
  if (parts.length >= 4 && parts[2] === "artifacts") return artifactTarget(parts, fail);
  if (parts.length === 3 && last.includes(":")) {
    const name = parseArtifactName(parts.join("/"), "fromPath");
    return {
      kind: "artifact",
      entity: name.entity,
      project: name.project as string,
      name: name.name,
      alias: name.alias,
    };
  }
  if (parts.length === 3 || last.includes(":")) return { kind: "run", ...parseRunPathParts(text, defaults) };
  if (parts.length <= 2) return { kind: "project", ...parseProjectPathParts(text, defaults) };
  return fail("too many parts");
}

function urlTarget(text: string, fail: (why: string) => never): PathTarget {
  let parts: string[];
  try {
    parts = new URL(text).pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return fail("not a URL");
  }
  const [entity, project, page, id] = parts;
  if (!isSegment(entity) || !isSegment(project)) return fail("a W&B URL starts with /entity/project");
  if ((page === "runs" || page === "sweeps") && id !== undefined) {
    if (!isSegment(id)) return fail(`${JSON.stringify(id)} is not a ${page === "runs" ? "run" : "sweep"} ID`);
    return { kind: page === "runs" ? "run" : "sweep", entity, project, id };
  }
  if (page === "artifacts" && parts.length >= 5) return artifactTarget(parts, fail);
  if (page === "reports") return fail("reports are not read by wandb-query");
  return { kind: "project", entity, project };
}

/** `entity/project/artifacts/<type>/<name>[/<version or alias>][/<tab>…]`. */
function artifactTarget(parts: string[], fail: (why: string) => never): PathTarget {
  const [entity, project, , type, name, version] = parts;
  if (!isSegment(entity) || !isSegment(project) || !isSegment(type) || !isSegment(name)) {
    return fail(`an artifact URL is .../entity/project/artifacts/type/name/version; ${artifactNameForms}`);
  }
  const alias = version ?? "latest";
  if (/\s/.test(alias) || alias === "") return fail(`${JSON.stringify(alias)} is not a version or alias`);
  return { kind: "artifact", entity, project, name, alias };
}
