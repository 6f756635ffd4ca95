/**
 * A project's own reads, as W&B's Python client has them: the project (`api.project`), its
 * artifact types (`api.artifact_types`), the collections of a type (`api.artifact_collections`),
 * and every version of a collection, newest first (`api.artifacts(type, name)`).
 */
import {
  ArtifactTypeCollectionsDocument,
  CollectionVersionsDocument,
  ProjectArtifactTypesDocument,
  ProjectInfoDocument,
} from "../_generated/graphql.js";
import { ArtifactNotFoundError, InvalidArgumentError } from "../errors.js";
import { requireProject, throwIfErrors } from "../loaders/answers.js";
import { type ListingPage, PagedListing } from "../loaders/paged-listing.js";
import { type Project, projectContextOf } from "../project.js";
import { raceAbort } from "../transport/abort.js";
import { type ArtifactVersion, toArtifactVersion } from "../wire/artifacts.js";
import { readConnection } from "../wire/connections.js";
import { expectCount } from "../wire/fields.js";
import {
  type ArtifactCollectionInfo,
  type ArtifactTypeInfo,
  type ProjectInfo,
  readArtifactCollection,
  readArtifactType,
  readProjectInfo,
} from "../wire/projects.js";
import { checkCount, checkOptions } from "./operation-options.js";

