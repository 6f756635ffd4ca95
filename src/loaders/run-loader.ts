/**
 * The loader layer: the only path from run operations to the network for run fields, so batching,
 * deduplication and caching cannot be bypassed.
 *
 * One DataLoader collects every load issued in the same tick. The loads are merged per run and
 * per project, runs are packed into requests of at most `maxBatchSize` runs (several projects may
 * share one request as aliased parts), and each request selects the union of the field groups its
 * runs need. Answers are parsed at the edge, kept per run, and handed back per load; a failure
 * concerns only the runs it points at.
 */
import DataLoader from "dataloader";
import type { RunLightFieldsFragment, RunsByNameQuery } from "../_generated/graphql.js";
import { type GraphQLErrorEntry, ProjectNotFoundError, WandbResponseError } from "../errors.js";
import type { ResolvedOptions } from "../options.js";
import type { RunRef } from "../paths.js";
import { AbortFanIn, raceAbort } from "../transport/abort.js";
import type { Transport, TransportResult } from "../transport/http-transport.js";
import type { ArtifactVersion } from "../wire/artifacts.js";
import { cleanSummary, readJsonObject, unwrapConfig } from "../wire/fields.js";
import {
  downsample,
  type HistoryRow,
  readHistoryRows,
  type SampledSpec,
  sortByStep,
  specText,
  zipSampledRows,
} from "../wire/history.js";
import { readHistoryKeys, readSystemRows, type SystemMetricsRow } from "../wire/run-extras.js";
import { type LightFields, readLightFields } from "../wire/run-fields.js";
import { graphQLError, runNotFound } from "./answers.js";
import { type ArtifactVersionOf, artifactPageSize, collectArtifactPages } from "./artifact-pages.js";
import {
  batchDocument,
  batchVariables,
  type PartVariables,
  type ProjectPart,
  partAlias,
} from "./batch-document.js";
import {
  type ArtifactDirection,
  coversKeys,
  type FieldGroup,
  type FlagGroup,
  type HistoryRequest,
  historyKey,
  keysWithin,
  mergeRecord,
  type ProjectedObject,
  pickKeys,
  type RunRecord,
} from "./run-cache.js";

/** A run as the operations hand it over: its coordinates and its `entity/project/id` path. */
export type RunHandle = RunRef & { readonly path: string };

/** Per-call options of every run operation. */
export interface LoadOptions {
  /** Rejects this call at once when aborted. */
  signal?: AbortSignal | undefined;
  /** Ask the server even when the cache could answer. */
  fresh?: boolean | undefined;
}

/** What one load asks of one run. */
export type Need =
  | { group: "light" }
  | { group: "config" | "summary"; keys: readonly string[] | undefined }
  | { group: ArtifactDirection }
  | { group: "history"; request: HistoryRequest }
  | { group: FlagGroup }
  | { group: "events"; samples: number };

interface Load {
  ref: RunRef;
  path: string;
  need: Need;
  signal: AbortSignal | undefined;
}

/** What one answer brought for one run: parsed fields, and errors of single fields. */
interface FetchedRun {
  record: RunRecord;
  errors: Partial<Record<FieldGroup, Error>>;
  artifacts: Partial<Record<ArtifactDirection, Promise<ArtifactVersion[]>>>;
}

// DataLoader adopts a promise value into its own; a box keeps each run's answer separate from
// the batch, so a run resolves as soon as its own request is done.
interface FetchedBox {
  fetched: Promise<FetchedRun>;
}

/**
 * The groups that are one field of the run, asked for whole or not at all (switched on by
 * `withNotes`, `withSystemMetrics`, `withHistoryKeys`): how each field is read into the cache.
 */
const flagGroups: {
  [G in FlagGroup]: {
    read(node: RunNode, runPath: string, operation: string): NonNullable<RunRecord[G]>;
  };
} = {
  notes: { read: (node) => ({ value: node.notes ?? null }) },
  systemMetrics: {
    read: (node, runPath, operation) =>
      readJsonObject(
        node.systemMetrics,
        { field: "systemMetrics", runPath, operation },
        { specialStrings: true },
      ),
  },
  historyKeys: {
    read: (node, runPath, operation) =>
      readHistoryKeys(node.historyKeys, { field: "historyKeys", runPath, operation }),
  },
};

