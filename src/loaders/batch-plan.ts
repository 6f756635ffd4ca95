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
  capOf,
  cappedGroups,
  groupNames,
  type Need,
  type PartVariables,
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

/** The waiting runs of one project. */
interface WaitingProject<L extends Load> {
  key: string;
  entity: string;
  project: string;
  runs: Map<string, PlannedRun<L>>;
}

/** Loads waiting for a slot, grouped by project and by run as they arrive. */
export interface Waiting<L extends Load = Load> {
  projects: Map<string, WaitingProject<L>>;
  arrivals: number;
  /** The project the last load went to: loads come in runs of one project. */
  lastProject: WaitingProject<L> | undefined;
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
  return { projects: new Map(), arrivals: 0, lastProject: undefined };
}

/** Adds a load; a load of a run that already waits joins that run. */
export function addLoad<L extends Load>(waiting: Waiting<L>, load: L): void {
  const { run } = load;
  let project = waiting.lastProject;
  if (!project || project.entity !== run.entity || project.project !== run.project) {
    const key = `${run.entity}/${run.project}`;
    project = waiting.projects.get(key);
    if (!project) {
      project = { key, entity: run.entity, project: run.project, runs: new Map() };
      waiting.projects.set(key, project);
    }
    waiting.lastProject = project;
  }
  let planned = project.runs.get(run.id);
  if (!planned) {
    planned = { run, loads: [], arrival: waiting.arrivals };
    project.runs.set(run.id, planned);
  }
  waiting.arrivals++;
  planned.loads.push(load);
}

/** Whether any load waits. */
export function isWaiting(waiting: Waiting): boolean {
  return waiting.projects.size > 0;
}

/**
 * Takes at most `maxRequests` requests out of `waiting`, those holding the oldest loads first;
 * the rest keeps waiting. Settled loads are dropped on the way. A project's runs form one part,
 * or one per sample cap where a run asks several caps of one field (see {@link splitByCaps}). Per
 * part, never more requests than ceil(runs / maxBatchSize); first fit, largest chunks first, packs
 * several parts (of several projects) into one request.
 */
export function takeRequests<L extends Load>(
  waiting: Waiting<L>,
  limits: PlanLimits,
): Array<PlannedRequest<L>> {
  const { maxBatchSize, maxRequests } = limits;
  const slices: Array<Slice<L>> = [];
  for (const project of waiting.projects.values()) {
    // Parts by their caps, each holding its runs in arrival order. No more of a project's runs
    // can go out now than fill the free slots, and the oldest come first: the rest is not looked at.
    const parts = new Map<string, Array<PlannedRun<L>>>();
    let room = maxRequests * maxBatchSize;
    for (const planned of project.runs.values()) {
      if (room-- <= 0) break;
      if (!planned.loads.some(isLive)) {
        project.runs.delete(planned.run.id);
        continue;
      }
      for (const [caps, part] of splitByCaps(planned)) {
        const runs = parts.get(caps);
        if (runs) runs.push(part);
        else parts.set(caps, [part]);
      }
    }
    for (const runs of parts.values()) {
      for (let start = 0; start < runs.length; start += maxBatchSize) {
        slices.push({ project, runs: runs.slice(start, start + maxBatchSize) });
      }
    }
    if (project.runs.size === 0) removeProject(waiting, project);
  }
  // Oldest first: a request is as old as the first run of its oldest slice.
  const requests = packSlices(slices, maxBatchSize, (slice) => slice.runs.length)
    .map((request) => ({
      request,
      age: request.reduce(
        (age, slice) => Math.min(age, slice.runs[0]?.arrival ?? 0),
        Number.POSITIVE_INFINITY,
      ),
    }))
    .sort((a, b) => a.age - b.age)
    .slice(0, Math.max(0, maxRequests));
  return requests.map(({ request }) =>
    request.map(({ project, runs }) => {
      for (const planned of runs) take(waiting, project, planned);
      return { entity: project.entity, project: project.project, runs, coverage: coverageOf(runs) };
    }),
  );
}

