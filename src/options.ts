/**
 * Client options: their types, their defaults, and where each comes from when not given (the
 * environment; the key's lookup is in `credentials.ts`). Everything is checked here, before any
 * request.
 */
import { homedir } from "node:os";
import { type CacheStore, isCacheStore } from "./cache/store.js";
import { type ApiKeyLookup, type CredentialSources, lookUpApiKey } from "./credentials.js";
import { type CacheStoreError, InvalidArgumentError, type WandbError } from "./errors.js";
import { isLoopbackHost } from "./loopback-hosts.js";
import { registerSecret } from "./secrets.js";

/** Retry limits for 429, 5xx and network failures. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 8. */
  retries?: number | undefined;
  /** First backoff, before jitter. Default 500 ms. */
  minDelayMs?: number | undefined;
  /** Longest backoff between two attempts (a server's `Retry-After` may ask for more). Default 30 s. */
  maxDelayMs?: number | undefined;
  /** Deadline for the whole call, all attempts and waits included. Default 120 s. */
  maxElapsedMs?: number | undefined;
}

/** Retry limits after defaults. */
export interface RetryLimits {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number;
}

/** What `onRequest` is told after every HTTP attempt. Never holds a credential. */
export interface RequestEvent {
  /** GraphQL operation name, e.g. `RunsByName`; for a file download, the call, e.g. `downloadArtifact`. */
  operationName: string;
  /** The runs (`entity/project/id`) the request is about; empty when it is about none. */
  runs: readonly string[];
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** HTTP status; 0 when no answer came (network error, timeout, abort). */
  status: number;
  /** Milliseconds from sending to the end of the body (or to the failure). */
  durationMs: number;
  /** Bytes of the response body received. */
  bytes: number;
}

/** What `onRetry` is told before the transport waits to try again. Never holds a credential. */
export interface RetryEvent {
  /** GraphQL operation name, e.g. `RunsByName`; for a file download, the call, e.g. `downloadArtifact`. */
  operationName: string;
  /** The runs (`entity/project/id`) the request is about; empty when it is about none. */
  runs: readonly string[];
  /** The attempt that failed: 1 for the first, 2 for the first retry, … */
  attempt: number;
  /** How long the transport waits before the next attempt (backoff, or what W&B asked for). */
  delayMs: number;
  /** Why the attempt failed. */
  error: WandbError;
}

