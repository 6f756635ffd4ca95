/**
 * The planner: which loads go out together. Loads wait grouped as requests are built, by part
 * (one project, and one selection where asks cannot share one) and by run; when slots free, the
 * planner slices each part into chunks of at most `maxBatchSize` runs, packs the chunks into
 * requests (several projects may share one), and hands out as many requests as there are free
 * slots, those holding the oldest loads first. Pure functions over plain data: no I/O, no clock.
 */
import { artifactPageSize } from "./artifact-pages.js";
import {
  addToCoverage,
  type Coverage,
  groupNames,
  type Need,
  type PartVariables,
  partitionOf,
  type RunHandle,
  specOf,
} from "./field-groups.js";

/** One caller's ask, waiting for its answer. */
export interface Load {
  readonly run: RunHandle;
  readonly need: Need;
  readonly signal: AbortSignal | undefined;
  /** Set once the caller has its answer or gave up (aborted): the planner drops such loads. */
  readonly settled: boolean;
}

/** One run of a request, with every load that waits on it. */
export interface PlannedRun<L extends Load = Load> {
  readonly run: RunHandle;
  /** Loads join while the request is in flight, when what it asks covers theirs. */
  readonly loads: L[];
  /** Arrival number of its first load. */
  readonly arrival: number;
}

/** The runs of one project that share one selection. */
interface WaitingPart<L extends Load> {
  key: string;
  entity: string;
  project: string;
  partition: string;
  runs: Map<string, PlannedRun<L>>;
}

/** Loads waiting for a slot, grouped as requests are built. */
export interface Waiting<L extends Load = Load> {
  parts: Map<string, WaitingPart<L>>;
  arrivals: number;
  /** The part the last load went to. */
  lastPart: WaitingPart<L> | undefined;
}

/** A slice of one part that goes into one request, with what its runs ask together. */
export interface Chunk<L extends Load = Load> {
  entity: string;
  project: string;
  runs: Array<PlannedRun<L>>;
  coverage: Coverage;
}

/** The chunks of one request (one per project part it carries). */
export type PlannedRequest<L extends Load = Load> = Array<Chunk<L>>;

/** Limits a plan respects. */
export interface PlanLimits {
  /** Runs per request. */
  maxBatchSize: number;
  /** Requests to hand out now: the free slots. */
  maxRequests: number;
}

export function emptyWaiting<L extends Load>(): Waiting<L> {
  return { parts: new Map(), arrivals: 0, lastPart: undefined };
}

/** Adds a load; a load of a run that already waits joins that run. */
export function addLoad<L extends Load>(waiting: Waiting<L>, load: L): void {
  const { run } = load;
  const partition = partitionOf(load.need);
  // Loads come in runs of one project: the last part used saves building its key each time.
  let part = waiting.lastPart;
  if (!part || part.entity !== run.entity || part.project !== run.project || part.partition !== partition) {
    const partKey = `${run.entity}/${run.project}|${partition}`;
    part = waiting.parts.get(partKey);
    if (!part) {
      part = { key: partKey, entity: run.entity, project: run.project, partition, runs: new Map() };
      waiting.parts.set(partKey, part);
    }
    waiting.lastPart = part;
  }
  let planned = part.runs.get(run.id);
  if (!planned) {
    planned = { run, loads: [], arrival: waiting.arrivals };
    part.runs.set(run.id, planned);
  }
  waiting.arrivals++;
  planned.loads.push(load);
}

/** Whether any load waits. */
export function isWaiting(waiting: Waiting): boolean {
  return waiting.parts.size > 0;
}

/**
 * Takes at most `maxRequests` requests out of `waiting`, those holding the oldest loads first;
 * the rest keeps waiting. Settled loads are dropped on the way. Per project, never more requests
 * than ceil(runs / maxBatchSize); first fit, largest chunks first, packs several projects' chunks
 * into one request.
 */
export function takeRequests<L extends Load>(
  waiting: Waiting<L>,
  limits: PlanLimits,
): Array<PlannedRequest<L>> {
  const { maxBatchSize, maxRequests } = limits;
  const slices: Array<Slice<L>> = [];
  for (const part of waiting.parts.values()) {
    let runs: Array<PlannedRun<L>> = [];
    for (const planned of part.runs.values()) {
      if (!planned.loads.some(isLive)) {
        part.runs.delete(planned.run.id);
        continue;
      }
      runs.push(planned);
      if (runs.length === maxBatchSize) {
        slices.push({ part, runs });
        runs = [];
      }
    }
    if (runs.length > 0) slices.push({ part, runs });
    if (part.runs.size === 0) removePart(waiting, part);
  }
  // Oldest first: a request is as old as the first run of its oldest slice.
  const requests = packSlices(slices, maxBatchSize)
    .map((request) => ({ request, age: Math.min(...request.map((slice) => slice.runs[0]?.arrival ?? 0)) }))
    .sort((a, b) => a.age - b.age)
    .slice(0, Math.max(0, maxRequests));
  return requests.map(({ request }) =>
    request.map(({ part, runs }) => {
      for (const planned of runs) part.runs.delete(planned.run.id);
      if (part.runs.size === 0) removePart(waiting, part);
      return { entity: part.entity, project: part.project, runs, coverage: coverageOf(runs) };
    }),
  );
}

interface Slice<L extends Load> {
  part: WaitingPart<L>;
  runs: Array<PlannedRun<L>>;
}

function removePart<L extends Load>(waiting: Waiting<L>, part: WaitingPart<L>): void {
  waiting.parts.delete(part.key);
  if (waiting.lastPart === part) waiting.lastPart = undefined;
}

function isLive(load: Load): boolean {
  return !load.settled;
}

/**
 * First fit, largest first: packs slices of at most `max` runs into requests of at most `max`
 * runs. Each project's slices are full but for its last, so a project never costs more requests
 * than ceil(runs / max).
 */
export function packSlices<T extends { runs: readonly unknown[] }>(slices: readonly T[], max: number): T[][] {
  const sorted = [...slices].sort((a, b) => b.runs.length - a.runs.length);
  const requests: Array<{ size: number; slices: T[] }> = [];
  for (const slice of sorted) {
    let request = requests.find((candidate) => candidate.size + slice.runs.length <= max);
    if (!request) {
      request = { size: 0, slices: [] };
      requests.push(request);
    }
    request.size += slice.runs.length;
    request.slices.push(slice);
  }
  return requests.map((request) => request.slices);
}

/** What the unsettled loads of `runs` ask together. */
export function coverageOf(runs: readonly PlannedRun[]): Coverage {
  const coverage: Coverage = {};
  for (const planned of runs) {
    for (const load of planned.loads) if (!load.settled) addToCoverage(coverage, load.need);
  }
  return coverage;
}

/** The variables of one chunk's part of the batch document; `after` pages on within the chunk. */
export function partVariables(chunk: Chunk, after: string | null): PartVariables {
  const names = chunk.runs.map((planned) => planned.run.id);
  const variables = {
    entity: chunk.entity,
    project: chunk.project,
    filters: JSON.stringify({ name: { $in: names } }),
    first: names.length,
    after,
    artifactPageSize,
  } as PartVariables;
  for (const group of groupNames) Object.assign(variables, specOf(group).variables(chunk.coverage[group]));
  return variables;
}
