/**
 * A run's history from its Parquet exports plus the rows not exported yet, as W&B's reader does
 * (`core/internal/runhistoryreader/reader.go`): every export file opened over Range requests (only
 * its footer, then the asked columns of the row groups whose `_step` statistics meet the range),
 * and the live rows asked of the windowed pages only for `[max(minStep, minLiveStep), maxStep)`,
 * so an exported row is never fetched twice. Rows and columns come out in `_step` order, one per
 * step. This is the internal entry point for other readers (the project export): `openHistory`,
 * then `historyRows` or `historyColumns`.
 */
import { asyncBufferFromFile } from "hyparquet";
import { NoHistoryExportsError } from "../errors.js";
import type { FetchPolicy } from "../files/fetch-file.js";
import { openRangeFile } from "../files/range-file.js";
import { scanHistory } from "../loaders/history-scan.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import { defineOwn } from "../wire/fields.js";
import type { HistoryRow } from "../wire/history.js";
import type { HistoryExportList } from "../wire/history-exports.js";
import {
  type DecodedGroup,
  decodeGroup,
  type ExportFile,
  type GroupRef,
  groupsInRange,
  openExportFile,
  unreadableExport,
} from "./export-file.js";
import { cachePath, fetchExportFile, isCached } from "./export-files-on-disk.js";
import { fetchExportList, objectPath, refreshedUrl } from "./export-list.js";
import { ColumnsBuilder, type HistoryColumns, historyValue } from "./history-columns.js";

/** Where history may come from: exports when the run has them, exports only, or pages only. */
export type HistorySource = "auto" | "exports" | "pages";

/** What a read needs of the client. */
export interface HistoryReadContext {
  transport: Transport;
  /** The file client's policy (deadlines, retries) for storage reads. */
  policy: FetchPolicy;
}

/** What to read. */
export interface HistoryRead {
  keys: readonly string[] | undefined;
  minStep: number;
  /** Exclusive; `undefined`: to the end. */
  maxStep: number | undefined;
  /** Steps per page request, where pages serve. */
  pageSize: number;
  source: HistorySource;
  signal: AbortSignal | undefined;
  /** Where whole export files are kept between reads (see `export-files-on-disk.ts`); none by default. */
  cacheDir?: string | undefined;
}

/** A run's history, located: its export files opened, or pages only. */
export interface OpenedHistory {
  readonly ref: RunRef;
  readonly runPath: string;
  /** The export files (none when pages serve everything). */
  readonly files: readonly ExportFile[];
  /** Where live rows start (`undefined`: none are live, or pages serve everything). */
  readonly liveStart: number | undefined;
  /** Whether pages serve everything (no exports, or a server without them, or `source: "pages"`). */
  readonly pagesOnly: boolean;
  /** Body bytes read from storage so far. */
  bytesRead(): number;
}

/** Export files opened at once. */
const openConcurrency = 4;

/** Locates the run's history and opens its export files (footers only). */
export async function openHistory(
  context: HistoryReadContext,
  ref: RunRef,
  runPath: string,
  read: HistoryRead,
  operation: string,
): Promise<OpenedHistory> {
  const pagesOnly = (): OpenedHistory => ({
    ref,
    runPath,
    files: [],
    liveStart: undefined,
    pagesOnly: true,
    bytesRead: () => 0,
  });
  if (read.source === "pages") return pagesOnly();
  const list = await fetchExportList(context.transport, ref, runPath, read.signal);
  if (list === "unsupported" || list.urls.length === 0) {
    if (read.source === "exports") {
      throw new NoHistoryExportsError(
        list === "unsupported"
          ? `${operation}: this W&B server does not serve history exports (parquetHistory); use source "auto" or "pages"`
          : `${operation}: run ${runPath} has no history exports yet; use source "auto" or "pages"`,
        { operation, runPath },
      );
    }
    return pagesOnly();
  }
  const remote = await openRemoteFiles(context, ref, runPath, list, read, operation);
  return {
    ref,
    runPath,
    files: remote.map((entry) => entry.file),
    liveStart: list.minLiveStep === undefined ? undefined : Math.max(read.minStep, list.minLiveStep),
    pagesOnly: false,
    bytesRead: () => remote.reduce((sum, entry) => sum + entry.bytes(), 0),
  };
}

function fileName(url: string): string {
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1)) || path;
}

