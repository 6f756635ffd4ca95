/**
 * The only place that talks HTTP: `POST {baseUrl}/graphql` through graphql-request, with auth, a
 * user agent, a timeout per attempt, retries with backoff, a deadline per call, cancellation, and
 * the mapping of every failure to a {@link WandbError} subclass. It knows documents and variables,
 * not runs.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, Kind, print } from "graphql";
import { ClientError, GraphQLClient } from "graphql-request";
import {
  type GraphQLErrorEntry,
  registerSecret,
  WandbAuthError,
  WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbTimeoutError,
} from "../errors.js";
import type { RequestEvent, ResolvedOptions } from "../options.js";
import { userAgent } from "../version.js";
import { sleep, throwIfAborted } from "./abort.js";
import { ConcurrencyLimiter, type RequestSlots } from "./concurrency.js";
import {
  backoffDelayMs,
  isRetryableStatus,
  rateLimitResetMs,
  serverRequestedDelayMs,
} from "./retry-policy.js";

/** One GraphQL request as the loaders ask for it. */
export interface TransportRequest<TData, TVariables> {
  document: TypedDocumentNode<TData, TVariables>;
  variables: TVariables;
  /** Aborts the whole request, retry sleeps included. */
  signal?: AbortSignal | undefined;
  /** Labels for errors and the onRequest hook: the runs the request is about. */
  runs?: readonly string[] | undefined;
}

/** A 2xx answer: its data and whatever GraphQL errors came with it. */
export interface TransportResult<TData> {
  data: TData | null;
  errors: GraphQLErrorEntry[];
  operationName: string;
}

/** Counters since the transport was made. */
export interface TransportStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Attempts that were retries. */
  retries: number;
  /** Response body bytes received. */
  bytesReceived: number;
}

export interface Transport {
  request<TData, TVariables>(request: TransportRequest<TData, TVariables>): Promise<TransportResult<TData>>;
  readonly stats: Readonly<TransportStats>;
  /** The `maxConcurrentRequests` slots every request takes one of, per attempt. */
  readonly slots: RequestSlots;
}

// The outcome of one failed attempt, before the retry decision.
interface AttemptFailure {
  error: WandbError;
  retryable: boolean;
  /** What the server asked to wait, if it said. */
  serverDelayMs?: number | undefined;
  timedOut?: boolean;
}

// What the wrapped fetch saw of the HTTP exchange, for the hook and the error mapping.
interface Exchange {
  status: number;
  bytes: number;
  headers: Headers | undefined;
}

const printed = new WeakMap<DocumentNode, { query: string; operationName: string }>();

function printDocument(document: DocumentNode): { query: string; operationName: string } {
  let entry = printed.get(document);
  if (!entry) {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    entry = { query: print(document), operationName: operation?.name?.value ?? "anonymous" };
    printed.set(document, entry);
  }
  return entry;
}

// Marks an attempt aborted by its own timer, as opposed to by the caller.
class AttemptTimeout extends Error {}

