/**
 * Step windows of many runs of one project in one request: `project { w0: run(name: $run_0) {
 * history(minStep: $minStep_0, maxStep: $maxStep_0, samples: $samples) } w1: … }`, each copy the
 * generated RunHistoryPage selection with its variables renamed apart (aliased-document.ts). Where
 * W&B's own client asks one window of one run per request, an export asks one request per several
 * runs' windows. `history` is max-exclusive, and `samples` is at least the widest window, so no
 * window is down-sampled.
 */
import type { FieldNode } from "graphql";
import { RunHistoryPageDocument } from "../_generated/graphql.js";
import type { ProjectRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import { type HistoryRow, readHistoryRows, sortByStep } from "../wire/history.js";
import {
  aliased,
  composedDocument,
  memoized,
  operationParts,
  renameVariables,
  variableDefinition,
  withSelections,
} from "./aliased-document.js";
import { requireProject, runNotFound, throwIfErrors } from "./answers.js";

/** One run's steps `minStep <= _step < maxStep`. */
export interface HistoryWindow {
  runId: string;
  minStep: number;
  maxStep: number;
}

const parts = operationParts(RunHistoryPageDocument);
const runField = (parts.rootField.selectionSet?.selections ?? [])[0] as FieldNode;
const perWindow = new Set(["run", "minStep", "maxStep"]);

// One document per number of windows: a client sends the same few shapes over and over.
const documentFor = memoized((count: number) => {
  const fields = Array.from({ length: count }, (_, i) =>
    aliased(
      renameVariables(runField, (name) => (perWindow.has(name) ? `${name}_${i}` : name)),
      `w${i}`,
    ),
  );
  const definitions = [
    variableDefinition(parts, "entity"),
    variableDefinition(parts, "project"),
    variableDefinition(parts, "samples"),
    variableDefinition(parts, "withLastStep"),
    ...Array.from({ length: count }, (_, i) =>
      [...perWindow].map((name) => variableDefinition(parts, name, (same) => `${same}_${i}`)),
    ).flat(),
  ];
  return composedDocument<Record<string, unknown>>(parts, definitions, [
    withSelections(parts.rootField, fields),
  ]);
});

/** The rows of each window, in the windows' order, each sorted by `_step` and within its window. */
export async function fetchHistoryWindows(
  transport: Transport,
  project: ProjectRef,
  windows: readonly HistoryWindow[],
  signal: AbortSignal | undefined,
): Promise<HistoryRow[][]> {
  if (windows.length === 0) return [];
  const variables: Record<string, unknown> = {
    entity: project.entity,
    project: project.project,
    samples: windows.reduce((widest, window) => Math.max(widest, window.maxStep - window.minStep), 1),
    withLastStep: false,
  };
  windows.forEach((window, i) => {
    variables[`run_${i}`] = window.runId;
    variables[`minStep_${i}`] = window.minStep;
    variables[`maxStep_${i}`] = window.maxStep;
  });
  const projectPath = `${project.entity}/${project.project}`;
  const answer = await transport.request({
    document: documentFor(windows.length),
    variables,
    signal,
    runs: windows.map((window) => `${projectPath}/${window.runId}`),
    project: projectPath,
  });
  throwIfErrors(answer);
  const found = requireProject(
    (answer.data as { project?: Record<string, unknown> | null } | undefined)?.project,
    project,
    answer.operationName,
  );
  return windows.map((window, i) => {
    const run = found[`w${i}`] as { history?: unknown[] } | null | undefined;
    const ref = { ...project, id: window.runId };
    if (!run) throw runNotFound(ref, answer.operationName);
    const rows = readHistoryRows(run.history, `${projectPath}/${window.runId}`, answer.operationName);
    return sortByStep(rows).filter((row) => row._step >= window.minStep && row._step < window.maxStep);
  });
}
