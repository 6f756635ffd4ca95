/**
 * `createClient`: resolves the options once and owns the client's transport, loader layer and
 * cache. Everything a client does goes through them.
 */
import type { DocumentNode } from "graphql";
import {
  ArtifactCreatedByDocument,
  ArtifactFileUrlsDocument,
  ArtifactManifestUrlDocument,
  ArtifactUsedByDocument,
  ListProjectsDocument,
  RunFilesDocument,
  RunHistoryPageDocument,
  RunInputArtifactsDocument,
  RunOutputArtifactsDocument,
  ViewerDocument,
} from "./_generated/graphql.js";
import { Artifact, type ArtifactContext } from "./artifact.js";
import { type ArtifactPathInput, resolveArtifactPath } from "./artifact-paths.js";
import { ListingCache } from "./cache/listing-cache.js";
import { SharedEntries } from "./cache/shared-entries.js";
import { SharedStore } from "./cache/shared-store.js";
import type { CacheStore } from "./cache/store.js";
import { viewerScope } from "./cache/viewer-scope.js";
import { InvalidArgumentError } from "./errors.js";
import { createFileClient } from "./files/file-client.js";
import { type PathTarget, parsePathTarget } from "./from-path.js";
import { throwIfErrors } from "./loaders/answers.js";
import { ArtifactLoader } from "./loaders/artifact-loader.js";
import { Dispatcher } from "./loaders/dispatcher.js";
import { type ListingPage, PagedListing } from "./loaders/paged-listing.js";
import { RunLoader } from "./loaders/run-loader.js";
import { SharedRuns } from "./loaders/shared-runs.js";
import { SharedVersions } from "./loaders/shared-versions.js";
import { singleFlightTransport } from "./loaders/single-flight.js";
import { SweepLoader } from "./loaders/sweep-loader.js";
import { type ListingOptions, listingOptions } from "./ops/project-ops.js";
import { RunQuery, type RunQueryOptions } from "./ops/run-query.js";
import { type ClientOptions, resolveOptions } from "./options.js";
import {
  appUrlFor,
  checkEntityName,
  type ProjectRef,
  parseProjectPath,
  parseRunPath,
  parseRunPathParts,
  type RunPathInput,
  type RunRef,
  runPageUrl,
} from "./paths.js";
import { Project, type ProjectContext } from "./project.js";
import { Run, type RunContext } from "./run.js";
import { Sweep, type SweepContext, type SweepRef } from "./sweep.js";
import { raceAbort } from "./transport/abort.js";
import { createTransport } from "./transport/http-transport.js";
import { readConnection } from "./wire/connections.js";
import { type ProjectInfo, readProjectInfo } from "./wire/projects.js";
import { type LightFields, readViewer, type Viewer } from "./wire/run-fields.js";

// Viewer lives with its reader in wire/ (types travel down); the public surface still finds it here.
export type { Viewer } from "./wire/run-fields.js";

/** Counters since the client was created. */
export interface ClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that were retries. */
  retries: number;
  /** Runs whose fields arrived in an answer (batches and runs pages). */
  runsFetched: number;
  /** Response body bytes received. */
  bytesReceived: number;
}

/** Per-call options of the client's asynchronous methods. */
export interface CallOptions {
  /** Rejects this call at once when aborted. */
  signal?: AbortSignal | undefined;
}

/** What `client.fromPath()` found a path or URL to name, as a handle. */
export type PathHandle =
  | { kind: "run"; run: Run }
  | { kind: "sweep"; sweep: Sweep }
  | { kind: "artifact"; artifact: Artifact }
  | { kind: "project"; project: Project };

