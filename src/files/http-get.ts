/**
 * The two ways a file GET goes out, behind one answer type. Storage bytes are most of what a client
 * ever receives, and undici's web streams cost more CPU per byte than the MD5 the SDK checks them
 * with (bench/RESULTS.md, benchmark 7), so with Node's own `fetch` untouched they go through
 * `node:http` / `node:https` instead. A `fetch` the caller gave, a global `fetch` replaced since
 * start-up (a test stub), or an undici global dispatcher other than its plain `Agent` (a
 * `ProxyAgent`, a `MockAgent`) keeps them on `fetch`, as every other request. Either way a
 * `Content-Encoding` the server applied is undone here, as `fetch` does.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/**
 * Content codings accepted on one answer (`Content-Encoding: gzip`). Each coding is another pass
 * of decompression over the body, so a stack of them is a CPU bomb; no storage host sends two.
 */
export const maxCodings = 1;

/** Reads an answer's headers by name, case-insensitively: `Headers` or a plain stand-in. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** One chunk of a body, or its end. */
export type BodyRead = { done: false; value: Uint8Array } | { done: true; value?: undefined };

/** An answer to a file GET, whichever HTTP client got it. */
export interface FileAnswer {
  readonly status: number;
  readonly headers: HeaderReader;
  /** The next chunk of the body; rejects when the connection breaks. */
  read(): Promise<BodyRead>;
  /** Stops the body and frees its connection, without waiting (fetch stand-ins may never settle one). */
  cancel(): void;
}

/** Sends one GET (no redirect followed) and resolves with its answer, whatever the status. */
export type HttpGet = (url: URL, headers: Record<string, string>, signal: AbortSignal) => Promise<FileAnswer>;

/** The `fetch` Node started with, before any test stub or instrumentation replaced it. */
const startupFetch = globalThis.fetch;
/** Where every copy of undici, Node's own included, keeps the global dispatcher once one is used or set. */
const globalDispatcher = Symbol.for("undici.globalDispatcher.1");

/**
 * How a client's file GETs go out: through `fetchImpl` when the caller gave it (`given`), when it
 * is not the `fetch` Node started with, or when undici's global dispatcher is not its plain `Agent`
 * (looked at on every GET: one set later counts); through `node:http(s)` otherwise.
 */
export function fileGet(fetchImpl: typeof globalThis.fetch, given: boolean): HttpGet {
  const viaFetch = fetchGet(fetchImpl);
  if (given || fetchImpl !== startupFetch) return viaFetch;
  return (url, headers, signal) => (plainDispatcher() ? nodeGet : viaFetch)(url, headers, signal);
}

function plainDispatcher(): boolean {
  const dispatcher = (globalThis as Record<symbol, unknown>)[globalDispatcher];
  return dispatcher === undefined || (dispatcher as object | null)?.constructor?.name === "Agent";
}

/** GETs through a `fetch`. */
function fetchGet(fetchImpl: typeof globalThis.fetch): HttpGet {
  return async (url, headers, signal) => {
    const response = await fetchImpl(url.href, { method: "GET", headers, redirect: "manual", signal });
    const reader = response.body?.getReader();
    return {
      status: response.status,
      headers: response.headers,
      read: () => (reader ? reader.read() : Promise.reject(new TypeError("an answer without a body"))),
      cancel: () => {
        reader?.cancel().catch(() => {});
      },
    };
  };
}

/** GETs through `node:http` / `node:https` and their global agents (keep-alive, `http.globalAgent` settings). */
const nodeGet: HttpGet = (url, headers, signal) =>
  new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, { method: "GET", headers, signal }, (response) => {
      resolve(nodeAnswer(response));
    });
    request.on("error", reject);
    request.end();
  });

function nodeAnswer(response: IncomingMessage): FileAnswer {
  const raw = response.headers;
  const body = decoded(response, raw["content-encoding"]);
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array, undefined>;
  return {
    status: response.statusCode ?? 0,
    headers: {
      get(name) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    read: () => chunks.next() as Promise<BodyRead>,
    cancel: () => {
      body.destroy();
      response.destroy();
    },
  };
}

/**
 * The body with its content codings undone, last applied first, as undici's fetch does (gzip,
 * x-gzip, deflate, br); one it does not know leaves the body as it came.
 */
function decoded(response: IncomingMessage, encoding: string | undefined): Readable {
  const codings = (encoding ?? "")
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding !== "" && coding !== "identity");
  // A stack of codings is refused by the reader (fetch-file.ts) before a byte is read: not decoded here.
  if (codings.length > maxCodings) return response;
  const decoders = codings.reverse().map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return createGunzip();
    if (coding === "deflate") return createInflate();
    if (coding === "br") return createBrotliDecompress();
    return undefined;
  });
  if (decoders.length === 0 || decoders.includes(undefined)) return response;
  // An error anywhere (a broken connection, corrupt gzip) destroys the stages after it, so the last rejects.
  let body: Readable = response;
  for (const decoder of decoders as Transform[]) body = pipeline(body, decoder, () => {});
  return body;
}
