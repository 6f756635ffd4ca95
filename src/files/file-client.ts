/** What a client's downloads share: its file GETs, its retry limits and its timeout. */
import type { ResolvedOptions, RetryEvent } from "../options.js";
import type { DownloadProgress, DownloadRun } from "./download-files.js";
import type { FetchPolicy } from "./fetch-file.js";
import { createFileHttp } from "./file-http.js";

/** The file side of one client. */
export interface FileClient {
  /** Most entries a manifest may list (the client's `maxManifestEntries`). */
  maxManifestEntries: number;
  /** How to fetch a file for `operation`: the client's retries, and `timeoutMs` between chunks. */
  policy(operation: string): FetchPolicy;
  /** What the files of one download call share: the policy and the caller's options. */
  downloadRun(
    operation: string,
    options: {
      concurrency: number;
      overwrite: boolean;
      maxBytes: number;
      onProgress?: ((progress: DownloadProgress) => void) | undefined;
      signal?: AbortSignal | undefined;
    },
  ): DownloadRun;
}

/** Makes the file side of a client. */
export function createFileClient(options: ResolvedOptions): FileClient {
  const http = createFileHttp(options);
  const { onRetry } = options;
  // A logging hook must not turn a download into a failure: what it throws is ignored.
  const announceRetry = onRetry
    ? (event: RetryEvent) => {
        try {
          onRetry(event);
        } catch {}
      }
    : undefined;
  const policy = (operation: string): FetchPolicy => ({
    http,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    operation,
    announceRetry,
  });
  return {
    maxManifestEntries: options.maxManifestEntries,
    policy,
    downloadRun: (operation, { concurrency, overwrite, maxBytes, onProgress, signal }) => ({
      policy: policy(operation),
      concurrency,
      overwrite,
      maxBytes,
      onProgress,
      signal,
    }),
  };
}