interface Slice<L extends Load> {
  project: WaitingProject<L>;
  runs: Array<PlannedRun<L>>;
}

/**
 * A run's loads split by the sample caps their fields take (`history(samples:)`,
 * `events(samples:)`): a request part carries one value of each, so a run asked for two caps of
 * one field goes in two parts. Loads without a cap ride with the first part, so that a run asked
 * for events and notes is one entry of one part, not one per field. Keyed by the part's caps.
 */
export function splitByCaps<L extends Load>(planned: PlannedRun<L>): Array<[string, PlannedRun<L>]> {
  // Most runs ask no capped field and have no settled load: one part, the run as it is.
  let simple = true;
  for (const load of planned.loads) {
    if (load.settled || capOf(load.need) !== undefined) {
      simple = false;
      break;
    }
  }
  if (simple) return [[noCaps, planned]];
  const live = planned.loads.filter(isLive);
  const caps = cappedGroups.map((group) => [
    ...new Set(live.flatMap((load) => (load.need.group === group ? [capOf(load.need) ?? -1] : []))),
  ]);
  // -1 stands for "asked without a cap" (history with keys): it needs no part of its own.
  const distinct = caps.map((values) => values.filter((cap) => cap >= 0));
  const count = distinct.reduce((most, values) => Math.max(most, values.length), 1);
  if (count === 1 && live.length === planned.loads.length) return [[capsKey(distinct, 0), planned]];
  return Array.from({ length: count }, (_, slot): [string, PlannedRun<L>] => {
    const loads = live.filter((load) => {
      const cap = capOf(load.need);
      if (cap === undefined) return slot === 0;
      return distinct[cappedGroups.indexOf(load.need.group)]?.[slot] === cap;
    });
    return [capsKey(distinct, slot), { run: planned.run, loads, arrival: planned.arrival }];
  });
}

/** The part key of a run that asks no capped field. */
const noCaps = cappedGroups.map(() => "").join("|");

function capsKey(distinct: number[][], slot: number): string {
  return distinct.map((values) => values[slot] ?? "").join("|");
}

/** Takes a part of a run out of what waits: the run itself, or the loads its part carries. */
function take<L extends Load>(waiting: Waiting<L>, project: WaitingProject<L>, part: PlannedRun<L>): void {
  const waitingRun = project.runs.get(part.run.id);
  if (waitingRun && waitingRun !== part) {
    const taken = new Set(part.loads);
    const left = waitingRun.loads.filter((load) => !taken.has(load) && isLive(load));
    waitingRun.loads.length = 0;
    for (const load of left) waitingRun.loads.push(load);
    if (left.length > 0) return;
  }
  project.runs.delete(part.run.id);
  if (project.runs.size === 0) removeProject(waiting, project);
}

function removeProject<L extends Load>(waiting: Waiting<L>, project: WaitingProject<L>): void {
  waiting.projects.delete(project.key);
  if (waiting.lastProject === project) waiting.lastProject = undefined;
}

function isLive(load: Load): boolean {
  return !load.settled;
}

/**
 * First fit, largest first: packs slices of at most `max` lookups (runs, artifact versions;
 * `sizeOf` counts them) into requests of at most `max`. Each project's slices are full but for its
 * last, so a project never costs more requests than ceil(lookups / max).
 */
export function packSlices<T>(slices: readonly T[], max: number, sizeOf: (slice: T) => number): T[][] {
  const sorted = [...slices].sort((a, b) => sizeOf(b) - sizeOf(a));
  const requests: Array<{ size: number; slices: T[] }> = [];
  for (const slice of sorted) {
    const size = sizeOf(slice);
    let request = requests.find((candidate) => candidate.size + size <= max);
    if (!request) {
      request = { size: 0, slices: [] };
      requests.push(request);
    }
    request.size += size;
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
