/**
 * The loader layer: the only path from run operations to the network for run fields, so batching,
 * deduplication and caching cannot be bypassed.
 *
 * A load is answered from the cache when it can be, joins a request in flight that covers it when
 * there is one, and otherwise waits in the queue: the dispatcher sends what waits when a request
 * slot is free, the planner decides what goes out together, the sender puts it on the wire, and
 * the ingester turns the answer into runs. This class keeps what ties them together: the cache,
 * the requests in flight, and each caller's promise (one per load).
 */
import { WandbResponseError } from "../errors.js";
import type { ResolvedOptions } from "../options.js";
import { AbortFanIn } from "../transport/abort.js";
import type { Transport } from "../transport/http-transport.js";
import type { HistoryRow } from "../wire/history.js";
import type { JsonObject } from "../wire/json.js";
import type { SystemMetricsRow } from "../wire/run-extras.js";
import type { LightFields } from "../wire/run-fields.js";
import type { ArtifactDirection, ArtifactVersionOf } from "./artifact-pages.js";
import { addLoad, emptyWaiting, isWaiting, type Load, type PlannedRun, takeRequests } from "./batch-plan.js";
import { sendRequest } from "./batch-send.js";
import { afterPromiseJobs, type BatchQueue, type Dispatcher } from "./dispatcher.js";
import {
  type AnswerOf,
  type Coverage,
  covers,
  type FieldGroup,
  type FlagGroup,
  groupNames,
  type HistoryRequest,
  type Need,
  type NeedOf,
  type RunHandle,
  type RunRecord,
  specOf,
  type ValueOf,
} from "./field-groups.js";
import type { FetchedRun } from "./ingest-run.js";
import type { SharedRuns } from "./shared-runs.js";

export type { RunHandle } from "./field-groups.js";

/** Per-call options of every run operation. */
export interface LoadOptions {
  /** Rejects this call at once when aborted. */
  signal?: AbortSignal | undefined;
  /** Ask the server even when the cache could answer. */
  fresh?: boolean | undefined;
}

type Pick = ((answer: unknown) => unknown) | undefined;

