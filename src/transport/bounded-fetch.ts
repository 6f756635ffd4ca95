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
    let headers = response.headers;
    // graphql-request parses only what says it is JSON; an answer without a type is read as JSON
    // too, and the parser says what is wrong with it if it is not.
    if (contentType === null) {
      headers = new Headers(headers);
      headers.set("content-type", "application/json");
    }
    const text =
      response.body && !nullBodyStatuses.has(response.status)
        ? await readCapped(response.body, exchange, context.maxResponseBytes, () =>
            tooLarge(context, errorContext, "is larger"),
          )
        : "";
    return readAnswer(response, headers, text);
  };
}

/**
 * What graphql-request reads of a fetch's answer (its status, `ok`, headers and `text()`), with
 * the body already read. A `Response` around the text, or around a second stream over the first,
 * would cost a web stream, an encoding and a decoding more per answer (3–5% of the client's
 * CPU on the batched path of benchmark 1).
 */
function readAnswer(response: Response, headers: Headers, text: string): Response {
  const { status, statusText, ok, url, redirected, type } = response;
  const answer: Pick<
    Response,
    "status" | "statusText" | "ok" | "url" | "redirected" | "type" | "headers" | "text"
  > = { status, statusText, ok, url, redirected, type, headers, text: () => Promise.resolve(text) };
  return answer as Response;
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

/**
 * `source` as text (UTF-8, a leading BOM dropped, as `Response.text()` reads it), failing with
 * `tooLarge()` (and cancelling the source) as soon as it passes the cap.
 */
async function readCapped(
  source: ReadableStream<Uint8Array>,
  exchange: Exchange,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    exchange.bytes += value.byteLength;
    if (exchange.bytes > maxBytes) {
      const error = tooLarge();
      reader.cancel(error).catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