/** The union of what the runs of one request part need; also what an in-flight request covers. */
interface Coverage {
  light: boolean;
  config: true | Set<string> | undefined;
  summary: true | Set<string> | undefined;
  outputArtifacts: boolean;
  inputArtifacts: boolean;
  plainSamples: number | undefined;
  specs: Map<string, SampledSpec>;
  flags: Set<FlagGroup>;
  eventsSamples: number | undefined;
}

interface PlannedRun {
  ref: RunRef;
  path: string;
  loads: Load[];
}

/** Runs of one project that can share one selection. */
interface Part {
  entity: string;
  project: string;
  plainSamples: number | undefined;
  eventsSamples: number | undefined;
  runs: Map<string, PlannedRun>;
}

/** A slice of a part that goes into one request. */
interface Chunk {
  part: Part;
  runs: PlannedRun[];
  coverage: Coverage;
}

interface InFlight {
  coverage: Coverage;
  fetched: Deferred<FetchedRun>;
  fanIn: AbortFanIn;
}

interface Deferred<T> {
  promise: Promise<T>;
  /** Set the moment `resolve` or `reject` is called, before any waiter runs. */
  readonly settled: boolean;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function defer<T>(): Deferred<T> {
  let resolvePromise!: (value: T) => void;
  let rejectPromise!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolvePromise = res;
    rejectPromise = rej;
  });
  // Every waiter attaches its own handlers; this one only keeps an abandoned answer from being
  // reported as an unhandled rejection.
  promise.catch(() => {});
  const deferred = {
    promise,
    settled: false,
    resolve(value: T) {
      deferred.settled = true;
      resolvePromise(value);
    },
    reject(error: unknown) {
      deferred.settled = true;
      rejectPromise(error);
    },
  };
  return deferred;
}

function unionKeys(
  current: true | Set<string> | undefined,
  keys: readonly string[] | undefined,
): true | Set<string> {
  if (current === true || keys === undefined) return true;
  const union = current ?? new Set<string>();
  for (const key of keys) union.add(key);
  return union;
}

function specId(spec: SampledSpec): string {
  return `${spec.samples}|${spec.key}`;
}

function coverageOf(runs: readonly PlannedRun[], part: Part): Coverage {
  const coverage: Coverage = {
    light: false,
    config: undefined,
    summary: undefined,
    outputArtifacts: false,
    inputArtifacts: false,
    plainSamples: part.plainSamples,
    specs: new Map(),
    flags: new Set(),
    eventsSamples: part.eventsSamples,
  };
  for (const run of runs) {
    for (const { need } of run.loads) {
      switch (need.group) {
        case "light":
          coverage.light = true;
          break;
        case "config":
        case "summary":
          coverage[need.group] = unionKeys(coverage[need.group], need.keys);
          break;
        case "outputArtifacts":
        case "inputArtifacts":
          coverage[need.group] = true;
          break;
        case "history":
          for (const key of need.request.keys ?? []) {
            const spec = { key, samples: need.request.samples };
            coverage.specs.set(specId(spec), spec);
          }
          break;
        case "events":
          break; // one sample cap per part: see dispatch
        default:
          coverage.flags.add(need.group);
      }
    }
  }
  return coverage;
}

function covers(coverage: Coverage, need: Need): boolean {
  switch (need.group) {
    case "light":
      return coverage.light;
    case "config":
    case "summary":
      return keysWithin(coverage[need.group], need.keys);
    case "outputArtifacts":
    case "inputArtifacts":
      return coverage[need.group];
    case "history": {
      const { keys, samples } = need.request;
      if (keys === undefined) return coverage.plainSamples === samples;
      return keys.every((key) => coverage.specs.has(specId({ key, samples })));
    }
    case "events":
      return coverage.eventsSamples === need.samples;
    default:
      return coverage.flags.has(need.group);
  }
}