async function openRemoteFiles(
  context: HistoryReadContext,
  ref: RunRef,
  runPath: string,
  list: HistoryExportList,
  read: Pick<HistoryRead, "signal" | "cacheDir">,
  operation: string,
): Promise<Array<{ file: ExportFile; bytes: () => number }>> {
  const { signal, cacheDir } = read;
  const opened: Array<{ file: ExportFile; bytes: () => number }> = new Array(list.urls.length);
  let next = 0;
  const worker = async () => {
    while (next < list.urls.length) {
      const i = next++;
      const url = list.urls[i] as string;
      const name = fileName(url);
      const path = objectPath(url);
      const where = { name, runPath, operation };
      const refresh = () => refreshedUrl(context.transport, ref, runPath, path, signal, where);
      const range = await openRangeFile(
        { file: name, owner: runPath, url, refresh },
        context.policy,
        signal,
        (head) => {
          if (String.fromCharCode(...head) !== "PAR1") throw unreadableExport(where, "not a Parquet file");
        },
      );
      if (cacheDir === undefined) {
        opened[i] = {
          file: await openExportFile(range, name, runPath, operation),
          bytes: () => range.bytesRead,
        };
        continue;
      }
      const cached = cachePath(cacheDir, path, range.byteLength);
      let fetched = 0;
      if (!(await isCached(cached, range.byteLength))) {
        await fetchExportFile(cached, { name, runPath, url, refresh }, context.policy, signal);
        fetched = range.byteLength;
      }
      const local = await asyncBufferFromFile(cached);
      opened[i] = {
        file: await openExportFile(local, name, runPath, operation),
        bytes: () => range.bytesRead + fetched,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(openConcurrency, list.urls.length) }, worker));
  return opened;
}

/** Row groups of every file that may meet `[minStep, maxStep)`, by their smallest step. */
function plannedGroups(history: OpenedHistory, minStep: number, maxStep: number): GroupRef[] {
  return history.files
    .flatMap((file) => groupsInRange(file, minStep, maxStep))
    .sort((a, b) => a.minStep - b.minStep || a.start - b.start);
}

/** A decoded step as a number; `undefined` for a null step, which W&B skips. */
function stepAt(group: DecodedGroup, i: number): number | undefined {
  const raw = group.steps[i];
  const step = typeof raw === "bigint" ? Number(raw) : raw;
  return typeof step === "number" && Number.isFinite(step) ? step : undefined;
}

/** The rows of one decoded group in `[minStep, end)`, in file order. */
function groupRows(
  group: DecodedGroup,
  keys: readonly string[] | undefined,
  minStep: number,
  end: number,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const columns = [...group.columns];
  for (let i = 0; i < group.rows; i++) {
    const step = stepAt(group, i);
    if (step === undefined || step < minStep || step >= end) continue;
    const row: HistoryRow = { _step: step };
    let any = false;
    for (const [key, values] of columns) {
      const value = historyValue(values[i]);
      if (value === undefined) continue;
      defineOwn(row, key, value);
      any = true;
    }
    if (any || keys === undefined) rows.push(row);
  }
  return rows;
}

/** Exported rows in `[minStep, end)`, in step order, one per step (rows of one step merged). */
async function* exportedRows(
  history: OpenedHistory,
  keys: readonly string[] | undefined,
  minStep: number,
  end: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<HistoryRow> {
  const groups = plannedGroups(history, minStep, end);
  // Rows decoded but not yet safe to yield: a later group may start below their steps.
  let pending: HistoryRow[] = [];
  for (let g = 0; g < groups.length; g++) {
    if (signal?.aborted) throw signal.reason;
    const group = groups[g] as GroupRef;
    pending = mergeSorted(pending, sortRows(groupRows(await decodeGroup(group, keys), keys, minStep, end)));
    const nextMin = groups[g + 1]?.minStep ?? Number.POSITIVE_INFINITY;
    let ready = 0;
    while (ready < pending.length && (pending[ready] as HistoryRow)._step < nextMin) ready++;
    yield* pending.slice(0, ready);
    pending = pending.slice(ready);
  }
  yield* pending;
}

function sortRows(rows: HistoryRow[]): HistoryRow[] {
  for (let i = 1; i < rows.length; i++) {
    if ((rows[i] as HistoryRow)._step <= (rows[i - 1] as HistoryRow)._step)
      return mergeSorted(
        [],
        rows.sort((a, b) => a._step - b._step),
      );
  }
  return rows;
}

/** Two step-sorted lists as one, rows of one step merged (the later list's values win). */
function mergeSorted(a: HistoryRow[], b: HistoryRow[]): HistoryRow[] {
  if (a.length === 0 && isStrict(b)) return b;
  const out: HistoryRow[] = [];
  let i = 0;
  let j = 0;
  const push = (row: HistoryRow) => {
    const last = out[out.length - 1];
    if (last && last._step === row._step) out[out.length - 1] = { ...last, ...row };
    else out.push(row);
  };
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x._step <= y._step)) {
      push(x as HistoryRow);
      i++;
    } else {
      push(y);
      j++;
    }
  }
  return out;
}

