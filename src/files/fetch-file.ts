/**
 * One file's bytes, fetched and verified: streamed into a sink chunk by chunk (never whole in
 * memory), its size and base64 MD5 checked as the bytes pass, with retries for what can heal (a
 * dropped connection, a cut-off body, 5xx, 429, a stall longer than `timeoutMs` between chunks,
 * one digest mismatch) and a fresh URL from W&B when storage refuses an expired presigned one.
 * The sink decides where the bytes go (a temporary file, a bounded buffer); a failed attempt
 * discards what it wrote.
 */
import { createHash } from "node:crypto";
import {
  DigestMismatchError,
  FileNotFoundError,
  WandbAuthError,
  WandbError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbServerError,
  WandbTimeoutError,
} from "../errors.js";
import type { RetryEvent, RetryLimits } from "../options.js";
import { setLongTimeout } from "../timers.js";
import { raceAbort, sleep } from "../transport/abort.js";
import { giveUpError, networkCode, networkReason } from "../transport/failures.js";
import { isTransient, retryDecision, serverRequestedDelayMs } from "../transport/retry-policy.js";
import type { FileHttp } from "./file-http.js";
import { type HeaderReader, maxCodings } from "./http-get.js";

/** What to fetch. */
export interface FileSource {
  /** The run file's name or the artifact file's path, for messages and errors. */
  file: string;
  /** `entity/project/id` of the run, or `entity/project/name:vN` of the artifact, for messages. */
  owner: string;
  /** Bytes expected; `null` when unknown. */
  size: number | null;
  /**
   * When `size` is unknown: the most bytes accepted (the caller's `maxBytes`); past it the fetch
   * stops with a {@link WandbResponseError}, not retried. Without it, only the answer's own
   * `Content-Length` (when not encoded) bounds the body.
   */
  maxBytes?: number | undefined;
  /** Base64 MD5 expected; `null` when W&B recorded none. */
  md5: string | null;
  /** The URL to try first; without one, `refresh` is asked. */
  url: string | undefined;
  /** A new URL from W&B, for when the one in hand has expired. */
  refresh(): Promise<string>;
}

/** Where the bytes of one attempt go. */
export interface FileSink<T> {
  /** Starts an attempt; `size` is the bytes the answer announces, when it does (a hint, not a promise). */
  open(size?: number | null): Promise<void>;
  /** Takes the next chunk; returns a promise only when the caller must wait for it (backpressure). */
  write(chunk: Uint8Array): Promise<void> | undefined;
  /** Every chunk of the attempt is written. */
  close(): Promise<void>;
  /** The attempt failed: drop what it wrote. */
  discard(): Promise<void>;
  /** The bytes are verified: make them final. */
  commit(): Promise<T>;
}

/** How hard to try. */
export interface FetchPolicy {
  http: FileHttp;
  retry: RetryLimits;
  /** Longest wait for the answer's headers, and between two chunks of its body. */
  timeoutMs: number;
  operation: string;
  /** Bytes as they arrive, for progress. */
  onBytes?: ((bytes: number) => void) | undefined;
  /** Forget bytes reported by an attempt that failed. */
  onRetry?: ((bytesOfFailedAttempt: number) => void) | undefined;
  /** The client's `onRetry`, told before each wait for another attempt (not for a new URL). */
  announceRetry?: ((event: RetryEvent) => void) | undefined;
}

/** New presigned URLs asked for one file before giving up: storage refusing a fresh one is not expiry. */
const maxRefreshes = 2;
/** A digest mismatch is retried once: bytes corrupted on the way heal, bytes stored wrong do not. */
const maxMismatchRetries = 1;

/** An error of the sink itself, carried past the network's error handling unchanged. */
class SinkFailure extends Error {
  constructor(override readonly cause: unknown) {
    super("sink failed");
  }
}

/** Why one attempt failed, and what may heal it. */
export interface AttemptFailure {
  error: WandbError;
  retryable: boolean;
  /** Storage refused the URL (401/403 without credentials): ask W&B for a new one. */
  expired?: boolean;
  mismatch?: boolean;
  serverDelayMs?: number | undefined;
}

