/**
 * The export's one seam for history: runs (with their last step) and keys in, each run's rows as
 * flat rows out. Today every run is read from pages, several runs' step windows per request
 * (`loaders/history-windows.ts`), at most `concurrency` requests in flight (the transport's own
 * slots and Retry-After handling bound them further). When W&B's Parquet exports can be read
 * (branch history-exports), runs that have them go through that reader here instead.
 */
import type { HistoryWindow } from "../loaders/history-windows.js";
import { fetchHistoryWindows } from "../loaders/history-windows.js";
import type { ProjectRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import type { HistoryRow } from "../wire/history.js";
import { type FlatRow, flatten } from "./columns.js";

/** A run whose history to read: its steps are 0 to `lastStep` (-1: none logged). */
export interface HistoryRun {
  runId: string;
  lastStep: number;
}

export interface HistoryReadOptions {
  /** Keys to keep (with their nested `key.sub` columns), or null for all. */
  keys: readonly string[] | null;
  concurrency: number;
  rowsPerRequest: number;
  signal: AbortSignal | undefined;
}

/** Windows one request may carry at most, however small. */
const maxWindowsPerRequest = 100;

/** Yields runs as their history is whole, a group after each round of requests. */
export async function* readHistoryBatches(
  transport: Transport,
  project: ProjectRef,
  runs: readonly HistoryRun[],
  options: HistoryReadOptions,
): AsyncGenerator<Array<{ runId: string; rows: FlatRow[] }>, void, undefined> {
  const pending = new Map<string, { windows: number; rows: HistoryRow[] }>();
  const empty: Array<{ runId: string; rows: FlatRow[] }> = [];
  const windows: HistoryWindow[] = [];
  for (const run of runs) {
    if (run.lastStep < 0) {
      empty.push({ runId: run.runId, rows: [] });
      continue;
    }
    let count = 0;
    for (let min = 0; min <= run.lastStep; min += options.rowsPerRequest) {
      windows.push({
        runId: run.runId,
        minStep: min,
        maxStep: Math.min(min + options.rowsPerRequest, run.lastStep + 1),
      });
      count++;
    }
    pending.set(run.runId, { windows: count, rows: [] });
  }
  if (empty.length > 0) yield empty;
  const requests = packWindows(windows, options.rowsPerRequest);
  const fetchRound = (start: number) => {
    const round = requests.slice(start, start + options.concurrency);
    return Promise.all(
      round.map((request) => fetchHistoryWindows(transport, project, request, options.signal)),
    ).then((answers) => ({ round, answers }));
  };
  // The next round is asked for while the caller writes this one's files.
  let ahead = requests.length > 0 ? fetchRound(0) : undefined;
  for (let start = 0; ahead !== undefined; start += options.concurrency) {
    const current = ahead;
    const { round, answers } = await current;
    ahead =
      start + options.concurrency < requests.length ? fetchRound(start + options.concurrency) : undefined;
    // A round asked for ahead that fails after the caller stopped must not go unhandled.
    ahead?.catch(() => {});
    const finished: Array<{ runId: string; rows: FlatRow[] }> = [];
    round.forEach((request, r) => {
      request.forEach((window, w) => {
        const state = pending.get(window.runId) as { windows: number; rows: HistoryRow[] };
        for (const row of (answers[r] as HistoryRow[][])[w] as HistoryRow[]) state.rows.push(row);
        if (--state.windows === 0) {
          pending.delete(window.runId);
          finished.push({ runId: window.runId, rows: flatHistory(state.rows, options.keys) });
        }
      });
    });
    if (finished.length > 0) yield finished;
  }
}

/** Windows packed into requests of at most `budget` steps and {@link maxWindowsPerRequest} windows. */
export function packWindows(windows: readonly HistoryWindow[], budget: number): HistoryWindow[][] {
  const requests: HistoryWindow[][] = [];
  let current: HistoryWindow[] = [];
  let steps = 0;
  for (const window of windows) {
    const size = window.maxStep - window.minStep;
    if (current.length > 0 && (steps + size > budget || current.length >= maxWindowsPerRequest)) {
      requests.push(current);
      current = [];
      steps = 0;
    }
    current.push(window);
    steps += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** Rows as flat rows: `_step` an INT64, nested keys dotted, only `keys` (and their sub-keys) when given. */
function flatHistory(rows: readonly HistoryRow[], keys: readonly string[] | null): FlatRow[] {
  const out: FlatRow[] = [];
  let lastStep = Number.NaN;
  for (const row of rows) {
    // Windows meet but never overlap; a server that repeats a step anyway gives it once.
    if (row._step === lastStep) continue;
    lastStep = row._step;
    const { _step, ...values } = row;
    const flat = flatten(values, "");
    const kept: FlatRow = { _step: BigInt(_step) };
    for (const [name, value] of Object.entries(flat)) {
      if (!keys || keys.some((key) => name === key || name.startsWith(`${key}.`))) kept[name] = value;
    }
    if (keys && Object.keys(kept).length === 1) continue;
    out.push(kept);
  }
  return out;
}
