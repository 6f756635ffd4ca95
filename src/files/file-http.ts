/**
 * GET for file bytes: the one place besides the GraphQL transport that opens an HTTP connection, and
 * the only one that talks to storage hosts. W&B's credentials go only to the W&B host (the base
 * URL's origin and path), hop by hop: redirects are followed here, not by `fetch`, so a redirect
 * from the W&B host to a storage bucket never carries the `Authorization` header, as W&B's own
 * client limits credentials to its base URL (`httplayers.LimitTo`).
 */
import { WandbAuthError, WandbResponseError } from "../errors.js";
import { isLoopbackHost } from "../loopback-hosts.js";
import type { ResolvedOptions } from "../options.js";
import { registerSecret } from "../secrets.js";
import { userAgent } from "../version.js";
import { type FileAnswer, fileGet } from "./http-get.js";

/** Redirects followed before giving up: W&B's file URLs redirect once, to storage. */
const maxRedirects = 5;

/** An answer to a file GET, after redirects. */
export interface OpenedFile {
  answer: FileAnswer;
  /** Whether the request that got this answer carried W&B credentials (it went to the W&B host). */
  credentialed: boolean;
}

/** File GETs for one client. */
export interface FileHttp {
  /**
   * GETs `url`, following redirects, with credentials only on the W&B host. Resolves with any
   * status; rejects on a network failure, an abort, or a URL it will not fetch. `extraHeaders`
   * (a `Range`) go with every hop.
   */
  open(
    url: string,
    signal: AbortSignal,
    operation: string,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<OpenedFile>;
}

/** Makes the file GETs of a client: its fetch, base URL, key and extra headers. */
export function createFileHttp(options: ResolvedOptions): FileHttp {
  const get = fileGet(options.fetch, options.fetchGiven);
  const base = options.baseUrl;
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  let authorization: string | undefined;

  const isWandbHost = (url: URL) =>
    url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(basePath));

  function credentials(operation: string): string {
    if (authorization) return authorization;
    const lookup = options.apiKey();
    if ("missing" in lookup) throw new WandbAuthError(lookup.missing, { operation });
    registerSecret(lookup.key);
    authorization = `Basic ${Buffer.from(`api:${lookup.key}`).toString("base64")}`;
    return authorization;
  }

  // http:// only where the base URL itself is http (the user allowed it) or on this machine.
  function checkScheme(url: URL, operation: string): void {
    const local = isLoopbackHost(url.hostname);
    if (url.protocol === "https:" || (url.protocol === "http:" && (local || base.protocol === "http:"))) {
      return;
    }
    throw new WandbResponseError(
      `${operation}: W&B gave a file URL the SDK will not fetch (${url.protocol}//${url.host})`,
      { operation, field: "url" },
    );
  }

  async function open(
    address: string,
    signal: AbortSignal,
    operation: string,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<OpenedFile> {
    let url = new URL(address);
    for (let hop = 0; ; hop++) {
      checkScheme(url, operation);
      const credentialed = isWandbHost(url);
      const headers: Record<string, string> = credentialed
        ? {
            ...options.headers,
            "User-Agent": options.headers["User-Agent"] ?? options.headers["user-agent"] ?? userAgent,
            Authorization: credentials(operation),
          }
        : { "User-Agent": userAgent };
      const answer = await get(url, extraHeaders ? { ...headers, ...extraHeaders } : headers, signal);
      const location = answer.headers.get("location");
      if (answer.status < 300 || answer.status >= 400 || !location) return { answer, credentialed };
      answer.cancel();
      if (hop >= maxRedirects) {
        throw new WandbResponseError(`${operation}: more than ${maxRedirects} redirects fetching a file`, {
          operation,
          status: answer.status,
        });
      }
      url = new URL(location, url);
    }
  }

  return { open };
}