/** Fetches `source` into `sink`; resolves with what the sink commits. */
export async function fetchFile<T>(
  source: FileSource,
  sink: FileSink<T>,
  policy: FetchPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  let url = source.url ?? (await source.refresh());
  let refreshes = 0;
  let failures = 0;
  let mismatches = 0;
  // Waits count from the first attempt of a run of failures: an attempt that brought bytes
  // starts the clock again, so a long transfer cut near its end may still be retried.
  let streakStart = Date.now();
  for (;;) {
    if (signal?.aborted) throw signal.reason;
    let received = 0;
    let failure: AttemptFailure | undefined;
    try {
      failure = await attempt(url, source, sink, policy, signal, (bytes) => {
        received += bytes;
        policy.onBytes?.(bytes);
      });
    } catch (error) {
      // The sink's own failure (a full disk, a file too large to read): not the network's, not retried.
      await sink.discard();
      throw error;
    }
    if (!failure) return sink.commit();
    await sink.discard();
    policy.onRetry?.(received);
    if (signal?.aborted) throw signal.reason;
    if (failure.expired) {
      if (refreshes++ >= maxRefreshes) throw failure.error;
      url = await source.refresh();
      continue;
    }
    if (failure.mismatch && mismatches++ >= maxMismatchRetries) throw failure.error;
    if (!failure.retryable) throw failure.error;
    if (received > 0) streakStart = Date.now();
    failures++;
    // The same decision as every GraphQL request: clamped waits, a minimum backoff, the deadline.
    const elapsedMs = Date.now() - streakStart;
    const decision = retryDecision({
      error: failure.error,
      attempt: failures,
      elapsedMs,
      limits: policy.retry,
      transient: true,
    });
    if (!decision.retry) {
      if (decision.reason !== "deadline") throw failure.error;
      throw giveUpError({
        last: failure.error,
        decision,
        attempts: failures,
        elapsedMs,
        limits: policy.retry,
      });
    }
    policy.announceRetry?.({
      operationName: policy.operation,
      runs: [],
      attempt: failures,
      delayMs: decision.delayMs,
      error: failure.error,
    });
    await sleep(decision.delayMs, signal);
  }
}

/** One GET into the sink; undefined when the bytes arrived whole and verified. */
async function attempt<T>(
  url: string,
  source: FileSource,
  sink: FileSink<T>,
  policy: FetchPolicy,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<AttemptFailure | undefined> {
  const { operation } = policy;
  const context = { operation };
  const attempt = attemptAbort(signal, policy.timeoutMs);
  const controller = attempt.controller;
  const where = `${source.file} of ${source.owner}`;
  let stopReading: (() => void) | undefined;
  try {
    // Raced with the signal as well as given to fetch: a fetch stand-in may ignore its signal.
    const { answer, credentialed } = await raceAbort(
      policy.http.open(url, controller.signal, operation),
      controller.signal,
    );
    const status = answer.status;
    if (status !== 200) {
      answer.cancel();
      return statusFailure(status, credentialed, answer.headers, where, source.file, context);
    }
    const codings = contentCodings(answer.headers);
    if (codings.length > maxCodings) {
      // Each coding is another pass of decompression over the body: a CPU bomb. Never retried.
      answer.cancel();
      return {
        error: new WandbResponseError(
          `${where}: storage sent ${codings.length} stacked content codings; at most ${maxCodings} is accepted`,
          { ...context, field: "content-encoding" },
        ),
        retryable: false,
      };
    }
    // No digest to hold the bytes to (a manifest): no hashing either.
    const hash = source.md5 === null ? undefined : createHash("md5");
    let size = 0;
    const expected = expectedSize(source, answer.headers, codings);
    const limit = expected ?? source.maxBytes ?? null;
    if (
      expected !== null &&
      source.size === null &&
      source.maxBytes !== undefined &&
      expected > source.maxBytes
    ) {
      answer.cancel();
      return { error: tooLarge(where, source.maxBytes, context), retryable: false };
    }
    // An abort (a stall, the caller) ends the pending read at once, whatever the HTTP client did
    // with the signal.
    stopReading = answer.cancel;
    controller.signal.addEventListener("abort", stopReading, { once: true });
    await sinkStep(() => sink.open(expected));
    for (;;) {
      const next = await answer.read();
      if (controller.signal.aborted) throw controller.signal.reason;
      if (next.done) break;
      attempt.refresh();
      size += next.value.length;
      // Nothing past the size expected reaches the disk (a body that decompresses without end).
      if (expected === null && limit !== null && size > limit) {
        answer.cancel();
        return { error: tooLarge(where, limit, context), retryable: false };
      }
      if (expected !== null && size > expected) {
        answer.cancel();
        return {
          error: new WandbNetworkError(`${where}: the body ran past the ${expected} bytes expected`, context),
          retryable: true,
        };
      }
      hash?.update(next.value);
      onBytes(next.value.length);
      const wait = sinkStep(() => sink.write(next.value));
      if (wait) await wait;
    }
    await sinkStep(() => sink.close());
    if (expected !== null && size !== expected) {
      return {
        error: new WandbNetworkError(`${where}: the body ended after ${size} of ${expected} bytes`, context),
        retryable: true,
      };
    }
    const digest = hash?.digest("base64");
    if (source.md5 !== null && digest !== undefined && digest !== source.md5) {
      return {
        error: new DigestMismatchError(source.file, source.md5, digest, context),
        retryable: true,
        mismatch: true,
      };
    }
    return undefined;
  } catch (error) {
    if (error instanceof SinkFailure) throw error.cause;
    return thrownFailure(error, {
      aborted: signal?.aborted === true,
      timedOut: attempt.timedOut,
      where,
      policy,
      context,
    });
  } finally {
    attempt.dispose();
    if (stopReading) controller.signal.removeEventListener("abort", stopReading);
  }
}

/**
 * The bytes the body must have: W&B's size, else (a manifest) the answer's own Content-Length,
 * which tells a cut-off body; not when the server encoded the body, whose decoded length it is not.
 */
function expectedSize(source: FileSource, headers: HeaderReader, codings: readonly string[]): number | null {
  if (source.size !== null) return source.size;
  if (codings.length > 0) return null;
  const announced = Number(headers.get("content-length") ?? Number.NaN);
  return Number.isSafeInteger(announced) ? announced : null;
}

/**
 * The content codings of an answer, identity left out. One is what storage sends (gzip on a JSON
 * manifest); no server the SDK talks to stacks them.
 */
function contentCodings(headers: HeaderReader): string[] {
  return (headers.get("content-encoding") ?? "")
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding !== "" && coding !== "identity");
}