function isStrict(rows: HistoryRow[]): boolean {
  for (let i = 1; i < rows.length; i++)
    if ((rows[i] as HistoryRow)._step <= (rows[i - 1] as HistoryRow)._step) return false;
  return true;
}

/** Every row in `[minStep, maxStep)`, in step order, one per step. */
export async function* historyRows(
  context: HistoryReadContext,
  history: OpenedHistory,
  read: HistoryRead,
): AsyncGenerator<HistoryRow, void, undefined> {
  const pages = (minStep: number) =>
    scanHistory(context.transport, history.ref, history.runPath, {
      keys: read.keys,
      pageSize: read.pageSize,
      minStep,
      maxStep: read.maxStep,
      signal: read.signal,
    });
  if (history.pagesOnly) {
    yield* pages(read.minStep);
    return;
  }
  const end = read.maxStep ?? Number.POSITIVE_INFINITY;
  const liveStart = history.liveStart;
  const exportedEnd = Math.min(end, liveStart ?? Number.POSITIVE_INFINITY);
  yield* exportedRows(history, read.keys, read.minStep, exportedEnd, read.signal);
  if (liveStart === undefined || liveStart >= end) return;
  // Rows exported at or past the first live step (an export that caught up meanwhile) are merged
  // with the live ones by step, so no step comes twice.
  const overlap: HistoryRow[] = [];
  for await (const row of exportedRows(history, read.keys, liveStart, end, read.signal)) overlap.push(row);
  let k = 0;
  for await (const row of pages(liveStart)) {
    while (k < overlap.length && (overlap[k] as HistoryRow)._step < row._step)
      yield overlap[k++] as HistoryRow;
    if (k < overlap.length && (overlap[k] as HistoryRow)._step === row._step) {
      yield { ...(overlap[k++] as HistoryRow), ...row };
      continue;
    }
    yield row;
  }
  while (k < overlap.length) yield overlap[k++] as HistoryRow;
}

/** Every row in `[minStep, maxStep)` as columns; on the exports path no row object is made. */
export async function historyColumns(
  context: HistoryReadContext,
  history: OpenedHistory,
  read: HistoryRead,
): Promise<HistoryColumns> {
  const builder = new ColumnsBuilder();
  const addRow = (row: HistoryRow) => {
    const index = builder.startRow(row._step);
    for (const key of Object.keys(row)) if (key !== "_step") builder.set(index, key, row[key]);
  };
  const end = read.maxStep ?? Number.POSITIVE_INFINITY;
  if (history.pagesOnly) {
    for await (const row of historyRows(context, history, read)) addRow(row);
    return builder.finish(read.keys);
  }
  const liveStart = history.liveStart;
  const exportedEnd = Math.min(end, liveStart ?? Number.POSITIVE_INFINITY);
  for (const group of plannedGroups(history, read.minStep, exportedEnd)) {
    if (read.signal?.aborted) throw read.signal.reason;
    const decoded = await decodeGroup(group, read.keys);
    const columns = [...decoded.columns];
    for (let i = 0; i < decoded.rows; i++) {
      const step = stepAt(decoded, i);
      if (step === undefined || step < read.minStep || step >= exportedEnd) continue;
      if (
        read.keys !== undefined &&
        !columns.some(([, values]) => values[i] !== null && values[i] !== undefined)
      ) {
        continue;
      }
      const index = builder.startRow(step);
      for (const [key, values] of columns) builder.set(index, key, historyValue(values[i]));
    }
  }
  if (liveStart !== undefined && liveStart < end) {
    for await (const row of historyRows(context, history, { ...read, minStep: liveStart })) addRow(row);
  }
  return builder.finish(read.keys);
}
