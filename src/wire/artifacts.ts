/**
 * Artifact versions as W&B sends them (`ArtifactFields`) mapped to {@link ArtifactVersion}, and a
 * run's used versions to {@link UsedArtifactVersion}.
 */
import type { ArtifactFieldsFragment } from "../_generated/graphql.js";
import { WandbResponseError } from "../errors.js";
import { readJsonObject, readTime } from "./fields.js";
import type { JsonObject } from "./json.js";

/**
 * One version of an artifact, as logged or used by a run.
 *
 * @example
 * ```ts
 * const model = await runLoggedArtifactVersion(run, "model:latest");
 * // { name: "model", version: 5, alias: "latest", aliases: ["latest", "best"], type: "model",
 * //   size: 98566144, qualifiedName: "acme/vision/model:v5", createdAt: Date, metadata: {…}, … }
 * if (model) console.log(`${model.name}:v${model.version} (${model.size} bytes)`);
 * ```
 */
export interface ArtifactVersion {
  /** GraphQL id. */
  id: string;
  /** The collection (sequence) name, e.g. `"model"`. */
  name: string;
  /** The version index; `v${version}` is its version alias. */
  version: number;
  /** `"latest"` if the version carries it, else its first other alias, else `"v" + version`. */
  alias: string;
  /** Aliases within its own collection, without `vN` ones. */
  aliases: string[];
  /** Artifact type name, e.g. `"model"`. */
  type: string;
  /** Bytes. */
  size: number;
  fileCount: number;
  digest: string;
  /** `PENDING`, `COMMITTED` or `DELETED`. */
  state: string;
  description: string | null;
  createdAt: Date;
  /** Parsed metadata (`{}` when none). */
  metadata: JsonObject;
  /** Entity of its collection. */
  entity: string;
  /** Project of its collection. */
  project: string;
  /** `entity/project/name:vN`. */
  qualifiedName: string;
}

/**
 * One version a run used: an {@link ArtifactVersion} plus the names the run used it under.
 *
 * @example
 * ```ts
 * const inputs = await runUsedArtifactVersions(run);
 * // [{ name: "imagenet", version: 3, qualifiedName: "acme/vision/imagenet:v3", usedAs: ["train-data"], … }]
 * for (const input of inputs) console.log(input.qualifiedName, input.usedAs.join(", "));
 * ```
 */
export interface UsedArtifactVersion extends ArtifactVersion {
  /**
   * The names the run used this version under (W&B's `InputArtifactEdge.usedAs`), in W&B's
   * order. Often empty: W&B's Python client sends one only when `use_as` is given (the public
   * API's `Run.use_artifact` sends the artifact's name when none is).
   */
  usedAs: string[];
}

const versionAlias = /^v\d+$/;

/**
 * Maps one artifact node. Returns undefined for the nodes W&B's own client skips: a collection
 * without a project (not visible to this key), and a version without an index (still being
 * written).
 */
export function toArtifactVersion(
  node: ArtifactFieldsFragment,
  source: { runPath: string; operation: string },
): ArtifactVersion | undefined {
  const sequence = node.artifactSequence;
  const project = sequence.project;
  if (!project || node.versionIndex === null) return undefined;
  const entity = project.entity.name;
  // aliases spans every collection the version belongs to. A version is logged in exactly one
  // ArtifactSequence, so an alias whose collection is a sequence is an alias of this version's own
  // collection; registry links are ArtifactPortfolios, and their aliases do not describe it here.
  const aliases: string[] = [];
  for (const { alias, artifactCollection } of node.aliases) {
    if (
      artifactCollection?.__typename === "ArtifactSequence" &&
      artifactCollection.name === sequence.name &&
      !versionAlias.test(alias)
    ) {
      aliases.push(alias);
    }
  }
  const version = node.versionIndex;
  return {
    id: node.id,
    name: sequence.name,
    version,
    alias: aliases.includes("latest") ? "latest" : (aliases[0] ?? `v${version}`),
    aliases,
    type: node.artifactType.name,
    size: node.size,
    fileCount: node.fileCount,
    digest: node.digest,
    state: node.state,
    description: node.description,
    createdAt: readTime(node.createdAt, { field: "artifact.createdAt", ...source }),
    metadata: readJsonObject(node.metadata, { field: "artifact.metadata", ...source }),
    entity,
    project: project.name,
    qualifiedName: `${entity}/${project.name}/${sequence.name}:v${version}`,
  };
}

/**
 * One of a run's used versions: {@link toArtifactVersion} plus the edge's `usedAs`. A `usedAs` that
 * is not a list of strings (the schema promises one) is a WandbResponseError.
 */
export function toUsedArtifactVersion(
  edge: { node: ArtifactFieldsFragment; usedAs: readonly string[] },
  source: { runPath: string; operation: string },
): UsedArtifactVersion | undefined {
  const version = toArtifactVersion(edge.node, source) as UsedArtifactVersion | undefined;
  if (!version) return undefined;
  const usedAs: unknown = edge.usedAs;
  if (!Array.isArray(usedAs) || !usedAs.every((name) => typeof name === "string")) {
    throw new WandbResponseError(
      `cannot read field usedAs of run ${source.runPath}: expected a list of names, got ${usedAs === null ? "null" : typeof usedAs}`,
      { field: "inputArtifacts.edges.usedAs", runPath: source.runPath, operation: source.operation },
    );
  }
  version.usedAs = usedAs.slice();
  return version;
}

/**
 * Whether `version` is what `"name:alias"` names: the collection name matches and the alias is
 * its `vN` or one of its aliases.
 */
export function matchesArtifactName(version: ArtifactVersion, name: string, alias: string): boolean {
  return version.name === name && (alias === `v${version.version}` || version.aliases.includes(alias));
}

/** Splits `"name:alias"` on the first colon; a bare name means `latest`. */
export function splitArtifactName(nameAndAlias: string): { name: string; alias: string } {
  const colon = nameAndAlias.indexOf(":");
  if (colon < 0) return { name: nameAndAlias, alias: "latest" };
  return { name: nameAndAlias.slice(0, colon), alias: nameAndAlias.slice(colon + 1) };
}
