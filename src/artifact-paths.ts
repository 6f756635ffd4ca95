/**
 * Artifact version names as W&B users write them: `entity/project/name:alias`,
 * `project/name:alias`, `name:alias`, or a bare `name` (meaning `latest`). One parser serves
 * `client.artifact(path)`, `runLoggedArtifactVersion`, `runUsedArtifactVersion` and the CLI.
 */
import { InvalidArgumentError } from "./errors.js";
import type { PathDefaults } from "./paths.js";

/** A version's name as written: the qualifier is optional, the alias is `latest` when absent. */
export interface ArtifactName {
  entity?: string | undefined;
  project?: string | undefined;
  /** The collection name, e.g. `"model"`. */
  name: string;
  /** `"latest"`, `"v3"`, `"production"`, … */
  alias: string;
}

/** A version's name with its entity and project known. */
export interface ArtifactRef {
  entity: string;
  project: string;
  /** The collection name, e.g. `"model"`. */
  name: string;
  /** `"latest"`, `"v3"`, `"production"`, … */
  alias: string;
}

/** What `client.artifact()` accepts. */
export type ArtifactPathInput = string | ArtifactRef;

/** The forms accepted, for messages. */
export const artifactNameForms =
  'accepted forms: "entity/project/name:alias", "project/name:alias", "name:alias", or "name" ' +
  '(meaning name:latest), e.g. "acme/vision/model:production", "model:v3"';

// Entity, project and collection names never hold whitespace, "/", ":", "?", "#" or "\"; an alias
// may hold "/" (W&B cuts the name at the first ":" and keeps the rest whole) but no whitespace.
const segmentPattern = /^[^\s/:?#\\]+$/;
const aliasPattern = /^[^\s]+$/;

function isSegment(value: unknown): value is string {
  return typeof value === "string" && segmentPattern.test(value) && value !== "." && value !== "..";
}

function isAlias(value: unknown): value is string {
  return typeof value === "string" && aliasPattern.test(value);
}

/**
 * Parses `[[entity/]project/]name[:alias]` as W&B's `ArtifactPath.from_str` does: cut at the first
 * `:` (no colon means `latest`), then the part before it has one, two or three `/`-separated
 * names. Throws {@link InvalidArgumentError} naming the accepted forms for anything else: an empty
 * name, an empty alias (`"model:"`), four names (`"a/b/c/d:v1"`), whitespace.
 *
 * @param text - The name as written.
 * @param what - What the name is for, to start the error message (an operation or a flag).
 */
export function parseArtifactName(text: unknown, what: string): ArtifactName {
  const fail = (): never => {
    throw new InvalidArgumentError(
      `${what}: cannot read artifact name ${safeRender(text)}; ${artifactNameForms}`,
      { operation: what },
    );
  };
  if (typeof text !== "string") return fail();
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const qualified = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const alias = colon < 0 ? "latest" : trimmed.slice(colon + 1);
  const parts = qualified.split("/");
  if (parts.length > 3 || !parts.every(isSegment) || !isAlias(alias)) return fail();
  const name = parts.at(-1) as string;
  if (parts.length === 3) return { entity: parts[0], project: parts[1], name, alias };
  if (parts.length === 2) return { project: parts[0], name, alias };
  return { name, alias };
}

/**
 * A version's full coordinates: `input` parsed (or checked, when an object), its missing entity
 * and project taken from `defaults`. Throws {@link InvalidArgumentError} when one is still missing.
 */
export function resolveArtifactPath(input: ArtifactPathInput, defaults: PathDefaults): ArtifactRef {
  if (typeof input === "object" && input !== null) {
    const { entity, project, name, alias } = input;
    if (isSegment(entity) && isSegment(project) && isSegment(name) && isAlias(alias)) {
      return { entity, project, name, alias };
    }
    throw new InvalidArgumentError(
      `artifact ${safeRender(input)} needs entity, project, name and alias; ${artifactNameForms}`,
    );
  }
  const parsed = parseArtifactName(input, "artifact");
  const entity = parsed.entity ?? defaults.entity;
  const project = parsed.project ?? defaults.project;
  if (project === undefined || entity === undefined) {
    const missing = project === undefined ? "project" : "entity";
    throw new InvalidArgumentError(
      `artifact ${JSON.stringify(input)} names no ${missing} and no default ${missing} is set ` +
        `(options.${missing} or WANDB_${missing.toUpperCase()}); ${artifactNameForms}`,
    );
  }
  return { entity, project, name: parsed.name, alias: parsed.alias };
}

/** `entity/project/name:alias`. */
export function formatArtifactPath(ref: ArtifactRef): string {
  return `${ref.entity}/${ref.project}/${ref.name}:${ref.alias}`;
}

function safeRender(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
