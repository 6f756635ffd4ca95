/**
 * `createClient`: resolves the options once and owns the client's transport, loader layer and
 * cache. Everything a client does goes through them.
 */
import { ViewerDocument } from "./_generated/graphql.js";
import { Artifact, type ArtifactContext } from "./artifact.js";
import { type ArtifactPathInput, resolveArtifactPath } from "./artifact-paths.js";
import { createFileClient } from "./files/file-client.js";
import { throwIfErrors } from "./loaders/answers.js";
import { ArtifactLoader } from "./loaders/artifact-loader.js";
import { Dispatcher } from "./loaders/dispatcher.js";
import { RunLoader } from "./loaders/run-loader.js";
import { SweepLoader } from "./loaders/sweep-loader.js";
import { RunQuery, type RunQueryOptions } from "./ops/run-query.js";
import { type ClientOptions, resolveOptions } from "./options.js";
import {
  appUrlFor,
  parseProjectPath,
  parseRunPath,
  type RunPathInput,
  type RunRef,
  runPageUrl,
} from "./paths.js";
import { Run, type RunContext } from "./run.js";
import { raceAbort } from "./transport/abort.js";
import { createTransport } from "./transport/http-transport.js";
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
  /** The user that owns the API key, or `null` when the server knows none. */
  viewer(options?: CallOptions): Promise<Viewer | null>;
  /** Counters since creation. */
  stats(): ClientStats;
  /** Forgets every field fetched so far; later calls ask the server again. */
  clearCache(): void;
}

/**
 * Creates a client. Every option has a default, taken from the environment where W&B's own
 * client takes it; nothing is sent until the first call.
 *
 * @param options - Every field is optional: `apiKey`, `baseUrl`, `entity`, `project`, `fetch`,
 * `timeoutMs`, `retry`, `maxBatchSize`, `maxConcurrentRequests`, `batchWindowMs`, `cache`, `headers`,
 * `allowInsecureHttp`, `onRequest`, `onRetry`, `maxResponseBytes` (see {@link ClientOptions} for
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
 */
export function createClient(options: ClientOptions = {}): WandbClient {
  const resolved = resolveOptions(options);
  const transport = createTransport(resolved);
  const dispatcher = new Dispatcher(transport.slots, { batchWindowMs: resolved.batchWindowMs });
  const loader = new RunLoader(transport, resolved, dispatcher);
  const sweeps = new SweepLoader(transport, resolved, dispatcher);
  const artifacts = new ArtifactLoader(transport, resolved, dispatcher);
  const files = createFileClient(resolved);
  const appUrl = appUrlFor(resolved.baseUrl, process.env.WANDB_APP_URL?.trim() || undefined);
  let listedRuns = 0;
  const makeRun = (ref: RunRef, primed?: LightFields): Run => {
    const context: RunContext = { loader, sweeps, transport, options: resolved, files, primed };
    return new Run(ref, runPageUrl(appUrl, ref), context);
  };
  const artifactContext: ArtifactContext = { artifacts, transport, files, makeRun: (ref) => makeRun(ref) };
  const defaults = { entity: resolved.entity, project: resolved.project };
  const queryContext = {
    transport,
    makeRun,
    countFetched: (runs: number) => {
      listedRuns += runs;
    },
  };
  return {
    baseUrl: resolved.baseUrl.href.replace(/\/+$/, ""),
    run: (path) => makeRun(parseRunPath(path, defaults)),
    artifact: (path) => new Artifact(resolveArtifactPath(path, defaults), artifactContext),
    runs: (projectPath, queryOptions) =>
      new RunQuery(queryContext, parseProjectPath(projectPath, defaults), queryOptions),
    viewer: async (callOptions = {}) => {
      const answer = await raceAbort(
        transport.request({ document: ViewerDocument, variables: {}, signal: callOptions.signal }),
        callOptions.signal,
      );
      throwIfErrors(answer);
      return readViewer(answer.data?.viewer, answer.operationName);
    },
    stats: () => ({
      requests: transport.stats.requests,
      retries: transport.stats.retries,
      runsFetched: loader.runsFetched + listedRuns,
      bytesReceived: transport.stats.bytesReceived,
    }),
    clearCache: () => {
      loader.clear();
      artifacts.clear();
      sweeps.clear();
    },
  };
}