/** A W&B client; make one per process and share it. */
export interface WandbClient {
  /** The API base URL in use, e.g. `https://api.wandb.ai`. */
  readonly baseUrl: string;
  /**
   * A handle on one run; sends nothing. Accepts `"entity/project/runId"`,
   * `"entity/project/runs/runId"`, a run page URL, `"project/runId"` or `"runId"` (completed with
   * the `entity` and `project` defaults), or `{ entity, project, id }`. Throws
   * InvalidArgumentError at once for anything else.
   */
  run(path: RunPathInput): Run;
  /**
   * A handle on one artifact version by name; sends nothing. Accepts
   * `"entity/project/name:alias"`, `"project/name:alias"` and `"name:alias"` (completed with the
   * `entity` and `project` defaults), a bare `"name"` (meaning `name:latest`), or
   * `{ entity, project, name, alias }`. Throws InvalidArgumentError at once for anything else
   * (`"model:"`, `"a/b/c/d:v1"`, `""`).
   */
  artifact(path: ArtifactPathInput): Artifact;
  /** The runs of a project (`"entity/project"`, or `"project"` with the default entity). */
  runs(projectPath: string, options?: RunQueryOptions): RunQuery;
  /**
   * A handle on one project; sends nothing. Accepts `"entity/project"`, a project URL (any page of
   * it), or `"project"` with the `entity` default. Throws InvalidArgumentError at once for anything
   * else, and when no entity is named or set (`fromPath` asks W&B for the key's default entity).
   */
  project(path: string): Project;
  /**
   * The projects of an entity, every page (Python's `api.projects(entity)`): an async iterable of
   * {@link ProjectInfo} with `toArray()`. Without `entity`, the `entity` default, else the API
   * key's default entity (one `viewer` request, cached; see {@link WandbClient.defaultEntity}).
   */
  projects(entity?: string, options?: ListingOptions): PagedListing<ProjectInfo>;
  /**
   * A handle on one sweep; sends nothing. Accepts `"entity/project/sweepId"`,
   * `"entity/project/sweeps/sweepId"`, a sweep page URL, `"project/sweepId"` (with the `entity`
   * default), or `{ entity, project, id }`. Throws InvalidArgumentError at once for anything else.
   */
  sweep(path: string | SweepRef): Sweep;
  /**
   * Any W&B app URL or path as the handle it names: a run, a sweep, an artifact version or a
   * project (see {@link PathHandle}). A path without an entity gets the `entity` default, else the
   * API key's default entity (one `viewer` request, cached), as W&B's Python client does.
   * Rejects with InvalidArgumentError for a form it cannot read.
   */
  fromPath(pathOrUrl: string, options?: CallOptions): Promise<PathHandle>;
  /**
   * `client.run(path)` for a path that may name no entity (`"project/runId"`, `"project:runId"`):
   * the missing entity is the `entity` default, else the API key's default entity (one `viewer`
   * request per client, cached), as W&B's Python client does.
   */
  resolveRun(path: RunPathInput, options?: CallOptions): Promise<Run>;
  /**
   * The entity a path without one means: the `entity` option or `WANDB_ENTITY`, else the API key's
   * default entity (`viewer.entity`, Python's `api.default_entity`), asked once per client and
   * cached. Rejects with InvalidArgumentError when the key's user has none.
   */
  defaultEntity(options?: CallOptions): Promise<string>;
  /** The user that owns the API key, or `null` when the server knows none. */
  viewer(options?: CallOptions): Promise<Viewer | null>;
  /** Counters since creation. */
  stats(): ClientStats;
  /**
   * Forgets every field fetched so far and every listing page and count kept (`cacheTtlMs`); later
   * calls ask the server again (or a shared store, which this does not clear).
   */
  clearCache(): void;
}

/** The reads that share one request while in flight (the batched ones join in their loaders). */
const singleFlightDocuments = new Set<DocumentNode>([
  RunOutputArtifactsDocument,
  RunInputArtifactsDocument,
  RunFilesDocument,
  RunHistoryPageDocument,
  ArtifactFileUrlsDocument,
  ArtifactManifestUrlDocument,
  ArtifactCreatedByDocument,
  ArtifactUsedByDocument,
]);

/** How long a store that failed is left alone before the client tries it again. */
const storeOffForMs = 60_000;

/**
 * Creates a client. Every option has a default, taken from the environment where W&B's own
 * client takes it; nothing is sent until the first call.
 *
 * @param options - Every field is optional: `apiKey`, `baseUrl`, `entity`, `project`, `fetch`,
 * `timeoutMs`, `retry`, `maxBatchSize`, `maxConcurrentRequests`, `batchWindowMs`, `cache` (`true`,
 * `false`, or a Keyv-shaped {@link CacheStore} a fleet shares), `cacheTtlMs`, `cacheStoreTimeoutMs`,
 * `onWarning`, `headers`, `allowInsecureHttp`, `onRequest`, `onRetry`, `maxResponseBytes` (see
 * {@link ClientOptions} for
 * each one's default, and docs/guides/reliability.md for the bounds and what is retried). An unknown
 * name or a value of the wrong kind throws {@link errors!InvalidArgumentError | InvalidArgumentError} at once.
 *
 * @example
 * ```ts
 * import { createClient, runConfig } from "wandb-query";
 * const wb = createClient();                          // WANDB_API_KEY or ~/.netrc
 * const run = wb.run("acme/vision/1mbku38n");         // no request
 * const config = await runConfig(run);
 * ```
 *
 * @example A fleet sharing one Redis (docs/guides/services.md)
 * ```ts
 * import KeyvRedis from "@keyv/redis";
 * const wb = createClient({ cache: new KeyvRedis("redis://cache:6379"), cacheTtlMs: 30_000 });
 * ```
 */
