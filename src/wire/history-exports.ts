/**
 * `Run.parquetHistory` read at the edge: the export files' presigned URLs and the steps of the rows
 * not exported yet. `liveData` holds one object per live row with only the `liveKeys` asked
 * (`_step`), whose value W&B's reader takes as a float64 (`extractStepValuesFromLiveData`).
 */
import { expectList, expectString, type FieldSource, within } from "./fields.js";

/** Where a run's history is: exported files, and the rows still only live. */
export interface HistoryExportList {
  /** Presigned storage URLs, one per export file; their order is not stable across calls. */
  urls: string[];
  /** The smallest step not exported yet; `undefined` when every row is exported. */
  minLiveStep: number | undefined;
  /** How many rows are live (not exported). */
  liveRows: number;
}

/** Reads `parquetHistory { parquetUrls liveData }`. */
export function readHistoryExportList(
  raw: { parquetUrls: readonly unknown[]; liveData: readonly unknown[] },
  source: FieldSource,
): HistoryExportList {
  const urlsSource = within(source, "parquetUrls");
  const urls = expectList(raw.parquetUrls, urlsSource).map((url, i) => expectString(url, urlsSource, i));
  let minLiveStep: number | undefined;
  let liveRows = 0;
  for (const item of expectList(raw.liveData, within(source, "liveData"))) {
    liveRows++;
    const step = stepOf(item);
    if (step !== undefined && (minLiveStep === undefined || step < minLiveStep)) minLiveStep = step;
  }
  return { urls, minLiveStep, liveRows };
}

/** A live row's `_step`: a number, or a numeric string (JSON text of a row); else none. */
function stepOf(item: unknown): number | undefined {
  let row = item;
  if (typeof row === "string") {
    try {
      row = JSON.parse(row);
    } catch {
      return undefined;
    }
  }
  if (row === null || typeof row !== "object") return undefined;
  const step = (row as { _step?: unknown })._step;
  const value = typeof step === "string" ? Number(step) : step;
  return typeof value === "number" && Number.isFinite(value) ? Math.floor(value) : undefined;
}