function partVariables(chunk: Chunk, after: string | null): PartVariables {
  const { coverage, part } = chunk;
  const names = chunk.runs.map((run) => run.ref.id);
  const keyList = (covered: true | Set<string> | undefined) =>
    covered instanceof Set ? [...covered].sort() : null;
  return {
    entity: part.entity,
    project: part.project,
    filters: JSON.stringify({ name: { $in: names } }),
    first: names.length,
    after,
    withLight: coverage.light,
    withConfig: coverage.config === true,
    withConfigKeys: coverage.config instanceof Set,
    configKeys: keyList(coverage.config),
    withSummary: coverage.summary === true,
    withSummaryKeys: coverage.summary instanceof Set,
    summaryKeys: keyList(coverage.summary),
    withOutputArtifacts: coverage.outputArtifacts,
    withInputArtifacts: coverage.inputArtifacts,
    artifactPageSize,
    withHistory: coverage.plainSamples !== undefined,
    historySamples: coverage.plainSamples ?? null,
    withSampledHistory: coverage.specs.size > 0,
    historySpecs: [...coverage.specs.values()].map(specText),
    withNotes: coverage.flags.has("notes"),
    withSystemMetrics: coverage.flags.has("systemMetrics"),
    withHistoryKeys: coverage.flags.has("historyKeys"),
    withEvents: coverage.eventsSamples !== undefined,
    eventsSamples: coverage.eventsSamples ?? null,
  };
}

/** Splits parts into chunks of at most `max` runs and packs the chunks into requests. */
function packRequests(parts: Iterable<Part>, max: number): Chunk[][] {
  const chunks: Chunk[] = [];
  for (const part of parts) {
    const runs = [...part.runs.values()];
    for (let start = 0; start < runs.length; start += max) {
      const slice = runs.slice(start, start + max);
      chunks.push({ part, runs: slice, coverage: coverageOf(slice, part) });
    }
  }
  // First fit, largest chunks first: never more requests than ceil(runs / max) per project.
  chunks.sort((a, b) => b.runs.length - a.runs.length);
  const requests: Array<{ size: number; chunks: Chunk[] }> = [];
  for (const chunk of chunks) {
    let request = requests.find((r) => r.size + chunk.runs.length <= max);
    if (!request) {
      request = { size: 0, chunks: [] };
      requests.push(request);
    }
    request.size += chunk.runs.length;
    request.chunks.push(chunk);
  }
  return requests.map((request) => request.chunks);
}

type RunNode = NonNullable<NonNullable<RunsByNameQuery["project"]>["runs"]>["edges"][number]["node"];

// A whole object's key set is never read (`full` answers every key) nor changed: one serves all.
const noKeys: ReadonlySet<string> = new Set();

const groupOfField: Record<string, FieldGroup> = {
  config: "config",
  configSubset: "config",
  summaryMetrics: "summary",
  summarySubset: "summary",
  outputArtifacts: "outputArtifacts",
  inputArtifacts: "inputArtifacts",
  history: "history",
  sampledHistory: "history",
  notes: "notes",
  systemMetrics: "systemMetrics",
  historyKeys: "historyKeys",
  events: "events",
};

/** Sorts a part's errors by the run and field group their path points at. */
function attributeErrors(
  errors: readonly GraphQLErrorEntry[],
  names: ReadonlyArray<string | undefined>,
): {
  whole: GraphQLErrorEntry[];
  byRun: Map<string, Array<{ group: FieldGroup | undefined; error: GraphQLErrorEntry }>>;
} {
  const whole: GraphQLErrorEntry[] = [];
  const byRun = new Map<string, Array<{ group: FieldGroup | undefined; error: GraphQLErrorEntry }>>();
  for (const error of errors) {
    // [alias, "runs", "edges", index, "node", field, ...]
    const [, runsField, edgesField, index, nodeField, field] = error.path ?? [];
    const name = typeof index === "number" ? names[index] : undefined;
    if (runsField !== "runs" || edgesField !== "edges" || nodeField !== "node" || name === undefined) {
      whole.push(error);
      continue;
    }
    const group = typeof field === "string" ? (groupOfField[field] ?? "light") : undefined;
    const list = byRun.get(name) ?? [];
    list.push({ group, error });
    byRun.set(name, list);
  }
  return { whole, byRun };
}

const plainSamplesOf = (load: Load) =>
  load.need.group === "history" && load.need.request.keys === undefined
    ? load.need.request.samples
    : undefined;
const eventsSamplesOf = (load: Load) => (load.need.group === "events" ? load.need.samples : undefined);

/**
 * One run's loads of a tick, split by the sample caps their fields take (`history(samples:)`,
 * `events(samples:)`): a part of a request carries one value of each, so a run asked for two
 * caps of one field goes in two parts. Loads without a cap ride with the first, so that a run
 * asked for events and notes is one entry of one part, not one per field.
 */