/** Options of {@link createClient}; every one has a default. */
export interface ClientOptions {
  /** API key. Default: `WANDB_API_KEY`, else the netrc entry for the base URL's host[:port]. */
  apiKey?: string | undefined;
  /** Default: `WANDB_BASE_URL`, else `https://api.wandb.ai`. */
  baseUrl?: string | undefined;
  /** Completes partial run paths. Default: `WANDB_ENTITY`. */
  entity?: string | undefined;
  /** Completes partial run paths. Default: `WANDB_PROJECT`. */
  project?: string | undefined;
  /**
   * Default: `globalThis.fetch`. Every GraphQL request goes through it. File bytes (downloads and
   * reads) go through it too when you give one here; without one, they go through `node:http` /
   * `node:https` (their global agents), which cost less CPU per byte than `fetch`'s web streams,
   * unless `globalThis.fetch` was replaced or undici's global dispatcher is not its plain `Agent`
   * (a `ProxyAgent`, a `MockAgent`). Give `fetch: globalThis.fetch` to keep file bytes on a
   * custom dispatcher that is an `Agent` too (custom TLS options, say).
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Per HTTP attempt. Default: `WANDB_HTTP_TIMEOUT` (seconds), else 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Retry limits, or `false` for a single attempt. */
  retry?: RetryOptions | false | undefined;
  /** Runs per GraphQL request. Default 50. */
  maxBatchSize?: number | undefined;
  /** HTTP requests in flight at once. Default 6. */
  maxConcurrentRequests?: number | undefined;
  /**
   * How long a run operation that finds no other waiting may wait for more to share its request,
   * in milliseconds. Default 0: it leaves at the end of the tick when a request slot is free (calls
   * that arrive while every slot is busy share the next request anyway). A window trades that
   * much latency for fewer, larger requests.
   */
  batchWindowMs?: number | undefined;
  /**
   * `true` (default): keep fields fetched for a run for the client's life (`client.clearCache()`
   * drops them). `false`: keep nothing. A store shaped as Keyv's (`get`, `set(key, value, ttl)`,
   * `delete`, `clear`; e.g. `new KeyvRedis(url)` or `new Keyv(...)`): keep them in the client
   * too, and share with every client on the same store what may be shared: finished runs' fields,
   * committed artifact versions by number (`model:v3`, not by alias), artifact manifests by digest
   * and listings within `cacheTtlMs`, keyed by base URL, the key's viewer and the read, never by
   * the API key (docs/guides/services.md). A store that fails is set aside with one warning
   * (`onWarning`) and never fails a read.
   */
  cache?: boolean | CacheStore | undefined;
  /**
   * How long `client.runs()` pages and counts are kept, in milliseconds, in the client and in a
   * shared store. Default 0: kept only while in flight (identical concurrent reads still share
   * one request). `fresh: true` on `runs()` asks anew.
   */
  cacheTtlMs?: number | undefined;
  /**
   * Longest wait for one call of a shared store (`cache: store`), in milliseconds. Default 500.
   * A call past it counts as a failure: the read goes on to W&B and the store is set aside for a
   * minute, so a stalled store costs at most this once per minute.
   */
  cacheStoreTimeoutMs?: number | undefined;
  /**
   * Told when something goes wrong that does not fail a read: today, a shared cache store that
   * fails or times out (a {@link CacheStoreError}, once per outage). Default:
   * `process.emitWarning`. What it throws is ignored.
   */
  onWarning?: ((warning: CacheStoreError) => void) | undefined;
  /** Extra HTTP headers (not `Authorization`: the SDK owns it). */
  headers?: Record<string, string> | undefined;
  /** Allow an `http://` base URL whose host is not loopback. Default false. */
  allowInsecureHttp?: boolean | undefined;
  /** Called after every HTTP attempt; what it throws is ignored. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /**
   * Called when an attempt failed and another follows, before the wait; what it throws is ignored.
   * A file download's retries are told too (their `operationName` is the download's, e.g.
   * `downloadArtifact`).
   */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * Largest answer body read, in bytes after decompression; a larger one fails with
   * `WandbResponseError` as soon as it passes the cap, and is not retried. Default 256 MiB.
   */
  maxResponseBytes?: number | undefined;
  /**
   * Most files an artifact manifest may list; a larger one fails with `WandbResponseError` as
   * its entries are read, never with an out-of-memory crash. Default 10,000,000 (a million files
   * take about 130 MB to hold).
   */
  maxManifestEntries?: number | undefined;
}

/** The options after defaults, environment and validation. */
export interface ResolvedOptions {
  baseUrl: URL;
  /** `{baseUrl}/graphql`. */
  endpoint: string;
  entity: string | undefined;
  project: string | undefined;
  fetch: typeof globalThis.fetch;
  /** Whether the caller gave `fetch`: then file bytes go through it too (src/files/http-get.ts). */
  fetchGiven: boolean;
  timeoutMs: number;
  retry: RetryLimits;
  maxBatchSize: number;
  maxConcurrentRequests: number;
  batchWindowMs: number;
  cache: boolean;
  /** The shared store of the `cache` option, when it named one. */
  store: CacheStore | undefined;
  cacheTtlMs: number;
  cacheStoreTimeoutMs: number;
  onWarning: (warning: CacheStoreError) => void;
  headers: Record<string, string>;
  onRequest: ((event: RequestEvent) => void) | undefined;
  onRetry: ((event: RetryEvent) => void) | undefined;
  maxResponseBytes: number;
  maxManifestEntries: number;
  /** Looks the key up on first use: an explicit key, the environment, then netrc. */
  apiKey: () => ApiKeyLookup;
}

/** Where options come from besides the caller. Tests pass their own. */
export type OptionSources = CredentialSources;

export const defaultBaseUrl = "https://api.wandb.ai";
export const defaultRetry: RetryLimits = {
  retries: 8,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
};
export const defaultTimeoutMs = 30_000;
/** `maxManifestEntries` when not given. */
export const defaultMaxManifestEntries = 10_000_000;
/**
 * 256 MiB. W&B's largest answers are batches of whole configs and summaries: it documents a config
 * under 10 MB and one logged step under 25 MB, and summaries run to a few MB at most, so 50 runs
 * fit many times over. Past 512 MiB the text of an answer could not even be made into a string.
 */
export const defaultMaxResponseBytes = 256 * 1024 * 1024;

