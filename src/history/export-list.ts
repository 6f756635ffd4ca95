/**
 * Asks W&B where a run's history exports are (`parquetHistory(liveKeys: ["_step"])`, as W&B's own
 * reader asks). A server older than the field refuses the whole document at validation; that is
 * remembered per client (per transport), so later scans go straight to the windowed pages.
 */
import { RunParquetHistoryDocument } from "../_generated/graphql.js";
import { WandbGraphQLError } from "../errors.js";
import { requireRun, throwIfErrors } from "../loaders/answers.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import { type HistoryExportList, readHistoryExportList } from "../wire/history-exports.js";
import { unreadableExport } from "./export-file.js";

/** Clients whose server rejected `parquetHistory`. */
const withoutExports = new WeakSet<Transport>();

/** The run's export list, or `"unsupported"` when the server does not know `parquetHistory`. */
export async function fetchExportList(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  signal: AbortSignal | undefined,
): Promise<HistoryExportList | "unsupported"> {
  if (withoutExports.has(transport)) return "unsupported";
  let run: { parquetHistory: { parquetUrls: unknown[]; liveData: unknown[] } };
  let operation: string;
  try {
    const answer = await send(transport, ref, runPath, signal);
    operation = answer.operationName;
    throwIfErrors(answer, runPath);
    run = requireRun(answer.data?.project, ref, answer.operationName);
  } catch (error) {
    if (rejectsField(error)) {
      withoutExports.add(transport);
      return "unsupported";
    }
    throw error;
  }
  return readHistoryExportList(run.parquetHistory, {
    field: "parquetHistory",
    runPath,
    operation,
  });
}

function send(transport: Transport, ref: RunRef, runPath: string, signal: AbortSignal | undefined) {
  return transport.request({
    document: RunParquetHistoryDocument,
    variables: { entity: ref.entity, project: ref.project, run: ref.id },
    signal,
    runs: [runPath],
    project: `${ref.entity}/${ref.project}`,
  });
}

/**
 * Whether W&B refused the document because it does not know the field: a validation failure (HTTP
 * 400 or 422, or 200 with `errors` and no data) whose message names `parquetHistory` ("Cannot
 * query field …"), as W&B's client recognizes an old server by the argument's name in the text.
 */
function rejectsField(error: unknown): boolean {
  return (
    error instanceof WandbGraphQLError &&
    (error.status === undefined || error.status < 500) &&
    error.errors.some(
      (entry) => /parquetHistory/.test(entry.message) && !/run .*not found/i.test(entry.message),
    )
  );
}

/** The object's name in a presigned URL: its origin and path, without the signature. */
export function objectPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * A fresh URL for the export at `path` (see {@link objectPath}): a new list from W&B, the same
 * object found by its path, since URL order is not stable across calls.
 */
export async function refreshedUrl(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  path: string,
  signal: AbortSignal | undefined,
  where: { name: string; runPath: string; operation: string },
): Promise<string> {
  const fresh = await fetchExportList(transport, ref, runPath, signal);
  const match = fresh === "unsupported" ? undefined : fresh.urls.find((url) => objectPath(url) === path);
  if (!match) throw unreadableExport(where, "W&B no longer lists it");
  return match;
}
