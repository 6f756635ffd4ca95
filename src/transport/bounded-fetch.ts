/**
 * The `fetch` graphql-request is given: the caller's fetch, with what arrived noted for the hook
 * and the error mapping, and the answer held to `maxResponseBytes` while it streams in (after
 * decompression, so a small gzip that inflates to gigabytes stops at the cap without being
 * buffered). A 2xx answer that is not JSON is refused here, before its body is read.
 */
import { WandbResponseError } from "../errors.js";
import { excerpt } from "../secrets.js";

/** What one HTTP exchange brought, for the onRequest hook and the error mapping. */
export interface Exchange {
  /** HTTP status; 0 until the status line arrives. */
  status: number;
  headers: Headers | undefined;
  /** Body bytes received (after decompression). */
  bytes: number;
}

/** What the fetch needs to know besides the request. */
export interface BoundedFetchContext {
  maxResponseBytes: number;
  operation: string;
  runPath: string | undefined;
  /** The API's origin, to say where a wrong answer came from. */
  origin: string;
}

/** How much of a body that is not JSON is read, to quote its start in the error. */
const peekBytes = 1024;

// Statuses whose responses carry no body (the Response constructor refuses one).
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** Wraps `fetchImpl`; `exchange` is filled in as the answer arrives. */
export function boundedFetch(
  fetchImpl: typeof fetch,
  exchange: Exchange,
  context: BoundedFetchContext,
): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    exchange.status = response.status;
    exchange.headers = response.headers;
    const errorContext = { operation: context.operation, status: response.status, runPath: context.runPath };
    if (response.status < 200 || response.status > 599) {
      await discard(response.body);
      throw new WandbResponseError(
        `W&B answered with HTTP status ${response.status}, which is not an HTTP answer to a request`,
        errorContext,
      );
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > context.maxResponseBytes) {
      await discard(response.body);
      throw tooLarge(context, errorContext, `declares ${declared} bytes`);
    }
    const contentType = response.headers.get("content-type");
    if (response.ok && contentType !== null && !isJsonType(contentType)) {
      const start = await peek(response.body, peekBytes);
      throw new WandbResponseError(
        `W&B answered HTTP ${response.status} with ${excerpt(contentType, 80)}, not GraphQL JSON ` +
          `(is ${context.origin} W&B's API?): ${excerpt(start, 200) || "(empty body)"}`,
        errorContext,
      );
    }
    const headers = new Headers(response.headers);
    // graphql-request parses only what says it is JSON; an answer without a type is read as JSON
    // too, and the parser says what is wrong with it if it is not.
    if (contentType === null) headers.set("content-type", "application/json");
    const body =
      response.body && !nullBodyStatuses.has(response.status)
        ? cappedStream(response.body, exchange, context.maxResponseBytes, () =>
            tooLarge(context, errorContext, "is larger"),
          )
        : null;
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

function isJsonType(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return type.includes("application/json") || type.includes("+json");
}

function tooLarge(
  context: BoundedFetchContext,
  errorContext: { operation: string; status: number; runPath: string | undefined },
  what: string,
): WandbResponseError {
  return new WandbResponseError(
    `W&B's answer ${what} than maxResponseBytes (${context.maxResponseBytes} bytes); it was not read ` +
      "further. Ask for less at once (fewer runs per batch with maxBatchSize, keys for config and " +
      "summary), or raise maxResponseBytes",
    errorContext,
  );
}

/** `source`, erroring with `tooLarge()` (and cancelling the source) once it passes the cap. */
function cappedStream(
  source: ReadableStream<Uint8Array>,
  exchange: Exchange,
  maxBytes: number,
  tooLarge: () => Error,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      exchange.bytes += value.byteLength;
      if (exchange.bytes > maxBytes) {
        const error = tooLarge();
        controller.error(error);
        reader.cancel(error).catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Up to `maxBytes` of a body as text, the rest left unread. */
async function peek(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Whatever arrived is enough to quote.
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
}

async function discard(body: ReadableStream<Uint8Array> | null): Promise<void> {
  await body?.cancel().catch(() => {});
}