const optionNames: ReadonlySet<string> = new Set<keyof ClientOptions>([
  "apiKey",
  "baseUrl",
  "entity",
  "project",
  "fetch",
  "timeoutMs",
  "retry",
  "maxBatchSize",
  "maxConcurrentRequests",
  "batchWindowMs",
  "cache",
  "cacheTtlMs",
  "cacheStoreTimeoutMs",
  "onWarning",
  "headers",
  "allowInsecureHttp",
  "onRequest",
  "onRetry",
  "maxResponseBytes",
  "maxManifestEntries",
]);
const retryOptionNames: ReadonlySet<string> = new Set<keyof RetryOptions>([
  "retries",
  "minDelayMs",
  "maxDelayMs",
  "maxElapsedMs",
]);

/** Checks that an options object names only known keys; typos fail loudly instead of being ignored. */
export function assertKnownOptions(options: object, known: ReadonlySet<string>, what: string): void {
  for (const name of Object.keys(options)) {
    if (!known.has(name)) {
      throw new InvalidArgumentError(
        `unknown ${what} option ${JSON.stringify(name)}; known options: ${[...known].join(", ")}`,
      );
    }
  }
}

/** Applies defaults, the environment and netrc to the caller's options, and checks them all. */
export function resolveOptions(
  options: ClientOptions = {},
  sources: OptionSources = { env: process.env, home: homedir() },
): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("createClient options must be an object");
  }
  assertKnownOptions(options, optionNames, "createClient");
  const { env } = sources;
  // A key at hand is scrubbed from every error from now on, including the option errors below (a
  // key pasted into a header or the base URL); a netrc key only once it is read.
  for (const key of [options.apiKey, env.WANDB_API_KEY]) {
    if (typeof key === "string") registerSecret(key.trim());
  }
  const baseUrl = resolveBaseUrl(options, env);
  const retry = resolveRetry(options.retry);
  const headers = resolveHeaders(options.headers);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new InvalidArgumentError("fetch must be a function");
  for (const hook of ["onRequest", "onRetry", "onWarning"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") {
      throw new InvalidArgumentError(`${hook} must be a function`);
    }
  }
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey.trim() === "")) {
    throw new InvalidArgumentError("apiKey must be a non-empty string");
  }
  const explicitKey = options.apiKey?.trim();
  let lookup: ApiKeyLookup | undefined;
  return {
    baseUrl,
    endpoint: `${baseUrl.href.replace(/\/+$/, "")}/graphql`,
    entity: optionalName(options.entity, "entity") ?? nonEmpty(env.WANDB_ENTITY),
    project: optionalName(options.project, "project") ?? nonEmpty(env.WANDB_PROJECT),
    fetch: fetchImpl,
    fetchGiven: options.fetch !== undefined,
    timeoutMs: resolveTimeout(options.timeoutMs, env.WANDB_HTTP_TIMEOUT),
    retry,
    maxBatchSize: positiveInteger(options.maxBatchSize, "maxBatchSize", 50),
    maxConcurrentRequests: positiveInteger(options.maxConcurrentRequests, "maxConcurrentRequests", 6),
    batchWindowMs: nonNegativeMs(options.batchWindowMs, "batchWindowMs", 0),
    cache: resolveCache(options.cache),
    store: isCacheStore(options.cache) ? options.cache : undefined,
    cacheTtlMs: nonNegativeMs(options.cacheTtlMs, "cacheTtlMs", 0),
    cacheStoreTimeoutMs: positiveInteger(options.cacheStoreTimeoutMs, "cacheStoreTimeoutMs", 500),
    onWarning: options.onWarning ?? ((warning) => process.emitWarning(warning)),
    headers,
    onRequest: options.onRequest,
    onRetry: options.onRetry,
    maxResponseBytes: positiveInteger(options.maxResponseBytes, "maxResponseBytes", defaultMaxResponseBytes),
    maxManifestEntries: positiveInteger(
      options.maxManifestEntries,
      "maxManifestEntries",
      defaultMaxManifestEntries,
    ),
    apiKey: () => {
      lookup ??= explicitKey ? { key: explicitKey } : lookUpApiKey(baseUrl, sources);
      return lookup;
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function optionalName(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "" || value.includes("/")) {
    throw new InvalidArgumentError(`${name} must be a non-empty name without "/"`);
  }
  return value.trim();
}

function resolveCache(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === "boolean" || isCacheStore(value)) return value !== false;
  throw new InvalidArgumentError(
    "cache must be true, false, or a store with get, set, delete and clear (such as new KeyvRedis(url))",
  );
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new InvalidArgumentError(`${name} must be true or false`);
  return value;
}