function splitBySampleCaps(
  loads: readonly Load[],
): Array<{ plainSamples: number | undefined; eventsSamples: number | undefined; loads: Load[] }> {
  const distinct = (of: (load: Load) => number | undefined) => [
    ...new Set(loads.map(of).filter((cap): cap is number => cap !== undefined)),
  ];
  const plain = distinct(plainSamplesOf);
  const events = distinct(eventsSamplesOf);
  return Array.from({ length: Math.max(1, plain.length, events.length) }, (_, slot) => {
    const plainSamples = plain[slot];
    const eventsSamples = events[slot];
    const assigned = loads.filter((load) => {
      const plainCap = plainSamplesOf(load);
      const eventsCap = eventsSamplesOf(load);
      if (plainCap !== undefined) return plainCap === plainSamples;
      if (eventsCap !== undefined) return eventsCap === eventsSamples;
      return slot === 0;
    });
    return { plainSamples, eventsSamples, loads: assigned };
  });
}

function isPartAlias(value: unknown): boolean {
  return typeof value === "string" && /^(project|p\d+)$/.test(value);
}

/** Per client: the run cache, the in-flight requests, and the DataLoader that batches. */
export class RunLoader {
  private readonly cache = new Map<string, RunRecord>();
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly dataLoader: DataLoader<Load, FetchedBox>;
  /** Runs whose fields arrived in an answer. */
  runsFetched = 0;

  constructor(
    private readonly transport: Transport,
    private readonly options: ResolvedOptions,
  ) {
    // DataLoader's own cache stays off: a run's fields are cached here, by field and key, so a
    // partial answer is never mistaken for a whole one.
    this.dataLoader = new DataLoader((loads) => Promise.resolve(this.dispatch(loads)), { cache: false });
  }

  /** Forgets every cached field (requests in flight still complete). */
  clear(): void {
    this.cache.clear();
  }

  light(ref: RunHandle, options: LoadOptions, primed?: LightFields): Promise<LightFields> {
    if (primed && !options.fresh) return raceAbort(Promise.resolve(primed), options.signal);
    return this.load(ref, { group: "light" }, options, (record) => record.light);
  }

  config(
    ref: RunHandle,
    keys: readonly string[] | undefined,
    options: LoadOptions,
  ): Promise<Record<string, unknown>> {
    return this.projected(ref, "config", keys, options);
  }

  summary(
    ref: RunHandle,
    keys: readonly string[] | undefined,
    options: LoadOptions,
  ): Promise<Record<string, unknown>> {
    return this.projected(ref, "summary", keys, options);
  }

  artifacts<D extends ArtifactDirection>(
    ref: RunHandle,
    direction: D,
    options: LoadOptions,
  ): Promise<Array<ArtifactVersionOf<D>>> {
    return this.load(ref, { group: direction }, options, (record) =>
      (record[direction] as Array<ArtifactVersionOf<D>> | undefined)?.slice(),
    );
  }

  /** One field of the run asked for whole: notes, system metrics, history keys. */
  flag<G extends FlagGroup>(
    ref: RunHandle,
    group: G,
    options: LoadOptions,
  ): Promise<NonNullable<RunRecord[G]>> {
    return this.load(ref, { group } as Need, options, (record) => record[group] as NonNullable<RunRecord[G]>);
  }

  /** System-metric rows, at most `samples`. */
  events(ref: RunHandle, samples: number, options: LoadOptions): Promise<SystemMetricsRow[]> {
    return this.load(ref, { group: "events", samples }, options, (record) =>
      record.events?.get(samples)?.slice(),
    );
  }

  history(ref: RunHandle, request: HistoryRequest, options: LoadOptions): Promise<HistoryRow[]> {
    const key = historyKey(request);
    return this.load(ref, { group: "history", request }, options, (record) =>
      record.history?.get(key)?.slice(),
    );
  }

  private projected(
    ref: RunHandle,
    group: "config" | "summary",
    keys: readonly string[] | undefined,
    options: LoadOptions,
  ): Promise<Record<string, unknown>> {
    return this.load(ref, { group, keys }, options, (record) => {
      const known: ProjectedObject | undefined = record[group];
      return known && coversKeys(known, keys) ? pickKeys(known, keys) : undefined;
    });
  }