/** One caller's load: its ask, and the one promise it is waiting on. */
class PendingLoad implements Load {
  settled = false;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    readonly run: RunHandle,
    readonly need: Need,
    readonly signal: AbortSignal | undefined,
    private readonly resolvePromise: (value: unknown) => void,
    private readonly rejectPromise: (error: unknown) => void,
    /** What the caller takes from the answer (runName from the light fields, …). */
    private readonly pick: Pick,
  ) {
    if (signal) {
      this.onAbort = () => this.reject(signal.reason);
      signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  resolve(value: unknown): void {
    if (!this.settle()) return;
    if (!this.pick) {
      this.resolvePromise(value);
      return;
    }
    try {
      this.resolvePromise(this.pick(value));
    } catch (error) {
      this.rejectPromise(error);
    }
  }

  reject(error: unknown): void {
    if (this.settle()) this.rejectPromise(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.onAbort) this.signal?.removeEventListener("abort", this.onAbort);
    return true;
  }
}

/** A run of a request on the wire: loads covered by what the request asks may still join it. */
interface InFlight {
  coverage: Coverage;
  planned: PlannedRun<PendingLoad>;
  fanIn: AbortFanIn;
  /** Set when the run's answer (or failure) arrived: nothing joins it any more. */
  done: boolean;
}

/** Per client: the run cache, the requests in flight, and the queue of loads waiting for a slot. */
export class RunLoader implements BatchQueue {
  private readonly cache = new Map<string, RunRecord>();
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly waitingLoads = emptyWaiting<PendingLoad>();
  /** Loads of this tick that ask the shared store first, when the client has one. */
  private lookups: PendingLoad[] = [];
  /** Runs whose fields arrived in an answer. */
  runsFetched = 0;

  constructor(
    private readonly transport: Transport,
    private readonly options: ResolvedOptions,
    private readonly dispatcher: Dispatcher,
    private readonly shared?: SharedRuns | undefined,
  ) {
    dispatcher.register(this);
  }

  /** Forgets every cached field (requests in flight still complete). */
  clear(): void {
    this.cache.clear();
  }

  /** The run's light fields, or what `pick` takes from them (then no promise more is made). */
  light<T = LightFields>(
    run: RunHandle,
    options: LoadOptions,
    primed?: LightFields,
    pick?: (light: LightFields) => T,
  ): Promise<T> {
    if (primed && !options.fresh) {
      if (options.signal?.aborted) return Promise.reject(options.signal.reason);
      try {
        return Promise.resolve(pick ? pick(primed) : (primed as T));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.load(run, { group: "light" }, options, pick);
  }

  config(run: RunHandle, keys: readonly string[] | undefined, options: LoadOptions): Promise<JsonObject> {
    return this.load(run, { group: "config", keys }, options);
  }

  summary(run: RunHandle, keys: readonly string[] | undefined, options: LoadOptions): Promise<JsonObject> {
    return this.load(run, { group: "summary", keys }, options);
  }

  artifacts<D extends ArtifactDirection>(
    run: RunHandle,
    direction: D,
    options: LoadOptions,
  ): Promise<Array<ArtifactVersionOf<D>>> {
    // The table types a direction's answer by its group; D narrows it, which TS cannot follow.
    return this.load(run, { group: direction as ArtifactDirection }, options) as Promise<
      Array<ArtifactVersionOf<D>>
    >;
  }

  history(run: RunHandle, request: HistoryRequest, options: LoadOptions): Promise<HistoryRow[]> {
    return this.load(run, { group: "history", request }, options);
  }

  /** One field of the run asked for whole: notes, system metrics, history keys. */
  flag<G extends FlagGroup>(run: RunHandle, group: G, options: LoadOptions): Promise<ValueOf<G>> {
    // The table types each flag's answer by its group; G narrows it, which TS cannot follow.
    return this.load(run, { group: group as FlagGroup }, options) as Promise<ValueOf<G>>;
  }

  /** System-metric rows (`Run.events`), at most `samples`. */
  events(run: RunHandle, samples: number, options: LoadOptions): Promise<SystemMetricsRow[]> {
    return this.load(run, { group: "events", samples }, options);
  }

  /**
   * Answers from the cache, else joins a request in flight that covers the need, else waits for
   * the next request. Runs synchronously up to the wait, so every call of one tick waits together.
   */
  load<G extends FieldGroup, R = AnswerOf<G>>(
    run: RunHandle,
    need: NeedOf<G>,
    options: LoadOptions,
    pick?: (answer: AnswerOf<G>) => R,
  ): Promise<R> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!options.fresh) {
      const known = this.cache.get(run.path)?.[need.group];
      const hit = known === undefined ? undefined : specOf(need.group).answer(known, need);
      if (hit !== undefined) {
        try {
          return Promise.resolve(pick ? pick(hit as AnswerOf<G>) : (hit as R));
        } catch (error) {
          return Promise.reject(error);
        }
      }
    }
    let load!: PendingLoad;
    const promise = new Promise<R>((resolve, reject) => {
      load = new PendingLoad(run, need, signal, resolve as (value: unknown) => void, reject, pick as Pick);
    });
    if (!options.fresh && this.shared?.serves(need.group) && !this.joinInFlight(load)) {
      // The store is asked once per tick for every load of the tick, so the misses still leave
      // together in one batch.
      if (this.lookups.push(load) === 1) afterPromiseJobs(() => void this.lookUpShared());
      return promise;
    }
    if (options.fresh || !this.joinInFlight(load)) {
      addLoad(this.waitingLoads, load);
      this.dispatcher.loadAdded();
    }
    return promise;
  }

  /** Answers the tick's loads from the shared store where it can; the rest wait for a request. */
  private async lookUpShared(): Promise<void> {
    const loads = this.lookups;
    this.lookups = [];
    const shared = this.shared as SharedRuns;
    const wanted = new Map<string, readonly [RunHandle, FieldGroup]>();
    for (const load of loads) wanted.set(`${load.run.path}\n${load.need.group}`, [load.run, load.need.group]);
    const values = await shared.lookupMany([...wanted.values()]).catch(() => []);
    const found = new Map<string, unknown>();
    [...wanted.keys()].forEach((key, index) => {
      found.set(key, values[index]);
    });
    let added = false;
    for (const load of loads) {
      if (load.settled) continue;
      const { path } = load.run;
      const { group } = load.need;
      const value = found.get(`${path}\n${group}`);
      const answer = value === undefined ? undefined : specOf(group).answer(value, load.need);
      if (answer !== undefined) {
        this.rememberShared(path, group, value);
        load.resolve(answer);
      } else if (!this.joinInFlight(load)) {
        addLoad(this.waitingLoads, load);
        added = true;
      }
    }
    if (added) this.dispatcher.loadAdded();
  }

  /** Keeps a group read from the shared store in the client's own cache. */
  private rememberShared(path: string, group: FieldGroup, value: unknown): void {
    if (!this.options.cache) return;
    let record = this.cache.get(path);
    if (!record) {
      record = {};
      this.cache.set(path, record);
    }
    const known = record as Record<FieldGroup, unknown>;
    known[group] = specOf(group).merge(known[group], value);
  }

  get waiting(): boolean {
    return isWaiting(this.waitingLoads);
  }

  /** The dispatcher's call when slots are free: plans requests from what waits and sends them. */
  sendWaiting(slots: number): number {
    const requests = takeRequests(this.waitingLoads, {
      maxBatchSize: this.options.maxBatchSize,
      maxRequests: slots,
    });
    for (const request of requests) {
      const fanIn = new AbortFanIn();
      const entries: InFlight[] = [];
      for (const chunk of request) {
        this.shared?.widen(chunk.coverage);
        for (const planned of chunk.runs) {
          for (const load of planned.loads) if (!load.settled) fanIn.join(load.signal);
          const entry = { coverage: chunk.coverage, planned, fanIn, done: false };
          entries.push(entry);
          const list = this.inFlight.get(planned.run.path);
          if (list) list.push(entry);
          else this.inFlight.set(planned.run.path, [entry]);
        }
      }
      const deliver = (planned: PlannedRun<PendingLoad>, outcome: FetchedRun | Error) => {
        this.finish(planned);
        this.deliver(planned, outcome);
      };
      void sendRequest(request, {
        transport: this.transport,
        signal: fanIn.signal,
        deliver,
        maxElapsedMs: this.options.retry.maxElapsedMs,
      }).finally(() => {
        fanIn.dispose();
        // A run the answer never spoke of (a bug, or a failure past delivery) fails, never hangs.
        for (const entry of entries) {
          if (!entry.done) {
            const { path } = entry.planned.run;
            deliver(
              entry.planned,
              new WandbResponseError(`the answer left run ${path} out`, { runPath: path }),
            );
          }
        }
      });
    }
    return requests.length;
  }

  private joinInFlight(load: PendingLoad): boolean {
    const entries = this.inFlight.get(load.run.path);
    if (!entries) return false;
    for (const entry of entries) {
      if (entry.done) continue;
      if (covers(entry.coverage, load.need) && entry.fanIn.join(load.signal)) {
        entry.planned.loads.push(load);
        return true;
      }
    }
    return false;
  }

  /** Takes a run off the requests in flight once its answer is in: nothing joins it any more. */
  private finish(planned: PlannedRun<PendingLoad>): void {
    const path = planned.run.path;
    const list = this.inFlight.get(path);
    const entry = list?.find((candidate) => candidate.planned === planned);
    if (!list || !entry) return;
    entry.done = true;
    if (list.length === 1) this.inFlight.delete(path);
    else list.splice(list.indexOf(entry), 1);
  }

  /** Hands a run's outcome to every load waiting on it, and what it brought to the cache. */
  private deliver(planned: PlannedRun<PendingLoad>, outcome: FetchedRun | Error): void {
    if (outcome instanceof Error) {
      for (const load of planned.loads) load.reject(outcome);
      return;
    }
    this.runsFetched++;
    if (this.options.cache) this.remember(planned.run.path, outcome);
    this.shared?.save(planned.run, outcome);
    for (const load of planned.loads) {
      if (load.settled) continue;
      const { group } = load.need;
      const error = outcome.errors[group];
      if (error) load.reject(error);
      else {
        const pending = outcome.pending[group];
        if (pending)
          pending.then(
            (value) => settleFrom(load, value),
            (failure) => load.reject(failure),
          );
        else settleFrom(load, outcome.values[group]);
      }
    }
  }

  /** Adds what an answer brought to the cache: each group as it is read, none copied. */
  private remember(path: string, fetched: FetchedRun): void {
    let record = this.cache.get(path);
    if (!record) {
      record = {};
      this.cache.set(path, record);
    }
    const known = record as Record<FieldGroup, unknown>;
    for (const group of groupNames) {
      const value = (fetched.values as Record<FieldGroup, unknown>)[group];
      if (value !== undefined) known[group] = specOf(group).merge(known[group], value);
      // A group whose pages are still coming is remembered when they have all come.
      fetched.pending[group]?.then(
        (pages) => {
          const current = this.cache.get(path);
          if (current)
            (current as Record<FieldGroup, unknown>)[group] = specOf(group).merge(undefined, pages);
        },
        () => {},
      );
    }
  }
}

/** A load's answer from a group's value, or the error saying the answer lacks it. */
function settleFrom(load: PendingLoad, value: unknown): void {
  const answer = value === undefined ? undefined : specOf(load.need.group).answer(value, load.need);
  if (answer === undefined) {
    load.reject(
      new WandbResponseError(`the answer for run ${load.run.path} lacks ${load.need.group}`, {
        runPath: load.run.path,
      }),
    );
  } else load.resolve(answer);
}