/** Options of the project listings. */
export interface ListingOptions {
  /** Items per request. Default 50, as W&B's Python client asks. */
  pageSize?: number | undefined;
  /** Stops the listing; the pending step rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * The project: name, entity, description, when it was created and last updated, and how many runs
 * it holds. One request; rejects with {@link errors!ProjectNotFoundError | ProjectNotFoundError}
 * when W&B has no such project (or the key may not read it).
 *
 * @param project - The project, from `wb.project(path)`
 * @param options - `signal`: rejects at once when aborted.
 *
 * @example How Big Is a Project?
 * ```ts
 * const info = await projectInfo(wb.project("acme/vision"));
 * console.log(`${info.path}: ${info.runCount} runs, last updated ${info.updatedAt?.toISOString()}`);
 * ```
 *
 * @see
 * - {@link projectArtifactTypes} - For what it stores
 */
export async function projectInfo(
  project: Project,
  options?: { signal?: AbortSignal | undefined },
): Promise<ProjectInfo> {
  const context = projectContextOf(project, "projectInfo");
  const { signal } = checkOptions(options, "projectInfo");
  const ref = { entity: project.entity, project: project.name };
  const answer = await raceAbort(
    context.transport.request({
      document: ProjectInfoDocument,
      variables: ref,
      signal,
      project: project.path,
    }),
    signal,
  );
  throwIfErrors(answer);
  const node = requireProject(answer.data?.project, ref, answer.operationName);
  return readProjectInfo(node, { field: "project", operation: answer.operationName });
}

/**
 * The project's artifact types (`model`, `dataset`, …), every page, as an async iterable with
 * `toArray()`. Sends nothing until iterated; rejects with
 * {@link errors!ProjectNotFoundError | ProjectNotFoundError} when W&B has no such project.
 *
 * @param project - The project, from `wb.project(path)`
 * @param options - `pageSize` (default 50), `signal`.
 *
 * @example What a Project Stores
 * ```ts
 * const types = await projectArtifactTypes(wb.project("acme/vision")).toArray();
 * console.log(types.map((type) => type.name)); // ["dataset", "model"]
 * ```
 *
 * @see
 * - {@link projectArtifactCollections} - For the collections of one type
 */
export function projectArtifactTypes(
  project: Project,
  options?: ListingOptions,
): PagedListing<ArtifactTypeInfo> {
  const operation = "projectArtifactTypes";
  const context = projectContextOf(project, operation);
  const { first, signal } = listingOptions(options, operation);
  const ref = { entity: project.entity, project: project.name };
  const readPage = async (after: string | null): Promise<ListingPage<ArtifactTypeInfo>> => {
    const answer = await raceAbort(
      context.transport.request({
        document: ProjectArtifactTypesDocument,
        variables: { ...ref, first, after },
        signal,
        project: project.path,
      }),
      signal,
    );
    throwIfErrors(answer);
    const found = requireProject(answer.data?.project, ref, answer.operationName);
    const path = "project.artifactTypes";
    const page = readConnection<{ node: unknown }>(
      found.artifactTypes,
      { path, operation: answer.operationName },
      "skip",
    );
    if (!page) return { items: [], hasNextPage: false, endCursor: null };
    const items = page.edges.map((edge) => readArtifactType(edge.node, { field: path, operation }));
    return { items, hasNextPage: page.hasNextPage, endCursor: page.endCursor };
  };
  return new PagedListing(
    readPage,
    { what: `artifact types of ${project.path}`, operation },
    (type) => type.name,
    signal,
  );
}

/**
 * The artifact collections of one type in the project (Python's `api.artifact_collections(project,
 * type)`), every page, as an async iterable with `toArray()`. Empty when the project has no such
 * type; rejects with {@link errors!ProjectNotFoundError | ProjectNotFoundError} when W&B has no
 * such project.
 *
 * @param project - The project, from `wb.project(path)`
 * @param type - The artifact type, e.g. `"model"`
 * @param options - `pageSize` (default 50), `signal`.
 *
 * @example Every Model Collection
 * ```ts
 * for await (const collection of projectArtifactCollections(wb.project("acme/vision"), "model")) {
 *   console.log(collection.name, collection.kind);
 * }
 * ```
 *
 * @see
 * - {@link artifactVersions} - For the versions of one collection
 */
export function projectArtifactCollections(
  project: Project,
  type: string,
  options?: ListingOptions,
): PagedListing<ArtifactCollectionInfo> {
  const operation = "projectArtifactCollections";
  const context = projectContextOf(project, operation);
  checkName(type, "type", operation);
  const { first, signal } = listingOptions(options, operation);
  const ref = { entity: project.entity, project: project.name };
  const readPage = async (after: string | null): Promise<ListingPage<ArtifactCollectionInfo>> => {
    const answer = await raceAbort(
      context.transport.request({
        document: ArtifactTypeCollectionsDocument,
        variables: { ...ref, type, first, after },
        signal,
        project: project.path,
      }),
      signal,
    );
    throwIfErrors(answer);
    const found = requireProject(answer.data?.project, ref, answer.operationName);
    const path = "project.artifactType.artifactCollections";
    const connection = found.artifactType?.artifactCollections;
    const page = readConnection<{ node: unknown }>(
      connection,
      { path, operation: answer.operationName },
      "skip",
    );
    if (!page) return { items: [], hasNextPage: false, endCursor: null };
    const items = page.edges.map((edge) =>
      readArtifactCollection(edge.node, type, { field: path, operation }),
    );
    const totalCount = expectCount(connection?.totalCount, { field: `${path}.totalCount`, operation });
    return { items, hasNextPage: page.hasNextPage, endCursor: page.endCursor, totalCount };
  };
  return new PagedListing(
    readPage,
    { what: `${type} collections of ${project.path}`, operation },
    (collection) => collection.name,
    signal,
  );
}

/**
 * Every committed version of one artifact collection, newest first, each with its aliases, as
 * W&B's Python client lists them (`api.artifacts(type, name)`, `collection.versions()`): an async
 * iterable with `toArray()`. Sends nothing until iterated; rejects with
 * {@link errors!ArtifactNotFoundError | ArtifactNotFoundError} when the project has no such
 * collection.
 *
 * @param project - The project, from `wb.project(path)`
 * @param collection - The collection name, e.g. `"model"`
 * @param options - `pageSize` (default 50), `signal`.
 *
 * @example Every Version of a Model
 * ```ts
 * for await (const version of artifactVersions(wb.project("acme/vision"), "model")) {
 *   console.log(`v${version.version}`, version.aliases.join(", "), version.createdAt.toISOString());
 * }
 * ```
 *
 * @see
 * - {@link projectArtifactCollections} - For the collections of a project
 */
export function artifactVersions(
  project: Project,
  collection: string,
  options?: ListingOptions,
): PagedListing<ArtifactVersion> {
  const operation = "artifactVersions";
  const context = projectContextOf(project, operation);
  checkName(collection, "collection", operation);
  const { first, signal } = listingOptions(options, operation);
  const ref = { entity: project.entity, project: project.name };
  const collectionPath = `${project.path}/${collection}`;
  const readPage = async (after: string | null): Promise<ListingPage<ArtifactVersion>> => {
    const answer = await raceAbort(
      context.transport.request({
        document: CollectionVersionsDocument,
        // W&B's Python client lists committed versions only, and sends no order: newest first.
        variables: { ...ref, collection, filters: JSON.stringify({ state: "COMMITTED" }), first, after },
        signal,
        project: project.path,
      }),
      signal,
    );
    throwIfErrors(answer);
    const found = requireProject(answer.data?.project, ref, answer.operationName);
    if (!found.artifactCollection) {
      throw new ArtifactNotFoundError(
        `${operation}: no artifact collection ${collectionPath} (it does not exist, or this API key may not read it)`,
        `${collectionPath}:latest`,
        { operation },
      );
    }
    const path = "project.artifactCollection.artifacts";
    const connection = found.artifactCollection.artifacts;
    const page = readConnection<{ node: unknown }>(
      connection,
      { path, operation: answer.operationName },
      "error",
    );
    if (!page) return { items: [], hasNextPage: false, endCursor: null };
    const items = page.edges.flatMap((edge) => {
      const version = toArtifactVersion(edge.node as Parameters<typeof toArtifactVersion>[0], { operation });
      return version ? [version] : [];
    });
    const totalCount = expectCount(connection?.totalCount, { field: `${path}.totalCount`, operation });
    return { items, hasNextPage: page.hasNextPage, endCursor: page.endCursor, totalCount };
  };
  return new PagedListing(
    readPage,
    { what: `versions of ${collectionPath}`, operation },
    (version) => version.id,
    signal,
  );
}

/** @internal The checked options of a listing. */
export function listingOptions(
  options: ListingOptions | undefined,
  operation: string,
): { first: number; signal: AbortSignal | undefined } {
  const checked = checkOptions(options as ListingOptions & { fresh?: undefined }, operation, ["pageSize"]);
  return { first: checkCount(checked.pageSize, "pageSize", operation, 50), signal: checked.signal };
}

function checkName(value: unknown, name: string, operation: string): void {
  if (typeof value !== "string" || !/^[^\s/:?#\\]+$/.test(value)) {
    throw new InvalidArgumentError(`${operation}: ${name} must be a name without spaces, "/" or ":"`, {
      operation,
    });
  }
}