/** A whole number >= 1, or the default when undefined. */
export function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${name} must be a whole number >= 1, got ${String(value)}`);
  }
  return value;
}

function nonNegativeMs(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a number of milliseconds >= 0, got ${String(value)}`);
  }
  return value;
}

function resolveRetry(retry: ClientOptions["retry"]): RetryLimits {
  if (retry === false) return { ...defaultRetry, retries: 0 };
  if (retry === undefined) return { ...defaultRetry };
  if (typeof retry !== "object" || retry === null) {
    throw new InvalidArgumentError("retry must be an object of limits, or false");
  }
  assertKnownOptions(retry, retryOptionNames, "retry");
  const resolved = {
    retries: retry.retries === 0 ? 0 : positiveInteger(retry.retries, "retry.retries", defaultRetry.retries),
    minDelayMs: nonNegativeMs(retry.minDelayMs, "retry.minDelayMs", defaultRetry.minDelayMs),
    maxDelayMs: nonNegativeMs(retry.maxDelayMs, "retry.maxDelayMs", defaultRetry.maxDelayMs),
    maxElapsedMs: nonNegativeMs(retry.maxElapsedMs, "retry.maxElapsedMs", defaultRetry.maxElapsedMs),
  };
  if (resolved.maxDelayMs < resolved.minDelayMs) {
    throw new InvalidArgumentError("retry.maxDelayMs must not be below retry.minDelayMs");
  }
  return resolved;
}

function resolveTimeout(option: unknown, fromEnv: string | undefined): number {
  if (option !== undefined) {
    if (typeof option !== "number" || !Number.isFinite(option) || option <= 0) {
      throw new InvalidArgumentError(`timeoutMs must be a number of milliseconds > 0, got ${String(option)}`);
    }
    return option;
  }
  const text = nonEmpty(fromEnv);
  if (text === undefined) return defaultTimeoutMs;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError(
      `WANDB_HTTP_TIMEOUT must be a number of seconds > 0, got ${JSON.stringify(text)}`,
    );
  }
  return seconds * 1000;
}

function resolveHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new InvalidArgumentError("headers must be an object of header names to string values");
  }
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") throw new InvalidArgumentError(`header ${name} must be a string`);
    if (name.toLowerCase() === "authorization") {
      throw new InvalidArgumentError("headers must not set Authorization: pass apiKey instead");
    }
    try {
      new Headers([[name, value]]);
    } catch {
      throw new InvalidArgumentError(
        `header ${JSON.stringify(name)} is not a valid HTTP header name and value`,
      );
    }
    Object.defineProperty(resolved, name, { value, writable: true, enumerable: true, configurable: true });
  }
  return resolved;
}

function resolveBaseUrl(options: ClientOptions, env: Record<string, string | undefined>): URL {
  const fromOption = options.baseUrl !== undefined;
  const text = fromOption ? options.baseUrl : (nonEmpty(env.WANDB_BASE_URL) ?? defaultBaseUrl);
  const source = fromOption ? "baseUrl" : "WANDB_BASE_URL";
  let url: URL;
  try {
    if (typeof text !== "string") throw new TypeError("not a string");
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`${source} is not a URL: ${JSON.stringify(String(text))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidArgumentError(`${source} must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError(`${source} must not carry credentials; pass apiKey instead`);
  }
  if (url.search || url.hash) {
    throw new InvalidArgumentError(
      `${source} must not have a query or fragment: ${url.origin}${url.pathname}`,
    );
  }
  // The SDK adds /graphql itself; W&B serves it at its root, and the app's /api is not the API.
  const suffix = /\/(graphql|api)\/*$/i.exec(url.pathname);
  if (suffix) {
    const root = `${url.origin}${url.pathname.slice(0, suffix.index)}`;
    throw new InvalidArgumentError(
      `${source} ${url.origin}${url.pathname} ends in /${suffix[1]}: give the server's root, ${root}; ` +
        "requests go to <base URL>/graphql",
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw new InvalidArgumentError(
      `${source} ${url.origin} is plain http to a host that is not loopback; the API key would cross ` +
        "the network unencrypted. Use https, or set allowInsecureHttp: true if you mean it.",
    );
  }
  optionalBoolean(options.allowInsecureHttp, "allowInsecureHttp");
  return url;
}
