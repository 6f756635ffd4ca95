/** What a client's downloads share: its file GETs, its retry limits and its timeout. */
import type { ResolvedOptions } from "../options.js";
import type { FetchPolicy } from "./fetch-file.js";
import { createFileHttp } from "./file-http.js";

/** The file side of one client. */
export interface FileClient {
  /** How to fetch a file for `operation`: the client's retries, and `timeoutMs` between chunks. */
  policy(operation: string): FetchPolicy;
}

/** Makes the file side of a client. */
export function createFileClient(options: ResolvedOptions): FileClient {
  const http = createFileHttp(options);
  return {
    policy: (operation) => ({ http, retry: options.retry, timeoutMs: options.timeoutMs, operation }),
  };
}
