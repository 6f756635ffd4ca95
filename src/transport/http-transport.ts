/**
 * The only place that talks HTTP: `POST {baseUrl}/graphql` through graphql-request, with auth, a
 * user agent, a timeout per attempt, retries with backoff, a deadline per call, cancellation, and
 * the mapping of every failure to a {@link WandbError} subclass. It knows documents and variables,
 * not runs.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, Kind, type OperationDefinitionNode, print } from "graphql";
import { GraphQLClient } from "graphql-request";
import { ViewerDocument } from "../_generated/graphql.js";
import { type GraphQLErrorEntry, InvalidArgumentError, WandbAuthError, type WandbError } from "../errors.js";
import type { RequestEvent, ResolvedOptions, RetryEvent } from "../options.js";
import { registerSecret } from "../secrets.js";
import { setLongTimeout } from "../timers.js";
import { userAgent } from "../version.js";
import { sleep, throwIfAborted } from "./abort.js";
import { boundedFetch, type Exchange } from "./bounded-fetch.js";
import { ConcurrencyLimiter, type RequestSlots } from "./concurrency.js";
import { AttemptTimeout, classifyFailure, giveUpError, toErrorEntry } from "./failures.js";
import { parseAnswer } from "./graphql-answer.js";
import { explainRefusal, sharedCheck } from "./refusals.js";
import { rateLimitResetMs, retryDecision } from "./retry-policy.js";

/** One GraphQL request as the loaders ask for it. */
export interface TransportRequest<TData, TVariables> {
  document: TypedDocumentNode<TData, TVariables>;
  variables: TVariables;
  /** Aborts the whole request, retry sleeps included. */
  signal?: AbortSignal | undefined;
  /** Labels for errors and the onRequest hook: the runs the request is about. */
  runs?: readonly string[] | undefined;
  /**
   * The project (`entity/project`) the request is about, when it is about one: an HTTP 403 on it
   * is then told apart, the key's refusal or the project's (`refusals.ts`).
   */
  project?: string | undefined;
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

interface PrintedDocument {
  query: string;
  operationName: string;
  /** Response keys of the root fields an answer must hold (fields under @include/@skip aside). */
  rootKeys: string[];
}

const printed = new WeakMap<DocumentNode, PrintedDocument>();

function printDocument(document: DocumentNode): PrintedDocument {
  let entry = printed.get(document);
  if (!entry) {
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const rootKeys: string[] = [];
    for (const selection of operation?.selectionSet.selections ?? []) {
      if (selection.kind === Kind.FIELD && !selection.directives?.length) {
        rootKeys.push(selection.alias?.value ?? selection.name.value);
      }
    }
    entry = { query: print(document), operationName: operation?.name?.value ?? "anonymous", rootKeys };
    printed.set(document, entry);
  }
  return entry;
}

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

  // A logging hook must not turn a good answer into a failure: what the hooks throw is ignored.
  function report(event: RequestEvent): void {
    try {
      options.onRequest?.(event);
    } catch {}
  }

  function announceRetry(event: RetryEvent): void {
    try {
      options.onRetry?.(event);
    } catch {}
  }