/** Makes the transport of one client. */
export function createTransport(options: ResolvedOptions): Transport {
  const stats: TransportStats = { requests: 0, retries: 0, bytesReceived: 0 };
  const limiter = new ConcurrencyLimiter(options.maxConcurrentRequests);
  let authorization: string | undefined;

  function authorizationHeader(operationName: string): string {
    if (authorization) return authorization;
    const lookup = options.apiKey();
    if ("missing" in lookup) throw new WandbAuthError(lookup.missing, { operation: operationName });
    registerSecret(lookup.key);
    authorization = `Basic ${Buffer.from(`api:${lookup.key}`).toString("base64")}`;
    return authorization;
  }

  function report(event: RequestEvent): void {
    if (!options.onRequest) return;
    try {
      options.onRequest(event);
    } catch {
      // A logging hook must not turn a good answer into a failure.
    }
  }

  async function attempt<TData>(
    query: string,
    operationName: string,
    variables: unknown,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    exchange: Exchange,
  ): Promise<TransportResult<TData>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    // The body is left to graphql-request, which reads it once; this only notes what arrived.
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await options.fetch(input, init);
      exchange.status = response.status;
      exchange.headers = response.headers;
      return response;
    };
    // graphql-request hands every JSON body to its serializer exactly once: counting the bytes
    // there costs no second read of the body (reading it in the fetch above would).
    // graphql-request would parse the query text of every request again only to find its
    // operation name (excludeOperationName below turns that off); the name is known, so the body
    // gets it here. Measured: about a tenth of the client's CPU on the batched path.
    const jsonSerializer = {
      stringify: (value: unknown) =>
        JSON.stringify(
          value !== null && typeof value === "object" && !Array.isArray(value)
            ? { ...value, operationName }
            : value,
        ),
      parse: (text: string): unknown => {
        exchange.bytes = Buffer.byteLength(text);
        return JSON.parse(text);
      },
    };
    try {
      const client = new GraphQLClient(options.endpoint, {
        fetch: recordingFetch,
        jsonSerializer,
        // A redirect would carry the key to wherever it points; W&B's API does not redirect.
        redirect: "manual",
        errorPolicy: "all",
        excludeOperationName: true,
        headers: {
          ...options.headers,
          "User-Agent": options.headers["User-Agent"] ?? options.headers["user-agent"] ?? userAgent,
          Authorization: authorizationHeader(operationName),
        },
      });
      const response = await client.rawRequest<TData>({
        query,
        variables: variables as Record<string, unknown>,
        signal: controller.signal,
      });
      return {
        data: response.data ?? null,
        errors: (response.errors ?? []).map(toErrorEntry),
        operationName,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  function classify(
    error: unknown,
    exchange: Exchange,
    operationName: string,
    runs: readonly string[],
  ): AttemptFailure {
    const runPath = runs.length === 1 ? runs[0] : undefined;
    const context = { operation: operationName, status: exchange.status || undefined, runPath };
    if (error instanceof WandbError) return { error, retryable: false };
    if (error instanceof ClientError) {
      const status = error.response.status;
      // A body that is not JSON never reached the serializer that counts bytes.
      if (exchange.bytes < 0 && typeof error.response.body === "string") {
        exchange.bytes = Buffer.byteLength(error.response.body);
      }
      const headers = exchange.headers ?? new Headers();
      const entries = Array.isArray(error.response.errors) ? error.response.errors.map(toErrorEntry) : [];
      const serverMessage = entries.map((e) => e.message).join("; ") || bodyExcerpt(error.response.body);
      if (status === 401 || status === 403) {
        return {
          error: new WandbAuthError(`W&B refused the API key (HTTP ${status}): ${serverMessage}`, context),
          retryable: false,
        };
      }
      if (status === 429) {
        const delay = serverRequestedDelayMs(headers, Date.now());
        return {
          error: new WandbRateLimitError(`W&B rate limit (HTTP 429): ${serverMessage}`, delay, context),
          retryable: true,
          serverDelayMs: delay,
        };
      }
      if (status >= 300 && status < 400) {
        const location = headers.get("location") ?? "somewhere else";
        return {
          error: new WandbGraphQLError(
            `W&B answered HTTP ${status}, a redirect to ${location}; set baseUrl to the final API URL`,
            entries,
            undefined,
            context,
          ),
          retryable: false,
        };
      }
      return {
        error: new WandbGraphQLError(
          `W&B answered HTTP ${status}: ${serverMessage}`,
          entries.length ? entries : [{ message: serverMessage }],
          error.response.data,
          context,
        ),
        retryable: isRetryableStatus(status),
        serverDelayMs: status === 503 ? serverRequestedDelayMs(headers, Date.now()) : undefined,
      };
    }
    if (error instanceof AttemptTimeout) {
      return {
        error: new WandbTimeoutError(`no answer within ${options.timeoutMs} ms`, 1, 0, context),
        retryable: true,
        timedOut: true,
      };
    }
    // The answer arrived but is not a GraphQL body: cut short, or not JSON at all. (A connection
    // lost while the body streams in is a TypeError, a network error like any other.)
    if (exchange.status >= 200 && exchange.status < 300 && !(error instanceof TypeError)) {
      return {
        error: new WandbResponseError(
          `W&B's answer (HTTP ${exchange.status}, ${Math.max(0, exchange.bytes)} bytes) is not a GraphQL JSON body: ${errorMessage(error)}`,
          { ...context, cause: error },
        ),
        retryable: true,
      };
    }
    return {
      error: new WandbNetworkError(`request to ${options.baseUrl.origin} failed: ${networkReason(error)}`, {
        ...context,
        cause: error,
      }),
      retryable: true,
    };
  }

  async function request<TData, TVariables>(
    req: TransportRequest<TData, TVariables>,
  ): Promise<TransportResult<TData>> {
    const { query, operationName } = printDocument(req.document);
    const runs = req.runs ?? [];
    const { retry } = options;
    const started = Date.now();
    const deadline = started + retry.maxElapsedMs;
    authorizationHeader(operationName);
    for (let attemptNumber = 1; ; attemptNumber++) {
      throwIfAborted(req.signal);
      const release = await limiter.acquire(req.signal);
      const exchange: Exchange = { status: 0, bytes: -1, headers: undefined };
      const sentAt = Date.now();
      const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - sentAt));
      let failure: AttemptFailure;
      stats.requests++;
      if (attemptNumber > 1) stats.retries++;
      try {
        const result = await attempt<TData>(
          query,
          operationName,
          req.variables,
          req.signal,
          timeoutMs,
          exchange,
        );
        noteRateLimitHeaders(exchange.headers);
        return result;
      } catch (error) {
        if (req.signal?.aborted) throw req.signal.reason;
        failure = classify(error, exchange, operationName, runs);
      } finally {
        release();
        stats.bytesReceived += Math.max(0, exchange.bytes);
        report({
          operationName,
          runs,
          attempt: attemptNumber,
          status: exchange.status,
          durationMs: Date.now() - sentAt,
          bytes: Math.max(0, exchange.bytes),
        });
      }
      const elapsed = Date.now() - started;
      if (!failure.retryable || attemptNumber > retry.retries) {
        throw finalError(failure, attemptNumber, elapsed, operationName, runs);
      }
      const delay = failure.serverDelayMs ?? backoffDelayMs(attemptNumber, retry);
      if (elapsed + delay >= retry.maxElapsedMs) {
        throw deadlineError(failure, attemptNumber, elapsed, operationName, runs);
      }
      await sleep(delay, req.signal);
    }
  }

  // W&B advises waiting RateLimit-Reset seconds once RateLimit-Remaining reaches 0.
  function noteRateLimitHeaders(headers: Headers | undefined): void {
    if (!headers) return;
    if (headers.get("ratelimit-remaining")?.trim() !== "0") return;
    const reset = rateLimitResetMs(headers);
    if (reset !== undefined) limiter.pauseUntil(Date.now() + Math.min(reset, options.retry.maxDelayMs));
  }

  function finalError(
    failure: AttemptFailure,
    attempts: number,
    elapsedMs: number,
    operation: string,
    runs: readonly string[],
  ): WandbError {
    if (!failure.timedOut) return failure.error;
    return new WandbTimeoutError(
      `${operation}: no answer within ${options.timeoutMs} ms on each of ${attempts} attempt(s) (${elapsedMs} ms in all)`,
      attempts,
      elapsedMs,
      { operation, runPath: runs.length === 1 ? runs[0] : undefined, cause: failure.error },
    );
  }

  function deadlineError(
    failure: AttemptFailure,
    attempts: number,
    elapsedMs: number,
    operation: string,
    runs: readonly string[],
  ): WandbError {
    const runPath = runs.length === 1 ? runs[0] : undefined;
    if (failure.error instanceof WandbRateLimitError && failure.serverDelayMs !== undefined) {
      return new WandbRateLimitError(
        `${operation}: W&B asked to wait ${failure.serverDelayMs} ms, past the ${options.retry.maxElapsedMs} ms deadline (retry.maxElapsedMs)`,
        failure.serverDelayMs,
        { operation, status: 429, runPath, cause: failure.error },
      );
    }
    return new WandbTimeoutError(
      `${operation}: gave up after ${attempts} attempt(s) and ${elapsedMs} ms, the next retry would pass ` +
        `retry.maxElapsedMs (${options.retry.maxElapsedMs} ms); last failure: ${failure.error.message}`,
      attempts,
      elapsedMs,
      { operation, status: failure.error.status, runPath, cause: failure.error },
    );
  }

  return { request, stats, slots: limiter };
}