function tooLarge(where: string, maxBytes: number, context: { operation: string }): WandbResponseError {
  return new WandbResponseError(
    `${where}: W&B recorded no size and the body ran past maxBytes (${maxBytes} bytes); raise maxBytes to accept it`,
    { ...context, field: "size" },
  );
}

/** Runs a sink call; its failure (sync or not) becomes a SinkFailure, kept apart from the network's. */
function sinkStep(step: () => Promise<void> | undefined): Promise<void> | undefined {
  let pending: Promise<void> | undefined;
  try {
    pending = step();
  } catch (error) {
    throw new SinkFailure(error);
  }
  return pending?.catch((error: unknown) => {
    throw new SinkFailure(error);
  });
}

/** What a non-success status from storage or the W&B host means for a file fetch. */
/** One attempt's own abort: the caller's signal, and a stall timer that each chunk pushes back. */
export interface AttemptAbort {
  /** Aborted by the caller's signal, or when no bytes came for the attempt's timeout. */
  readonly controller: AbortController;
  /** Whether the stall timer fired. */
  readonly timedOut: boolean;
  /** Starts the stall timer again: bytes came. */
  refresh(): void;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

/** The abort of one file attempt, whole-file or Range: `timeoutMs` without bytes stalls it. */
export function attemptAbort(signal: AbortSignal | undefined, timeoutMs: number): AttemptAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  // One timer per attempt, pushed back by each chunk (refresh() is cheaper than a new timer), and
  // a long one (the caller sets timeoutMs) cannot overflow Node's timer.
  const timer = setLongTimeout(() => {
    timedOut = true;
    controller.abort(new Error("file transfer stalled"));
  }, timeoutMs);
  return {
    controller,
    get timedOut() {
      return timedOut;
    },
    refresh: () => timer.refresh(),
    dispose() {
      timer.clear();
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * What a thrown error of one file attempt means: an abort or one of the SDK's own errors ends the
 * download; a stalled body and a network failure that heals are tried again.
 */
export function thrownFailure(
  error: unknown,
  attempt: {
    aborted: boolean;
    timedOut: boolean;
    where: string;
    policy: FetchPolicy;
    context: ConstructorParameters<typeof WandbNetworkError>[1];
  },
): AttemptFailure {
  const { where, policy, context } = attempt;
  if (attempt.aborted) return { error: new WandbNetworkError("aborted", context), retryable: false };
  if (error instanceof WandbError) return { error, retryable: false };
  if (attempt.timedOut) {
    return {
      error: new WandbTimeoutError(`${where}: no bytes for ${policy.timeoutMs} ms`, 1, policy.timeoutMs, {
        ...context,
        cause: error,
      }),
      retryable: true,
    };
  }
  const failure = new WandbNetworkError(`${where}: ${networkReason(error)}`, {
    ...context,
    code: networkCode(error),
    cause: error,
  });
  // A connection reset or refused heals; a name that does not resolve or a bad certificate does not.
  return { error: failure, retryable: isTransient(failure) };
}

export function statusFailure(
  status: number,
  credentialed: boolean,
  headers: HeaderReader,
  where: string,
  file: string,
  context: { operation: string },
): AttemptFailure {
  const withStatus = { ...context, status };
  if ((status === 401 || status === 403) && !credentialed) {
    // Storage refuses a presigned URL once it expires; W&B hands out a new one.
    return {
      error: new WandbResponseError(
        `${where}: storage refused the URL (HTTP ${status}) after refreshing it`,
        withStatus,
      ),
      retryable: false,
      expired: true,
    };
  }
  if (status === 401 || status === 403) {
    return {
      error: new WandbAuthError(`${where}: W&B refused the API key (HTTP ${status})`, withStatus),
      retryable: false,
    };
  }
  if (status === 404 || status === 410) {
    return {
      error: new FileNotFoundError(`${where}: not found (HTTP ${status})`, file, withStatus),
      retryable: false,
    };
  }
  if (status === 429) {
    const delay = serverRequestedDelayMs(headers, Date.now());
    return {
      error: new WandbRateLimitError(`${where}: rate limited (HTTP 429)`, delay, withStatus),
      retryable: true,
      serverDelayMs: delay,
    };
  }
  if (status >= 500) {
    const delay = status === 503 ? serverRequestedDelayMs(headers, Date.now()) : undefined;
    const error = new WandbServerError(`${where}: HTTP ${status}`, [], undefined, delay, withStatus);
    return { error, retryable: isTransient(error), serverDelayMs: delay };
  }
  return { error: new WandbResponseError(`${where}: HTTP ${status}`, withStatus), retryable: false };
}