  /**
   * Answers from the cache, else joins a request in flight that covers the need, else enqueues a
   * load for this tick's batch. Runs synchronously up to the enqueue, so every call made in one
   * tick lands in one batch.
   */
  private load<T>(
    ref: RunHandle,
    need: Need,
    options: LoadOptions,
    fromRecord: (record: RunRecord) => T | undefined,
  ): Promise<T> {
    const { path } = ref;
    if (!options.fresh) {
      const cached = this.cache.get(path);
      const hit = cached ? fromRecord(cached) : undefined;
      if (hit !== undefined) return raceAbort(Promise.resolve(hit), options.signal);
    }
    const fetched =
      (!options.fresh && this.joinInFlight(path, need, options.signal)) ||
      this.dataLoader.load({ ref, path, need, signal: options.signal }).then((box) => box.fetched);
    // A plain callback, not an async one: an async callback's own promise costs two more
    // microtask turns per load, thousands of them in a large batch.
    const answer = fetched.then((run): T | Promise<T> => {
      const fieldError = run.errors[need.group];
      if (fieldError) throw fieldError;
      if (need.group === "outputArtifacts" || need.group === "inputArtifacts") {
        const pending = run.artifacts[need.group];
        if (pending) return pending.then((versions) => versions.slice() as T);
      }
      const value = fromRecord(run.record);
      if (value === undefined) {
        throw new WandbResponseError(`the answer for run ${path} lacks ${need.group}`, { runPath: path });
      }
      return value;
    });
    return raceAbort(answer, options.signal);
  }

  private joinInFlight(
    path: string,
    need: Need,
    signal: AbortSignal | undefined,
  ): Promise<FetchedRun> | undefined {
    for (const entry of this.inFlight.get(path) ?? []) {
      // A settled entry is only waiting for its clean-up: its answer is in the cache when there
      // is one, and joining it after clearCache() or with cache: false would skip a request.
      if (entry.fetched.settled) continue;
      if (covers(entry.coverage, need) && entry.fanIn.join(signal)) return entry.fetched.promise;
    }
    return undefined;
  }

  /** The DataLoader batch function: plans the tick's loads into requests and sends them. */
  private dispatch(loads: readonly Load[]): FetchedBox[] {
    const parts = new Map<string, Part>();
    const runOf = new Map<Load, { part: Part; run: PlannedRun }>();
    const loadsByRun = new Map<string, Load[]>();
    for (const load of loads) {
      const list = loadsByRun.get(load.path);
      if (list) list.push(load);
      else loadsByRun.set(load.path, [load]);
    }
    for (const runLoads of loadsByRun.values()) {
      for (const { plainSamples, eventsSamples, loads: assigned } of splitBySampleCaps(runLoads)) {
        const { ref, path } = runLoads[0] as Load;
        const partKey = `${ref.entity}/${ref.project}|${plainSamples ?? ""}|${eventsSamples ?? ""}`;
        let part = parts.get(partKey);
        if (!part) {
          part = { entity: ref.entity, project: ref.project, plainSamples, eventsSamples, runs: new Map() };
          parts.set(partKey, part);
        }
        const run: PlannedRun = { ref, path, loads: assigned };
        part.runs.set(ref.id, run);
        for (const load of assigned) runOf.set(load, { part, run });
      }
    }
    const deferreds = new Map<PlannedRun, Deferred<FetchedRun>>();
    for (const chunks of packRequests(parts.values(), this.options.maxBatchSize)) {
      this.send(chunks, deferreds);
    }
    return loads.map((load) => {
      const planned = runOf.get(load) as { run: PlannedRun };
      return { fetched: (deferreds.get(planned.run) as Deferred<FetchedRun>).promise };
    });
  }

  private send(chunks: Chunk[], deferreds: Map<PlannedRun, Deferred<FetchedRun>>): void {
    const fanIn = new AbortFanIn();
    const entries: Array<{ path: string; entry: InFlight }> = [];
    for (const chunk of chunks) {
      for (const run of chunk.runs) {
        const deferred = defer<FetchedRun>();
        deferreds.set(run, deferred);
        for (const load of run.loads) fanIn.join(load.signal);
        const entry = { coverage: chunk.coverage, fetched: deferred, fanIn };
        entries.push({ path: run.path, entry });
        const list = this.inFlight.get(run.path) ?? [];
        list.push(entry);
        this.inFlight.set(run.path, list);
      }
    }
    const request = fanIn.signal.aborted
      ? Promise.reject(fanIn.signal.reason)
      : this.transport.request({
          document: batchDocument(chunks.length),
          variables: batchVariables(chunks.map((chunk) => partVariables(chunk, null))),
          signal: fanIn.signal,
          runs: chunks.flatMap((chunk) => chunk.runs.map((run) => run.path)),
        });
    request
      .then((answer) =>
        Promise.all(
          chunks.map((chunk, index) => {
            const alias = partAlias(index, chunks.length);
            return this.fillChunk(chunk, answer.data?.[alias], answer, alias, deferreds, fanIn);
          }),
        ),
      )
      .catch((error: unknown) => {
        for (const chunk of chunks) for (const run of chunk.runs) deferreds.get(run)?.reject(error);
      })
      .finally(() => {
        fanIn.dispose();
        for (const { path, entry } of entries) {
          const list = this.inFlight.get(path)?.filter((other) => other !== entry) ?? [];
          if (list.length > 0) this.inFlight.set(path, list);
          else this.inFlight.delete(path);
        }
      });
  }

