/**
 * Artifact versions as W&B sends them (`ArtifactFields`) mapped to {@link ArtifactVersion}, and a
 * run's used versions to {@link UsedArtifactVersion}.
 */
import type { ArtifactFieldsFragment } from "../_generated/graphql.js";
import type { ArtifactName } from "../artifact-paths.js";
import {
  expectList,
  expectNumber,
  expectObject,
  expectOptionalString,
  expectString,
  type FieldSource,
  readJsonObject,
  readTime,
  within,
} from "./fields.js";
import type { JsonObject } from "./json.js";

/**
 * One version of an artifact, as logged or used by a run.
 *
 * @example
 * ```ts
 * const model = await runLoggedArtifactVersion(run, "model:latest");
 * // { name: "model", version: 5, alias: "latest", aliases: ["latest", "best"], type: "model",
 * //   size: 262360, qualifiedName: "acme/vision/model:v5", createdAt: Date, metadata: {…}, … }
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
 * written). A value the schema promises that is missing or of the wrong kind throws
 * WandbResponseError naming its path (`artifact.aliases[2].alias`).
 */
export function toArtifactVersion(
  node: ArtifactFieldsFragment,
  source: { runPath?: string | undefined; operation: string },
): ArtifactVersion | undefined {
  // Each check names its field as a step from `at`, spelled out only when the value is wrong
  // (see `expectObject`): this runs for every version of every run of a batch.
  const at: FieldSource = { field: "artifact", runPath: source.runPath, operation: source.operation };
  const raw = expectObject(node, at);
  const sequence = expectObject(raw.artifactSequence, at, "artifactSequence");
  const sequenceName = expectString(sequence.name, at, "artifactSequence.name");
  const project =
    sequence.project === null ? null : expectObject(sequence.project, at, "artifactSequence.project");
  const versionIndex = raw.versionIndex === null ? null : expectNumber(raw.versionIndex, at, "versionIndex");
  // Read before the early return, so a broken node fails the same whether or not it is skipped.
  const wireAliases = expectList(raw.aliases, at, "aliases");
  const allAliases: WireAlias[] = [];
  for (let index = 0; index < wireAliases.length; index++) {
    allAliases.push(readAlias(wireAliases[index], at, index));
  }
  if (!project || versionIndex === null) return undefined;
  const projectName = expectString(project.name, at, "artifactSequence.project.name");
  const entity = expectString(
    expectObject(project.entity, at, "artifactSequence.project.entity").name,
    at,
    "artifactSequence.project.entity.name",
  );
  // aliases spans every collection the version belongs to. A version is logged in exactly one
  // ArtifactSequence, so an alias whose collection is a sequence is an alias of this version's own
  // collection; registry links are ArtifactPortfolios, and their aliases do not describe it here.
  const aliases: string[] = [];
  for (const { alias, collectionType, collectionName } of allAliases) {
    if (
      collectionType === "ArtifactSequence" &&
      collectionName === sequenceName &&
      !versionAlias.test(alias)
    ) {
      aliases.push(alias);
    }
  }
  return {
    id: expectString(raw.id, at, "id"),
    name: sequenceName,
    version: versionIndex,
    alias: aliases.includes("latest") ? "latest" : (aliases[0] ?? `v${versionIndex}`),
    aliases,
    type: expectString(expectObject(raw.artifactType, at, "artifactType").name, at, "artifactType.name"),
    size: expectNumber(raw.size, at, "size"),
    fileCount: expectNumber(raw.fileCount, at, "fileCount"),
    digest: expectString(raw.digest, at, "digest"),
    state: expectString(raw.state, at, "state"),
    description: expectOptionalString(raw.description, at, "description"),
    createdAt: readTime(raw.createdAt, at, "createdAt"),
    metadata: readJsonObject(raw.metadata, at, {}, "metadata"),
    entity,
    project: projectName,
    qualifiedName: `${entity}/${projectName}/${sequenceName}:v${versionIndex}`,
  };
}

interface WireAlias {
  alias: string;
  collectionType: string | undefined;
  collectionName: string | undefined;
}

/** `aliases[index]` of the artifact at `artifact`. */
function readAlias(item: unknown, artifact: FieldSource, index: number): WireAlias {
  // The item's own path (`artifact.aliases[2]`) is made only when one of its values is wrong.
  const raw = isObject(item) ? item : expectObject(item, itemAt(artifact, index));
  const alias =
    typeof raw.alias === "string" ? raw.alias : expectString(raw.alias, itemAt(artifact, index), "alias");
  const wireCollection = raw.artifactCollection;
  if (wireCollection === null || wireCollection === undefined) {
    return { alias, collectionType: undefined, collectionName: undefined };
  }
  const collection = isObject(wireCollection)
    ? wireCollection
    : expectObject(wireCollection, itemAt(artifact, index), "artifactCollection");
  const { __typename: typename, name } = collection;
  return {
    alias,
    collectionType:
      typename === null || typename === undefined
        ? undefined
        : typeof typename === "string"
          ? typename
          : expectString(typename, itemAt(artifact, index), "artifactCollection.__typename"),
    collectionName:
      typeof name === "string"
        ? name
        : expectString(name, itemAt(artifact, index), "artifactCollection.name"),
  };
}

function itemAt(artifact: FieldSource, index: number): FieldSource {
  return within(within(artifact, "aliases"), index);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * One of a run's used versions: {@link toArtifactVersion} plus the edge's `usedAs`, built on the
 * version itself (no copy). A `usedAs` that is not a list of strings is a WandbResponseError
 * naming its path.
 */
export function toUsedArtifactVersion(
  edge: { node: ArtifactFieldsFragment; usedAs: readonly string[] },
  source: { runPath: string; operation: string },
): UsedArtifactVersion | undefined {
  const version = toArtifactVersion(edge.node, source) as UsedArtifactVersion | undefined;
  if (!version) return undefined;
  const at: FieldSource = { field: "usedAs", ...source };
  version.usedAs = expectList(edge.usedAs, at).map((name, index) => expectString(name, at, index));
  return version;
}

/**
 * Whether `version` is what `wanted` names: the collection name matches, the alias is its `vN` or
 * one of its aliases, and a qualifier, when given, names the version's own project (a
 * `project/name` without an entity means that project of `defaultEntity`).
 */
export function matchesArtifactName(
  version: ArtifactVersion,
  wanted: ArtifactName,
  defaultEntity: string,
): boolean {
  if (wanted.project !== undefined) {
    if (version.project !== wanted.project || version.entity !== (wanted.entity ?? defaultEntity))
      return false;
  }
  return (
    version.name === wanted.name &&
    (wanted.alias === `v${version.version}` || version.aliases.includes(wanted.alias))
  );
}
