import { Kind, print } from "graphql";
import { ClientError, GraphQLClient } from "graphql-request";
import { registerSecret, WandbAuthError, WandbError, WandbGraphQLError, WandbNetworkError, WandbRateLimitError, WandbResponseError, WandbTimeoutError, } from "../errors.js";
import { userAgent } from "../version.js";
import { sleep, throwIfAborted } from "./abort.js";
import { ConcurrencyLimiter } from "./concurrency.js";
import { backoffDelayMs, isRetryableStatus, rateLimitResetMs, serverRequestedDelayMs, } from "./retry-policy.js";
const printed = new WeakMap();
function printDocument(document) {
    let entry = printed.get(document);
    if (!entry) {
        const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        entry = { query: print(document), operationName: operation?.name?.value ?? "anonymous" };
        printed.set(document, entry);
    }
    return entry;
}
// Marks an attempt aborted by its own timer, as opposed to by the caller.
class AttemptTimeout extends Error {
}
/** Makes the transport of one client. */
export function createTransport(options) {
    const stats = { requests: 0, retries: 0, bytesReceived: 0 };
    const limiter = new ConcurrencyLimiter(options.maxConcurrentRequests);
    let authorization;
    function authorizationHeader(operationName) {
        if (authorization)
            return authorization;
        const lookup = options.apiKey();
        if ("missing" in lookup)
            throw new WandbAuthError(lookup.missing, { operation: operationName });
        registerSecret(lookup.key);
        authorization = `Basic ${Buffer.from(`api:${lookup.key}`).toString("base64")}`;
        return authorization;
    }
    function report(event) {
        if (!options.onRequest)
            return;
        try {
            options.onRequest(event);
        }
        catch {
            // A logging hook must not turn a good answer into a failure.
        }
    }
    async function attempt(query, operationName, variables, signal, timeoutMs, exchange) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
        const onCallerAbort = () => controller.abort(signal?.reason);
        signal?.addEventListener("abort", onCallerAbort, { once: true });
        const measuringFetch = async (input, init) => {
            const response = await options.fetch(input, init);
            exchange.status = response.status;
            exchange.headers = response.headers;
            const body = await response.arrayBuffer();
            exchange.bytes = body.byteLength;
            const nullBodyStatus = response.status === 204 || response.status === 304;
            return new Response(nullBodyStatus ? null : body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
            });
        };
        try {
            const client = new GraphQLClient(options.endpoint, {
                fetch: measuringFetch,
                // A redirect would carry the key to wherever it points; W&B's API does not redirect.
                redirect: "manual",
                errorPolicy: "all",
                headers: {
                    ...options.headers,
                    "User-Agent": options.headers["User-Agent"] ?? options.headers["user-agent"] ?? userAgent,
                    Authorization: authorizationHeader(operationName),
                },
            });
            const response = await client.rawRequest({
                query,
                variables: variables,
                signal: controller.signal,
            });
            return {
                data: response.data ?? null,
                errors: (response.errors ?? []).map(toErrorEntry),
                operationName,
            };
        }
        finally {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onCallerAbort);
        }
    }
    function classify(error, exchange, operationName, runs) {
        const runPath = runs.length === 1 ? runs[0] : undefined;
        const context = { operation: operationName, status: exchange.status || undefined, runPath };
        if (error instanceof WandbError)
            return { error, retryable: false };
        if (error instanceof ClientError) {
            const status = error.response.status;
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
                    error: new WandbGraphQLError(`W&B answered HTTP ${status}, a redirect to ${location}; set baseUrl to the final API URL`, entries, undefined, context),
                    retryable: false,
                };
            }
            return {
                error: new WandbGraphQLError(`W&B answered HTTP ${status}: ${serverMessage}`, entries.length ? entries : [{ message: serverMessage }], error.response.data, context),
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
        if (exchange.status >= 200 && exchange.status < 300 && exchange.headers && exchange.bytes >= 0) {
            // The answer arrived but is not a GraphQL body: cut short, or not JSON at all.
            return {
                error: new WandbResponseError(`W&B's answer (HTTP ${exchange.status}, ${exchange.bytes} bytes) is not a GraphQL JSON body: ${errorMessage(error)}`, { ...context, cause: error }),
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
    async function request(req) {
        const { query, operationName } = printDocument(req.document);
        const runs = req.runs ?? [];
        const { retry } = options;
        const started = Date.now();
        const deadline = started + retry.maxElapsedMs;
        authorizationHeader(operationName);
        for (let attemptNumber = 1;; attemptNumber++) {
            throwIfAborted(req.signal);
            const release = await limiter.acquire(req.signal);
            const exchange = { status: 0, bytes: -1, headers: undefined };
            const sentAt = Date.now();
            const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - sentAt));
            let failure;
            stats.requests++;
            if (attemptNumber > 1)
                stats.retries++;
            try {
                const result = await attempt(query, operationName, req.variables, req.signal, timeoutMs, exchange);
                noteRateLimitHeaders(exchange.headers);
                return result;
            }
            catch (error) {
                if (req.signal?.aborted)
                    throw req.signal.reason;
                failure = classify(error, exchange, operationName, runs);
            }
            finally {
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
    function noteRateLimitHeaders(headers) {
        if (!headers)
            return;
        if (headers.get("ratelimit-remaining")?.trim() !== "0")
            return;
        const reset = rateLimitResetMs(headers);
        if (reset !== undefined)
            limiter.pauseUntil(Date.now() + Math.min(reset, options.retry.maxDelayMs));
    }
    function finalError(failure, attempts, elapsedMs, operation, runs) {
        if (!failure.timedOut)
            return failure.error;
        return new WandbTimeoutError(`${operation}: no answer within ${options.timeoutMs} ms on each of ${attempts} attempt(s) (${elapsedMs} ms in all)`, attempts, elapsedMs, { operation, runPath: runs.length === 1 ? runs[0] : undefined, cause: failure.error });
    }
    function deadlineError(failure, attempts, elapsedMs, operation, runs) {
        const runPath = runs.length === 1 ? runs[0] : undefined;
        if (failure.error instanceof WandbRateLimitError && failure.serverDelayMs !== undefined) {
            return new WandbRateLimitError(`${operation}: W&B asked to wait ${failure.serverDelayMs} ms, past the ${options.retry.maxElapsedMs} ms deadline (retry.maxElapsedMs)`, failure.serverDelayMs, { operation, status: 429, runPath, cause: failure.error });
        }
        return new WandbTimeoutError(`${operation}: gave up after ${attempts} attempt(s) and ${elapsedMs} ms, the next retry would pass ` +
            `retry.maxElapsedMs (${options.retry.maxElapsedMs} ms); last failure: ${failure.error.message}`, attempts, elapsedMs, { operation, status: failure.error.status, runPath, cause: failure.error });
    }
    return { request, stats };
}
function toErrorEntry(error) {
    if (typeof error === "string")
        return { message: error };
    const record = (error ?? {});
    const entry = {
        message: typeof record.message === "string" ? record.message : JSON.stringify(error),
    };
    if (Array.isArray(record.path))
        entry.path = record.path;
    if (record.extensions && typeof record.extensions === "object") {
        entry.extensions = record.extensions;
    }
    return entry;
}
function bodyExcerpt(body) {
    if (typeof body !== "string" || body.trim() === "")
        return "(empty body)";
    // Some W&B answers are {"error": "..."} or {"error": {"message": "..."}} rather than GraphQL.
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed.error === "string")
            return parsed.error;
        if (parsed.error && typeof parsed.error === "object" && "message" in parsed.error) {
            return String(parsed.error.message);
        }
        if (Array.isArray(parsed.errors)) {
            return parsed.errors.map((e) => (typeof e === "string" ? e : toErrorEntry(e).message)).join("; ");
        }
    }
    catch {
        // not JSON: fall through to the raw text
    }
    const text = body.replace(/\s+/g, " ").trim();
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
// undici reports "fetch failed" and hides the reason (ECONNREFUSED, ECONNRESET, …) in `cause`.
function networkReason(error) {
    const parts = [];
    let current = error;
    for (let depth = 0; current && depth < 4; depth++) {
        const record = current;
        const code = typeof record.code === "string" ? ` (${record.code})` : "";
        if (typeof record.message === "string" && record.message)
            parts.push(`${record.message}${code}`);
        current = record.cause;
    }
    return parts.join(": ") || String(error);
}
//# sourceMappingURL=http-transport.js.map