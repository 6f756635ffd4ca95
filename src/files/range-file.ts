/**
 * A remote file read by HTTP Range requests, for formats read from the end and in pieces (Parquet:
 * footer first, then only the column chunks wanted). The same client, deadlines and retries as
 * whole-file fetches (`fetch-file.ts`): storage is asked without W&B credentials, a stall longer
 * than `timeoutMs` fails the attempt, what can heal is retried with backoff, and a presigned URL
 * that storage refuses is asked of W&B again once. A range answered with anything but 206 and the
 * bytes asked for is an error: a server that ignores `Range` would send the whole file each time
 * (W&B's own reader refuses the same, `parquet-rust-wrapper/src/httpfile.rs`).
 */
import { WandbNetworkError, WandbResponseError } from "../errors.js";
import { raceAbort, sleep } from "../transport/abort.js";
import { backoffDelayMs } from "../transport/retry-policy.js";
import {
  type AttemptFailure,
  attemptAbort,
  type FetchPolicy,
  statusFailure,
  thrownFailure,
} from "./fetch-file.js";

/** What to read. */
export interface RangeSource {
  /** The file's name, for errors. */
  file: string;
  /** `entity/project/id` of the run it belongs to, for errors. */
  owner: string;
  /** The presigned URL to try first. */
  url: string;
  /** A new URL from W&B, for when storage refuses the one in hand (expired). */
  refresh(): Promise<string>;
}

/** A remote file's bytes, read in ranges; the shape hyparquet's `AsyncBuffer` asks for. */
export interface RangeFile {
  readonly byteLength: number;
  /** Bytes `[start, end)`; `end` defaults to the end of the file. */
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  /** Body bytes received so far, every attempt counted. */
  readonly bytesRead: number;
  /** Range requests sent so far. */
  readonly requests: number;
}

/** New URLs asked for one file: W&B says an expired URL is asked again once. */
const maxRefreshes = 1;
/** The first request: the file's first bytes, whose answer also says the file's size. */
const probeBytes = 4;

/**
 * Opens `source`: one ranged GET of its first bytes, which says its size (`Content-Range`) and
 * lets `check` refuse a file that is not what it should be (its magic number) before more is read.
 */
export async function openRangeFile(
  source: RangeSource,
  policy: FetchPolicy,
  signal: AbortSignal | undefined,
  check?: (head: Uint8Array, size: number) => void,
): Promise<RangeFile> {
  let url = source.url;
  let refreshes = 0;
  let refreshing: Promise<string> | undefined;
  let bytesRead = 0;
  let requests = 0;
  const where = `${source.file} of run ${source.owner}`;

  async function refresh(used: string): Promise<string> {
    // Slices read at once share one new URL; a slice that failed on an older URL takes the new one.
    if (used !== url) return url;
    if (!refreshing) {
      if (refreshes++ >= maxRefreshes) return "";
      refreshing = source.refresh().then(
        (fresh) => {
          url = fresh;
          refreshing = undefined;
          return fresh;
        },
        (error: unknown) => {
          refreshing = undefined;
          throw error;
        },
      );
    }
    return refreshing;
  }

  async function read(start: number, end: number | undefined): Promise<{ bytes: Uint8Array; size: number }> {
    let failures = 0;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const used = url;
      requests++;
      const result = await attempt(used, start, end, where, policy, signal, (n) => {
        bytesRead += n;
        policy.onBytes?.(n);
      });
      if ("bytes" in result) return result;
      const failure = result.failure;
      if (signal?.aborted) throw signal.reason;
      if (failure.expired) {
        const fresh = await refresh(used);
        if (fresh === "") throw failure.error;
        continue;
      }
      if (!failure.retryable || failures++ >= policy.retry.retries) throw failure.error;
      const delayMs = failure.serverDelayMs ?? backoffDelayMs(failures, policy.retry);
      policy.announceRetry?.({
        operationName: policy.operation,
        runs: [source.owner],
        attempt: failures,
        delayMs,
        error: failure.error,
      });
      await sleep(delayMs, signal);
    }
  }

  const head = await read(0, probeBytes);
  const byteLength = head.size;
  check?.(head.bytes, byteLength);
  return {
    byteLength,
    get bytesRead() {
      return bytesRead;
    },
    get requests() {
      return requests;
    },
    async slice(start, end = byteLength) {
      if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end <= byteLength)) {
        throw new WandbResponseError(
          `${where}: a read of bytes ${start}-${end} past its ${byteLength} bytes`,
          {
            operation: policy.operation,
            runPath: source.owner,
          },
        );
      }
      if (end <= start) return new ArrayBuffer(0);
      const { bytes } = await read(start, end);
      // A fresh buffer of exactly the slice: hyparquet keeps views into it.
      return bytes.buffer.byteLength === bytes.length
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}