  async function attempt<TData>(
    document: PrintedDocument,
    variables: unknown,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    exchange: Exchange,
    runPath: string | undefined,
  ): Promise<TransportResult<TData>> {
    const controller = new AbortController();
    const timer = setLongTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    const { operationName } = document;
    // graphql-request reads the body once and hands the text to this serializer, which holds it
    // to the shape of a GraphQL answer before anything else sees it. graphql-request would also
    // parse every query's text again only to find its operation name (excludeOperationName below
    // turns that off): the name is known, so the body gets it here (about 6% of the client's CPU
    // on the batched path, measured in A/B rounds).
    const jsonSerializer = {
      stringify: (value: unknown) => {
        try {
          return JSON.stringify(
            value !== null && typeof value === "object" && !Array.isArray(value)
              ? { ...value, operationName }
              : value,
          );
        } catch (error) {
          throw new InvalidArgumentError(
            `${operationName}: the request cannot be sent: ${error instanceof Error ? error.message : String(error)}`,
            { operation: operationName, runPath },
          );
        }
      },
      parse: (text: string): unknown =>
        parseAnswer(text, {
          status: exchange.status,
          rootKeys: document.rootKeys,
          operation: operationName,
          runPath,
        }),
    };
    try {
      const client = new GraphQLClient(options.endpoint, {
        fetch: boundedFetch(options.fetch, exchange, {
          maxResponseBytes: options.maxResponseBytes,
          operation: operationName,
          runPath,
          origin: options.baseUrl.origin,
        }),
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
        query: document.query,
        variables: variables as Record<string, unknown>,
        signal: controller.signal,
      });
      return {
        data: response.data ?? null,
        errors: (response.errors ?? []).map(toErrorEntry),
        operationName,
      };
    } finally {
      timer.clear();
      signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  // Asked after a 403 on a request about one project; a refused or failed viewer means the key's.
  const keyAccepted = sharedCheck(() =>
    request({ document: ViewerDocument, variables: {} }).then(
      (answer) => answer.errors.length === 0 && answer.data?.viewer != null,
      () => false,
    ),
  );

  async function request<TData, TVariables>(
    req: TransportRequest<TData, TVariables>,
  ): Promise<TransportResult<TData>> {
    try {
      return await send(req);
    } catch (error) {
      throw await explainRefusal(error, req.project, keyAccepted);
    }
  }

  async function send<TData, TVariables>(
    req: TransportRequest<TData, TVariables>,
  ): Promise<TransportResult<TData>> {
    const document = printDocument(req.document);
    const { operationName } = document;
    const runs = req.runs ?? [];
    const runPath = runs.length === 1 ? runs[0] : undefined;
    const { retry } = options;
    const started = Date.now();
    const deadline = started + retry.maxElapsedMs;
    authorizationHeader(operationName);
    for (let attemptNumber = 1; ; attemptNumber++) {
      throwIfAborted(req.signal);
      const release = await limiter.acquire(req.signal);
      const exchange: Exchange = { status: 0, bytes: 0, headers: undefined };
      const sentAt = Date.now();
      const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - sentAt));
      let failure: WandbError;
      stats.requests++;
      if (attemptNumber > 1) stats.retries++;
      try {
        const result = await attempt<TData>(
          document,
          req.variables,
          req.signal,
          timeoutMs,
          exchange,
          runPath,
        );
        noteRateLimitHeaders(exchange.headers);
        return result;
      } catch (error) {
        if (req.signal?.aborted) throw req.signal.reason;
        failure = classifyFailure(error, exchange, {
          operation: operationName,
          runPath,
          origin: options.baseUrl.origin,
          endpoint: options.endpoint,
          timeoutMs,
          nowMs: Date.now(),
        });
      } finally {
        release();
        stats.bytesReceived += exchange.bytes;
        report({
          operationName,
          runs,
          attempt: attemptNumber,
          status: exchange.status,
          durationMs: Date.now() - sentAt,
          bytes: exchange.bytes,
        });
      }
      const elapsedMs = Date.now() - started;
      const decision = retryDecision({ error: failure, attempt: attemptNumber, elapsedMs, limits: retry });
      if (!decision.retry) {
        throw giveUpError({
          last: failure,
          decision,
          attempts: attemptNumber,
          elapsedMs,
          limits: retry,
        });
      }
      announceRetry({
        operationName,
        runs,
        attempt: attemptNumber,
        delayMs: decision.delayMs,
        error: failure,
      });
      await sleep(decision.delayMs, req.signal);
    }
  }

  // W&B advises waiting RateLimit-Reset seconds once RateLimit-Remaining reaches 0.
  function noteRateLimitHeaders(headers: Headers | undefined): void {
    if (!headers) return;
    if (headers.get("ratelimit-remaining")?.trim() !== "0") return;
    const reset = rateLimitResetMs(headers);
    if (reset !== undefined) limiter.pauseUntil(Date.now() + Math.min(reset, options.retry.maxDelayMs));
  }

  return { request, stats, slots: limiter };
}