  /** Hands one part of an answer to its runs, fetching further run pages when W&B capped `first`. */
  private async fillChunk(
    chunk: Chunk,
    project: ProjectPart | undefined,
    answer: TransportResult<Record<string, ProjectPart>>,
    alias: string,
    deferreds: Map<PlannedRun, Deferred<FetchedRun>>,
    fanIn: AbortFanIn,
  ): Promise<void> {
    const { operationName } = answer;
    const rejectAll = (error: unknown) => {
      for (const run of chunk.runs) deferreds.get(run)?.reject(error);
    };
    // An error that points at no part of the document may concern any run: none is trusted.
    const strayErrors = answer.errors.filter((error) => !isPartAlias(error.path?.[0]));
    if (strayErrors.length > 0) return rejectAll(graphQLError(strayErrors, answer.data, operationName));
    const ownErrors = answer.errors.filter((error) => error.path?.[0] === alias);
    if (!project) {
      if (ownErrors.length > 0) return rejectAll(graphQLError(ownErrors, project, operationName));
      const projectPath = `${chunk.part.entity}/${chunk.part.project}`;
      return rejectAll(new ProjectNotFoundError(projectPath, { operation: operationName }));
    }
    // `node` is non-null in the schema, so an error inside one run nulls the whole connection:
    // then the errors, not "not found", are the answer for every run of the part.
    if (!project.runs && ownErrors.length > 0)
      return rejectAll(graphQLError(ownErrors, project, operationName));
    const pending = new Map(chunk.runs.map((run) => [run.ref.id, run]));
    let page = project.runs;
    let pageErrors = ownErrors;
    let cursor: string | null = null;
    while (page) {
      const edges = page.edges;
      const attributed = attributeErrors(
        pageErrors,
        edges.map((edge) => edge.node?.name),
      );
      if (attributed.whole.length > 0)
        return rejectAll(graphQLError(attributed.whole, project, operationName));
      for (const edge of edges) {
        const run = edge.node ? pending.get(edge.node.name) : undefined;
        if (!run || !edge.node) continue;
        pending.delete(run.ref.id);
        this.runsFetched++;
        const runErrors = attributed.byRun.get(run.ref.id) ?? [];
        const deferred = deferreds.get(run) as Deferred<FetchedRun>;
        if (runErrors.some((e) => e.group === undefined)) {
          deferred.reject(
            graphQLError(
              runErrors.map((e) => e.error),
              edge.node,
              operationName,
              run.path,
            ),
          );
        } else {
          deferred.resolve(this.ingest(chunk, run, edge.node, runErrors, operationName));
        }
      }
      const { hasNextPage, endCursor } = page.pageInfo;
      if (pending.size === 0 || !hasNextPage) break;
      if (!endCursor || endCursor === cursor) {
        const error = new WandbResponseError(
          `${operationName}: W&B said more runs follow but gave no new cursor (${String(endCursor)})`,
          { operation: operationName },
        );
        for (const run of pending.values()) deferreds.get(run)?.reject(error);
        return;
      }
      cursor = endCursor;
      // W&B returned fewer runs than `first` asked for; the rest are on the following page.
      const next = await this.transport.request({
        document: batchDocument(1),
        variables: batchVariables([partVariables(chunk, cursor)]),
        signal: fanIn.signal,
        runs: [...pending.values()].map((run) => run.path),
      });
      if (next.errors.some((error) => error.path?.[0] !== "project")) {
        return rejectAll(graphQLError(next.errors, next.data, next.operationName));
      }
      pageErrors = next.errors;
      page = next.data?.project?.runs ?? null;
    }
    for (const run of pending.values()) deferreds.get(run)?.reject(runNotFound(run.ref, operationName));
  }