type RangeResult = { bytes: Uint8Array; size: number } | { failure: AttemptFailure };

/** One ranged GET of `[start, end)` (`end` undefined: `probeBytes` from 0 whatever the size). */
async function attempt(
  url: string,
  start: number,
  end: number | undefined,
  where: string,
  policy: FetchPolicy,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<RangeResult> {
  const { operation } = policy;
  const context = { operation };
  const attempt = attemptAbort(signal, policy.timeoutMs);
  const controller = attempt.controller;
  let stopReading: (() => void) | undefined;
  const last = (end ?? probeBytes) - 1;
  try {
    const { answer, credentialed } = await raceAbort(
      policy.http.open(url, controller.signal, operation, { Range: `bytes=${start}-${last}` }),
      controller.signal,
    );
    const status = answer.status;
    if (status === 416) {
      answer.cancel();
      // Nothing at offset 0: the file is empty.
      return { failure: { error: invalid(`${where}: the file is empty`, operation), retryable: false } };
    }
    if (status !== 206) {
      answer.cancel();
      if (status === 200) {
        return {
          failure: {
            error: invalid(`${where}: storage ignored the Range request (HTTP 200, not 206)`, operation),
            retryable: false,
          },
        };
      }
      return { failure: statusFailure(status, credentialed, answer.headers, where, where, context) };
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(answer.headers.get("content-range")?.trim() ?? "");
    const size = range ? Number(range[3]) : Number.NaN;
    const from = range ? Number(range[1]) : Number.NaN;
    const to = range ? Number(range[2]) : Number.NaN;
    const wantedTo = end === undefined ? Math.min(last, size - 1) : last;
    if (!range || !Number.isSafeInteger(size) || from !== start || to !== wantedTo) {
      answer.cancel();
      return {
        failure: {
          error: invalid(
            `${where}: storage answered bytes ${start}-${last} with Content-Range "${answer.headers.get("content-range") ?? ""}"`,
            operation,
          ),
          retryable: false,
        },
      };
    }
    const length = to - from + 1;
    const bytes = new Uint8Array(length);
    let at = 0;
    stopReading = answer.cancel;
    controller.signal.addEventListener("abort", stopReading, { once: true });
    for (;;) {
      const next = await answer.read();
      if (controller.signal.aborted) throw controller.signal.reason;
      if (next.done) break;
      attempt.refresh();
      if (at + next.value.length > length) {
        answer.cancel();
        return {
          failure: {
            error: new WandbNetworkError(`${where}: a range ran past the ${length} bytes asked`, context),
            retryable: true,
          },
        };
      }
      bytes.set(next.value, at);
      at += next.value.length;
      onBytes(next.value.length);
    }
    if (at !== length) {
      return {
        failure: {
          error: new WandbNetworkError(`${where}: a range ended after ${at} of ${length} bytes`, context),
          retryable: true,
        },
      };
    }
    return { bytes, size };
  } catch (error) {
    return {
      failure: thrownFailure(error, {
        aborted: signal?.aborted === true,
        timedOut: attempt.timedOut,
        where,
        policy,
        context,
      }),
    };
  } finally {
    attempt.dispose();
    if (stopReading) controller.signal.removeEventListener("abort", stopReading);
  }
}

function invalid(message: string, operation: string): WandbResponseError {
  return new WandbResponseError(message, { operation });
}