export function createClient(options: ClientOptions = {}): WandbClient {
  const resolved = resolveOptions(options);
  const wire = createTransport(resolved);
  // Identical page reads in flight share one request (listings have their own cache below).
  const transport = singleFlightTransport(wire, singleFlightDocuments);
  const baseUrl = resolved.baseUrl.href.replace(/\/+$/, "");
  const store = resolved.store
    ? new SharedStore(resolved.store, {
        timeoutMs: resolved.cacheStoreTimeoutMs,
        offForMs: storeOffForMs,
        warn: resolved.onWarning,
      })
    : undefined;
  const scope = viewerScope(wire, baseUrl);
  const listings = new ListingCache({
    request: (request) => wire.request(request),
    ttlMs: resolved.cacheTtlMs,
    store,
    scope,
  });
  const dispatcher = new Dispatcher(transport.slots, { batchWindowMs: resolved.batchWindowMs });
  const sharedRuns = store ? new SharedRuns(store, scope, transport) : undefined;
  const loader = new RunLoader(transport, resolved, dispatcher, sharedRuns);
  const sweeps = new SweepLoader(transport, resolved, dispatcher);
  // Only with a store: `cache: false` keeps nothing, in the client or a store (as run fields).
  const sharedEntries = store ? new SharedEntries(store, scope) : undefined;
  const artifacts = new ArtifactLoader(
    transport,
    resolved,
    dispatcher,
    sharedEntries && new SharedVersions(sharedEntries),
  );
  const files = createFileClient(resolved);
  const appUrl = appUrlFor(resolved.baseUrl, process.env.WANDB_APP_URL?.trim() || undefined);
  let listedRuns = 0;
  const makeRun = (ref: RunRef, primed?: LightFields): Run => {
    const context: RunContext = { loader, sweeps, transport, options: resolved, files, primed };
    return new Run(ref, runPageUrl(appUrl, ref), context);
  };
  const artifactContext: ArtifactContext = {
    artifacts,
    transport,
    files,
    makeRun: (ref) => makeRun(ref),
    shared: sharedEntries,
  };
  const defaults = { entity: resolved.entity, project: resolved.project };
  const runsOf = (project: ProjectRef, queryOptions?: RunQueryOptions) =>
    new RunQuery(queryContext, project, queryOptions);
  const projectContext: ProjectContext = { transport, runs: runsOf };
  const sweepContext: SweepContext = { sweeps, runs: runsOf };
  const fetchViewer = async (signal: AbortSignal | undefined) => {
    const answer = await raceAbort(
      transport.request({ document: ViewerDocument, variables: {}, signal }),
      signal,
    );
    throwIfErrors(answer);
    return readViewer(answer.data?.viewer, answer.operationName);
  };
  // One viewer request per client answers every path without an entity; a failure is not kept.
  let viewerEntity: Promise<string> | undefined;
  const defaultEntity = async (signal?: AbortSignal): Promise<string> => {
    if (resolved.entity !== undefined) return resolved.entity;
    viewerEntity ??= fetchViewer(undefined).then(
      (viewer) => {
        if (viewer?.entity) return viewer.entity;
        throw new InvalidArgumentError(
          "the API key's user has no default entity: name the entity in the path " +
            "(entity/project/…) or set WANDB_ENTITY",
          { operation: "defaultEntity" },
        );
      },
      (error: unknown) => {
        viewerEntity = undefined;
        throw error;
      },
    );
    return raceAbort(viewerEntity, signal);
  };
  const withEntity = async <T extends { entity: string | undefined }>(
    parts: T,
    signal: AbortSignal | undefined,
  ): Promise<T & { entity: string }> => ({ ...parts, entity: parts.entity ?? (await defaultEntity(signal)) });
  const makeProject = (ref: ProjectRef) => new Project(ref, appUrl, projectContext);
  const makeSweep = (ref: SweepRef) => new Sweep(ref, appUrl, sweepContext);
  const handleOf = async (target: PathTarget, signal: AbortSignal | undefined): Promise<PathHandle> => {
    if (target.kind === "artifact") {
      const { entity, project, name, alias } = await withEntity(target, signal);
      return {
        kind: "artifact",
        artifact: new Artifact(
          resolveArtifactPath({ entity, project, name, alias }, defaults),
          artifactContext,
        ),
      };
    }
    const { kind, ...parts } = target;
    const full = await withEntity(parts, signal);
    if (kind === "run") return { kind, run: makeRun(full as RunRef) };
    if (kind === "sweep") return { kind, sweep: makeSweep(full as SweepRef) };
    return { kind, project: makeProject(full as ProjectRef) };
  };
  const queryContext = {
    listings,
    makeRun,
    countFetched: (runs: number) => {
      listedRuns += runs;
    },
  };
  return {
    baseUrl,
    run: (path) => makeRun(parseRunPath(path, defaults)),
    artifact: (path) => new Artifact(resolveArtifactPath(path, defaults), artifactContext),
    runs: (projectPath, queryOptions) => runsOf(parseProjectPath(projectPath, defaults), queryOptions),
    project: (path) => makeProject(parseProjectPath(path, defaults)),
    projects: (entity, listing) => {
      const given = entity === undefined ? undefined : checkEntityName(entity, "projects");
      const { first, signal } = listingOptions(listing, "projects");
      let owner: string | undefined = given;
      const readPage = async (after: string | null): Promise<ListingPage<ProjectInfo>> => {
        owner ??= await defaultEntity(signal);
        const answer = await raceAbort(
          transport.request({
            document: ListProjectsDocument,
            variables: { entity: owner, first, after },
            signal,
          }),
          signal,
        );
        throwIfErrors(answer);
        const operation = answer.operationName;
        const page = readConnection<{ node: unknown }>(
          answer.data?.models,
          { path: "models", operation },
          "skip",
        );
        if (!page) return { items: [], hasNextPage: false, endCursor: null };
        const items = page.edges.map((edge) =>
          readProjectInfo(edge.node, { field: "models.edges.node", operation }),
        );
        return { items, hasNextPage: page.hasNextPage, endCursor: page.endCursor };
      };
      return new PagedListing(
        readPage,
        { what: `projects of ${given ?? "the default entity"}`, operation: "projects" },
        (project) => project.path,
        signal,
      );
    },
    sweep: (path) => makeSweep(parseSweepPath(path, defaults)),
    fromPath: async (pathOrUrl, callOptions = {}) =>
      handleOf(parsePathTarget(pathOrUrl, defaults), callOptions.signal),
    resolveRun: async (path, callOptions = {}) =>
      makeRun(await withEntity(parseRunPathParts(path, defaults), callOptions.signal)),
    defaultEntity: (callOptions = {}) => defaultEntity(callOptions.signal),
    viewer: (callOptions = {}) => fetchViewer(callOptions.signal),
    stats: () => ({
      requests: transport.stats.requests,
      retries: transport.stats.retries,
      runsFetched: loader.runsFetched + listedRuns,
      bytesReceived: transport.stats.bytesReceived,
    }),
    clearCache: () => {
      loader.clear();
      listings.clear();
      artifacts.clear();
      sweeps.clear();
    },
  };
}

/** A sweep's path: W&B's Python client reads it as a run path with `/sweeps/` in place of `/runs/`. */
function parseSweepPath(input: string | SweepRef, defaults: { entity?: string | undefined }): SweepRef {
  if (typeof input !== "string") return parseRunPath(input, defaults);
  const text = input.trim();
  const fail = (): never => {
    throw new InvalidArgumentError(
      `cannot read sweep path ${JSON.stringify(input)}; accepted forms: "entity/project/sweepId", ` +
        '"entity/project/sweeps/sweepId", a sweep page URL "https://wandb.ai/entity/project/sweeps/sweepId", ' +
        '"project/sweepId" (with the entity default from options or WANDB_ENTITY), or { entity, project, id }',
    );
  };
  if (/^https?:\/\//i.test(text)) {
    const target = parsePathTarget(text, defaults);
    return target.kind === "sweep" && target.entity !== undefined
      ? { entity: target.entity, project: target.project, id: target.id }
      : fail();
  }
  if (/\/runs\//.test(text)) return fail();
  try {
    return parseRunPath(text.replace("/sweeps/", "/"), defaults);
  } catch (error) {
    if (error instanceof InvalidArgumentError) return fail();
    throw error;
  }
}
