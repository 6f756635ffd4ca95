/**
 * Every history row of a run, exactly, paged by step windows as W&B's own `scan_history` does:
 * `history(minStep, maxStep, samples)` with `maxStep` exclusive and `samples` equal to the window,
 * so no window can hold more rows than it may return and nothing is down-sampled. Steps only move
 * forward, so the scan cannot loop; it ends at the last step W&B reports, which must be a whole
 * number.
 */
import { RunHistoryPageDocument } from "../_generated/graphql.js";
import { WandbResponseError } from "../errors.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import { readJsonObject } from "../wire/fields.js";
import { type HistoryRow, projectRows, readHistoryRows, sortByStep } from "../wire/history.js";
import { requireRun, throwIfErrors } from "./answers.js";

export interface HistoryScan {
  keys: readonly string[] | undefined;
  pageSize: number;
  minStep: number;
  /** Exclusive; the run's last step + 1 when undefined. */
  maxStep: number | undefined;
  signal: AbortSignal | undefined;
}

/** Yields the rows page by page; memory holds one page at a time. */
export async function* scanHistory(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  scan: HistoryScan,
): AsyncGenerator<HistoryRow, void, undefined> {
  let end = scan.maxStep ?? Number.POSITIVE_INFINITY;
  let first = true;
  for (let from = scan.minStep; from < end; from += scan.pageSize) {
    const to = Math.min(from + scan.pageSize, end);
    const answer = await transport.request({
      document: RunHistoryPageDocument,
      variables: {
        entity: ref.entity,
        project: ref.project,
        run: ref.id,
        minStep: from,
        maxStep: Number.isFinite(to) ? to : from + scan.pageSize,
        samples: scan.pageSize,
        withLastStep: first,
      },
      signal: scan.signal,
      runs: [runPath],
      project: `${ref.entity}/${ref.project}`,
    });
    throwIfErrors(answer, runPath);
    const run = requireRun(answer.data?.project, ref, answer.operationName);
    if (first) {
      first = false;
      // Where the history ends: historyKeys.lastStep, else the summary's _step, else nothing logged.
      const keysInfo = readJsonObject(run.historyKeys, {
        field: "historyKeys",
        runPath,
        operation: answer.operationName,
      });
      const summary = readJsonObject(run.lastStepSummary, {
        field: "summaryMetrics",
        runPath,
        operation: answer.operationName,
      });
      const lastStep =
        typeof keysInfo.lastStep === "number"
          ? keysInfo.lastStep
          : typeof summary._step === "number"
            ? summary._step
            : -1;
      // The scan ends where W&B says the history ends; a step that is not a whole number (a bare
      // Infinity in the summary, 1e300) would make that end never come.
      if (!Number.isSafeInteger(lastStep)) {
        throw new WandbResponseError(
          `${answer.operationName}: W&B gave ${String(lastStep)} as the last step of run ${runPath}, not a whole number`,
          { operation: answer.operationName, runPath, field: "historyKeys.lastStep" },
        );
      }
      end = Math.min(end, lastStep + 1);
    }
    const rows = sortByStep(readHistoryRows(run.history, runPath, answer.operationName)).filter(
      (row) => row._step >= from && row._step < end,
    );
    yield* scan.keys ? projectRows(rows, scan.keys) : rows;
  }
}