  /** Parses one run's fields at the edge; a field that cannot be read fails only that field. */
  private ingest(
    chunk: Chunk,
    run: PlannedRun,
    node: RunNode,
    fieldErrors: ReadonlyArray<{ group: FieldGroup | undefined; error: GraphQLErrorEntry }>,
    operation: string,
  ): FetchedRun {
    const { coverage } = chunk;
    const runPath = run.path;
    const fetched: FetchedRun = { record: {}, errors: {}, artifacts: {} };
    const { record } = fetched;
    const read = (group: FieldGroup, parse: () => void) => {
      try {
        parse();
      } catch (error) {
        fetched.errors[group] = error instanceof Error ? error : new Error(String(error));
      }
    };
    if (coverage.light) {
      read("light", () => {
        record.light = readLightFields(node as RunLightFieldsFragment, runPath, operation);
      });
    }
    for (const group of ["config", "summary"] as const) {
      const covered = coverage[group];
      if (covered === undefined) continue;
      read(group, () => {
        const whole = covered === true;
        const raw =
          group === "config"
            ? whole
              ? node.config
              : node.configSubset
            : whole
              ? node.summaryMetrics
              : node.summarySubset;
        const field = group === "config" ? "config" : "summaryMetrics";
        const wire = readJsonObject(
          raw,
          { field, runPath, operation },
          { specialStrings: group === "summary" },
        );
        const value = group === "config" ? unwrapConfig(wire) : cleanSummary(wire);
        record[group] = { full: whole, keys: whole ? noKeys : new Set(covered), value };
      });
    }
    for (const direction of ["outputArtifacts", "inputArtifacts"] as const) {
      if (!coverage[direction]) continue;
      const pages = collectArtifactPages(
        this.transport,
        run.ref,
        runPath,
        direction,
        node[direction],
        operation,
        undefined,
      );
      pages.catch(() => {});
      fetched.artifacts[direction] = pages.then((versions: ArtifactVersion[]) => {
        if (this.options.cache) mergeRecord(this.recordOf(runPath), { [direction]: versions });
        return versions;
      });
    }
    const historyRequests = run.loads.flatMap((load) =>
      load.need.group === "history" ? [load.need.request] : [],
    );
    if (historyRequests.length > 0) {
      read("history", () => {
        const specIndex = new Map([...coverage.specs.keys()].map((id, index) => [id, index]));
        const sampled = (node.sampledHistory ?? []) as unknown[];
        record.history = new Map();
        for (const request of historyRequests) {
          const rows =
            request.keys === undefined
              ? sortByStep(readHistoryRows(node.history, runPath, operation))
              : zipSampledRows(
                  request.keys.map((key) => {
                    const index = specIndex.get(specId({ key, samples: request.samples }));
                    const rowsOfSpec = index === undefined ? undefined : sampled[index];
                    return Array.isArray(rowsOfSpec) ? rowsOfSpec : [];
                  }),
                  runPath,
                  operation,
                );
          record.history.set(historyKey(request), downsample(rows, request.samples));
        }
      });
    }
    for (const group of coverage.flags) {
      read(group, () => {
        (record as Record<FlagGroup, unknown>)[group] = flagGroups[group].read(node, runPath, operation);
      });
    }
    const { eventsSamples } = coverage;
    if (eventsSamples !== undefined) {
      read("events", () => {
        const rows = readSystemRows(node.events, { field: "events", runPath, operation });
        record.events = new Map([[eventsSamples, rows]]);
      });
    }
    for (const { group, error } of fieldErrors) {
      if (group) fetched.errors[group] = graphQLError([error], node, operation, runPath);
    }
    if (this.options.cache) mergeRecord(this.recordOf(runPath), this.withoutFailedFields(fetched));
    return fetched;
  }

  private withoutFailedFields(fetched: FetchedRun): RunRecord {
    if (Object.keys(fetched.errors).length === 0) return fetched.record;
    const record: RunRecord = { ...fetched.record };
    for (const group of Object.keys(fetched.errors) as FieldGroup[]) delete record[group];
    return record;
  }

  private recordOf(path: string): RunRecord {
    let record = this.cache.get(path);
    if (!record) {
      record = {};
      this.cache.set(path, record);
    }
    return record;
  }
}