function toErrorEntry(error: unknown): GraphQLErrorEntry {
  if (typeof error === "string") return { message: error };
  const record = (error ?? {}) as { message?: unknown; path?: unknown; extensions?: unknown };
  const entry: GraphQLErrorEntry = {
    message: typeof record.message === "string" ? record.message : JSON.stringify(error),
  };
  if (Array.isArray(record.path)) entry.path = record.path as Array<string | number>;
  if (record.extensions && typeof record.extensions === "object") {
    entry.extensions = record.extensions as Record<string, unknown>;
  }
  return entry;
}

function bodyExcerpt(body: unknown): string {
  if (typeof body !== "string" || body.trim() === "") return "(empty body)";
  // Some W&B answers are {"error": "..."} or {"error": {"message": "..."}} rather than GraphQL.
  try {
    const parsed = JSON.parse(body) as { error?: unknown; errors?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
    if (parsed.error && typeof parsed.error === "object" && "message" in parsed.error) {
      return String((parsed.error as { message: unknown }).message);
    }
    if (Array.isArray(parsed.errors)) {
      return parsed.errors.map((e) => (typeof e === "string" ? e : toErrorEntry(e).message)).join("; ");
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// undici reports "fetch failed" and hides the reason (ECONNREFUSED, ECONNRESET, …) in `cause`.
function networkReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const record = current as { message?: unknown; code?: unknown; cause?: unknown };
    const code = typeof record.code === "string" ? ` (${record.code})` : "";
    if (typeof record.message === "string" && record.message) parts.push(`${record.message}${code}`);
    current = record.cause;
  }
  return parts.join(": ") || String(error);
}
