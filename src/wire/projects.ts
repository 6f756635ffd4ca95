/**
 * Projects, artifact types and artifact collections as W&B sends them, read once into plain
 * objects with `Date`s. A value the schema promises that is missing or of the wrong kind throws
 * WandbResponseError naming its path.
 */
import {
  expectCount,
  expectObject,
  expectOptionalString,
  expectString,
  type FieldSource,
  readOptionalTime,
  readTime,
} from "./fields.js";

/**
 * A project, as `wb.projects(entity)` lists it and `projectInfo(project)` reads it.
 *
 * @example
 * ```ts
 * const info = await projectInfo(wb.project("acme/vision"));
 * // { entity: "acme", name: "vision", path: "acme/vision", runCount: 42, createdAt: Date, updatedAt: Date, … }
 * ```
 */
export interface ProjectInfo {
  /** The entity (user or team) that owns it. */
  entity: string;
  /** The project name. */
  name: string;
  /** `entity/name`. */
  path: string;
  description: string | null;
  createdAt: Date;
  /** When W&B last changed it; `null` when W&B does not say. */
  updatedAt: Date | null;
  /** How many runs it holds (W&B's `runCount`, every state). */
  runCount: number;
}

/** An artifact type of a project, e.g. `model` or `dataset`. */
export interface ArtifactTypeInfo {
  name: string;
  description: string | null;
  createdAt: Date;
}

/** An artifact collection: where versions are logged (`sequence`) or linked (`portfolio`). */
export interface ArtifactCollectionInfo {
  /** The collection name, e.g. `"model"`: `wb.artifact("entity/project/<name>:latest")` reads a version. */
  name: string;
  /** `sequence` (versions logged by runs) or `portfolio` (versions linked in, e.g. a registry). */
  kind: "sequence" | "portfolio";
  /** Its artifact type, as asked for. */
  type: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date | null;
}

/** Reads a `ProjectFields` node. */
export function readProjectInfo(node: unknown, source: FieldSource): ProjectInfo {
  const raw = expectObject(node, source);
  const entity = expectString(raw.entityName, source, "entityName");
  const name = expectString(raw.name, source, "name");
  return {
    entity,
    name,
    path: `${entity}/${name}`,
    description: expectOptionalString(raw.description, source, "description"),
    createdAt: readTime(raw.createdAt, source, "createdAt"),
    updatedAt: readOptionalTime(raw.updatedAt, source, "updatedAt"),
    runCount: expectCount(raw.runCount, source, "runCount"),
  };
}

/** Reads an `ArtifactType` node of `ProjectArtifactTypes`. */
export function readArtifactType(node: unknown, source: FieldSource): ArtifactTypeInfo {
  const raw = expectObject(node, source);
  return {
    name: expectString(raw.name, source, "name"),
    description: expectOptionalString(raw.description, source, "description"),
    createdAt: readTime(raw.createdAt, source, "createdAt"),
  };
}

/** Reads an `ArtifactCollection` node of `ArtifactTypeCollections`. */
export function readArtifactCollection(
  node: unknown,
  type: string,
  source: FieldSource,
): ArtifactCollectionInfo {
  const raw = expectObject(node, source);
  const typename = expectString(raw.__typename, source, "__typename");
  return {
    name: expectString(raw.name, source, "name"),
    kind: typename === "ArtifactPortfolio" ? "portfolio" : "sequence",
    type,
    description: expectOptionalString(raw.description, source, "description"),
    createdAt: readTime(raw.createdAt, source, "createdAt"),
    updatedAt: readOptionalTime(raw.updatedAt, source, "updatedAt"),
  };
}
