/**
 * The export's one seam for history: runs (with their last step) and keys in, each run's rows as
 * flat rows out. Today every run is read from pages, several runs' step windows per request
 * (`loaders/history-windows.ts`), at most `concurrency` requests in flight (the transport's own
 * slots and Retry-After handling bound them further). With `source: "auto"`, each run is first
 * asked for its Parquet exports (`history/export-read.ts`, one `parquetHistory` request a run);
 * a run that has them is read from them (plus its live rows), the others from batched pages.
 */
import { type HistoryReadContext, historyColumns, openHistory } from "../history/export-read.js";
import type { HistoryColumns } from "../history/history-columns.js";
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

/** Reads runs from their Parquet exports where they have them; the rest are left to pages. */
export interface ExportsReader {
  context: HistoryReadContext;
  project: ProjectRef;
}

export interface HistoryReadOptions {
  /** Set: try each run's Parquet exports first (`source: "auto"`). */
  exports?: ExportsReader | undefined;
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
  let paged = runs;
  if (options.exports) {
    const fromExports = new Set<string>();
    for (let start = 0; start < runs.length; start += options.concurrency) {
      const round = runs.slice(start, start + options.concurrency).filter((run) => run.lastStep >= 0);
      const read = await Promise.all(
        round.map((run) => readFromExports(options.exports as ExportsReader, run, options)),
      );
      const finished: Array<{ runId: string; rows: FlatRow[] }> = [];
      round.forEach((run, i) => {
        const columns = read[i];
        if (!columns) return;
        fromExports.add(run.runId);
        finished.push({ runId: run.runId, rows: flatHistory(rowsOfColumns(columns), options.keys) });
      });
      if (finished.length > 0) yield finished;
    }
    paged = runs.filter((run) => !fromExports.has(run.runId));
  }
  for (const run of paged) {
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

/** The run's history from its exports (and live rows), or undefined when it has none. */
async function readFromExports(
  reader: ExportsReader,
  run: HistoryRun,
  options: HistoryReadOptions,
): Promise<HistoryColumns | undefined> {
  const ref = { ...reader.project, id: run.runId };
  const runPath = `${ref.entity}/${ref.project}/${ref.id}`;
  const read = {
    keys: undefined,
    minStep: 0,
    maxStep: run.lastStep + 1,
    pageSize: 1000,
    source: "auto" as const,
    signal: options.signal,
  };
  const history = await openHistory(reader.context, ref, runPath, read, "exportProject");
  if (history.pagesOnly) return undefined;
  return historyColumns(reader.context, history, read);
}

/** Columns back to sparse rows, for the one writer of history files. */
function rowsOfColumns(columns: HistoryColumns): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const entries = Object.entries(columns.columns);
  for (let i = 0; i < columns.steps.length; i++) {
    const row: HistoryRow = { _step: columns.steps[i] as number };
    for (const [key, column] of entries) {
      if (column.kind === "number") {
        if (column.present[i] === 1) row[key] = column.values[i] as number;
      } else {
        const value = column.values[i];
        if (value !== undefined) row[key] = value;
      }
    }
    rows.push(row);
  }
  return rows;
}
