/**
 * `createClient`: resolves the options once, and owns the client's transport (and, through it,
 * every request the client makes).
 */
import { ViewerDocument } from "./_generated/graphql.js";
import { WandbGraphQLError } from "./errors.js";
import { type ClientOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { raceAbort } from "./transport/abort.js";
import { createTransport, type Transport } from "./transport/http-transport.js";

/** The user that owns the API key. */
export interface Viewer {
  id: string;
  username: string | null;
  name: string;
  email: string | null;
  /** The user's default entity. */
  entity: string | null;
}

/** Counters since the client was created. */
export interface ClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that were retries. */
  retries: number;
  /** Runs whose fields arrived in an answer. */
  runsFetched: number;
  /** Response body bytes received. */
  bytesReceived: number;
}

/** Per-call options every asynchronous method takes. */
export interface CallOptions {
  /** Rejects this call at once when aborted; see the README on cancellation. */
  signal?: AbortSignal | undefined;
}

/** A W&B client; make one per process and share it. */
export interface WandbClient {
  /** The API base URL in use, e.g. `https://api.wandb.ai`. */
  readonly baseUrl: string;
  /** The user that owns the API key, or `null` when the server does not know one. */
  viewer(options?: CallOptions): Promise<Viewer | null>;
  /** Counters since creation. */
  stats(): ClientStats;
}

/** @internal What the operations reach through a client. */
export interface ClientInternals {
  readonly options: ResolvedOptions;
  readonly transport: Transport;
}

/**
 * Creates a client. Every option has a default, taken from the environment where W&B's own
 * client takes it (SPEC §2); nothing is sent until the first call.
 *
 * @example
 * ```ts
 * const wb = createClient();                          // WANDB_API_KEY or ~/.netrc
 * const me = await wb.viewer();
 * ```
 */
export function createClient(options: ClientOptions = {}): WandbClient {
  const resolved = resolveOptions(options);
  const transport = createTransport(resolved);
  const internals: ClientInternals = { options: resolved, transport };
  return {
    baseUrl: resolved.baseUrl.href.replace(/\/+$/, ""),
    viewer: (callOptions = {}) => raceAbort(fetchViewer(internals, callOptions.signal), callOptions.signal),
    stats: () => ({
      requests: transport.stats.requests,
      retries: transport.stats.retries,
      runsFetched: 0,
      bytesReceived: transport.stats.bytesReceived,
    }),
  };
}

async function fetchViewer(
  internals: ClientInternals,
  signal: AbortSignal | undefined,
): Promise<Viewer | null> {
  const { data, errors, operationName } = await internals.transport.request({
    document: ViewerDocument,
    variables: {},
    signal,
  });
  if (errors.length > 0) {
    throw new WandbGraphQLError(
      `${operationName}: ${errors.map((e) => e.message).join("; ")}`,
      errors,
      data,
      {
        operation: operationName,
      },
    );
  }
  const viewer = data?.viewer;
  if (!viewer) return null;
  return {
    id: viewer.id,
    username: viewer.username,
    name: viewer.name,
    email: viewer.email,
    entity: viewer.entity,
  };
}
