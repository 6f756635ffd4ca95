/**
 * Artifact versions by name, batched like run fields: lookups wait in a queue of the client's
 * dispatcher, and everything waiting goes out together when a request slot is free (at the end of
 * the tick on an idle client): one aliased membership lookup per version and one aliased
 * `project` per project, at most `maxBatchSize` versions per
 * request, chunks of several projects sharing a request where they fit (so N versions cost
 * ceil(N / maxBatchSize) requests when they fill them). Versions are kept for the client's life
 * (unless `cache: false`), as are manifests, which do not change once a version is committed;
 * identical lookups waiting or in flight are shared. A request of several projects that fails as
 * a whole is split into one request per project, as run fields' are.
 *
 * With a shared store (`cache: store`), a lookup by version number (`model:v3`) asks the store
 * first, every such lookup of a tick in one store call, and only the misses wait for a request;
 * every version W&B sends is written to the store under its number (see shared-versions.ts).
 */
import { type ArtifactRef, formatArtifactPath } from "../artifact-paths.js";
import { ArtifactNotFoundError, type GraphQLErrorEntry } from "../errors.js";
import type { ResolvedOptions } from "../options.js";
import { AbortFanIn, raceAbort } from "../transport/abort.js";
import type { Transport, TransportResult } from "../transport/http-transport.js";
import { type ArtifactVersion, toArtifactVersion } from "../wire/artifacts.js";
import type { ManifestContents } from "../wire/manifest.js";
import { graphQLError } from "./answers.js";
import {
  isVersionsPartAlias,
  type VersionsPart,
  versionAlias,
  versionsDocument,
  versionsPartAlias,
  versionsVariables,
} from "./artifact-batch-document.js";
import { packSlices } from "./batch-plan.js";
import { afterPromiseJobs, type BatchQueue, type Dispatcher } from "./dispatcher.js";
import { sendParts } from "./send-parts.js";
import type { SharedVersions } from "./shared-versions.js";

/** Per-call options of the loader. */
export interface ArtifactLoadOptions {
  signal?: AbortSignal | undefined;
  fresh?: boolean | undefined;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function defer<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** One version asked for, and its callers. */
interface Waiting {
  path: string;
  ref: ArtifactRef;
  deferred: Deferred<ArtifactVersion>;
  /** Fires when every caller of this version has aborted. */
  fanIn: AbortFanIn;
}

/** The versions of one project in one request. */
interface Chunk {
  entity: string;
  project: string;
  paths: Waiting[];
}

/**
 * Splits each project's paths into chunks of at most `max` and packs the chunks into requests of
 * at most `max` versions, largest first.
 */
export function packVersionChunks(chunks: readonly Chunk[], max: number): Chunk[][] {
  const sized: Chunk[] = [];
  for (const chunk of chunks) {
    for (let start = 0; start < chunk.paths.length; start += max) {
      sized.push({ ...chunk, paths: chunk.paths.slice(start, start + max) });
    }
  }
  return packSlices(sized, max, (chunk) => chunk.paths.length);
}

/**
 * Per client: the version cache, the lookups waiting to be sent, and those in flight. The queue
 * is one of the client's dispatcher's: it drains it into free request slots, at the end of the
 * tick a lookup arrives in or when its batch window ends ({@link sendWaiting} plans the requests).
 */
export class ArtifactLoader implements BatchQueue {
  private readonly versions = new Map<string, ArtifactVersion>();
  /** Waiting to be sent, by path, in the order first asked. */
  private readonly waitingLoads = new Map<string, Waiting>();
  private readonly inFlight = new Map<string, Waiting>();
  /** Asking the shared store, by path: identical lookups meanwhile join these. */
  private readonly lookingUp = new Map<string, Waiting>();
  /** Lookups of this tick that ask the shared store first, in the order asked. */
  private lookups: Waiting[] = [];
  private readonly manifests = new Map<
    string,
    { promise: Promise<ManifestContents>; fanIn: AbortFanIn; settled: boolean }
  >();

  constructor(
    private readonly transport: Transport,
    private readonly options: ResolvedOptions,
    private readonly dispatcher: Dispatcher,
    private readonly shared?: SharedVersions | undefined,
  ) {
    dispatcher.register(this);
  }

  /** Forgets every version and manifest (lookups in flight still complete). */
  clear(): void {
    this.versions.clear();
    this.manifests.clear();
  }

  /** The version `ref` names; rejects with {@link ArtifactNotFoundError} when none does. */
  version(ref: ArtifactRef, options: ArtifactLoadOptions): Promise<ArtifactVersion> {
    const path = formatArtifactPath(ref);
    if (!options.fresh) {
      const cached = this.versions.get(path);
      if (cached) return raceAbort(Promise.resolve(cached), options.signal);
      const pending = this.inFlight.get(path) ?? this.lookingUp.get(path);
      if (pending?.fanIn.join(options.signal)) return raceAbort(pending.deferred.promise, options.signal);
      if (this.shared?.serves(ref)) {
        const lookup: Waiting = { path, ref, deferred: defer(), fanIn: new AbortFanIn() };
        lookup.fanIn.join(options.signal);
        this.lookingUp.set(path, lookup);
        // The store is asked once per tick for every lookup of the tick, so the misses still
        // leave together in one request per project.
        if (this.lookups.push(lookup) === 1) afterPromiseJobs(() => void this.lookUpShared());
        return raceAbort(lookup.deferred.promise, options.signal);
      }
    }
    let load = this.waitingLoads.get(path);
    if (!load) {
      load = { path, ref, deferred: defer(), fanIn: new AbortFanIn() };
      this.waitingLoads.set(path, load);
      this.dispatcher.loadAdded();
    }
    load.fanIn.join(options.signal);
    return raceAbort(load.deferred.promise, options.signal);
  }

  /** Answers the tick's lookups by number from the shared store where it can; the rest wait for a request. */
  private async lookUpShared(): Promise<void> {
    const lookups = this.lookups;
    this.lookups = [];
    const shared = this.shared as SharedVersions;
    const found = await shared.lookupMany(lookups.map((lookup) => lookup.path)).catch(() => []);
    let added = false;
    lookups.forEach((lookup, index) => {
      if (this.lookingUp.get(lookup.path) === lookup) this.lookingUp.delete(lookup.path);
      if (lookup.fanIn.signal.aborted) {
        this.settle(lookup, lookup.fanIn.signal.reason);
        return;
      }
      const version = found[index];
      if (version) {
        if (this.options.cache) this.versions.set(lookup.path, version);
        this.settle(lookup, undefined, version);
        return;
      }
      // A miss asks W&B: with the same path's lookup when one was queued or sent meanwhile (a
      // `fresh` call), else in the queue, where it goes out with the tick's other misses.
      const other = this.inFlight.get(lookup.path) ?? this.waitingLoads.get(lookup.path);
      if (other?.fanIn.join(lookup.fanIn.signal)) {
        other.deferred.promise.then(
          (answer) => this.settle(lookup, undefined, answer),
          (error: unknown) => this.settle(lookup, error),
        );
        return;
      }
      // A queued lookup that cannot be joined has lost every caller: it is answered so before
      // this one takes its place, so that nothing is left waiting on it.
      if (other && this.waitingLoads.get(lookup.path) === other)
        this.settle(other, other.fanIn.signal.reason);
      this.waitingLoads.set(lookup.path, lookup);
      added = true;
    });
    if (added) this.dispatcher.loadAdded();
  }

  /** Whether a lookup waits to be sent. */
  get waiting(): boolean {
    return this.waitingLoads.size > 0;
  }

  /**
   * Plans requests from every lookup waiting and sends at most `slots` of them; what does not fit
   * waits for the next call. Lookups whose every caller has aborted are dropped. Returns how many
   * requests it sent.
   */
  sendWaiting(slots: number): number {
    const chunks = new Map<string, Chunk>();
    for (const load of this.waitingLoads.values()) {
      if (load.fanIn.signal.aborted) {
        load.deferred.reject(load.fanIn.signal.reason);
        continue;
      }
      const key = `${load.ref.entity}/${load.ref.project}`;
      let chunk = chunks.get(key);
      if (!chunk) {
        chunk = { entity: load.ref.entity, project: load.ref.project, paths: [] };
        chunks.set(key, chunk);
      }
      chunk.paths.push(load);
    }
    this.waitingLoads.clear();
    const requests = packVersionChunks([...chunks.values()], this.options.maxBatchSize);
    const now = requests.slice(0, Math.max(0, slots));
    for (const later of requests.slice(now.length)) {
      for (const chunk of later) for (const load of chunk.paths) this.waitingLoads.set(load.path, load);
    }
    for (const request of now) this.send(request);
    return now.length;
  }

  /**
   * The manifest of version `id`: kept once read (a committed version's manifest never changes),
   * shared while in flight, else read with `read`. The read is aborted only when every caller
   * waiting on it has aborted (a caller without a signal keeps it going), so one caller giving up
   * does not fail the others; each caller still stops waiting at once.
   */
  manifest(
    id: string,
    read: (signal: AbortSignal) => Promise<ManifestContents>,
    options: ArtifactLoadOptions,
  ): Promise<ManifestContents> {
    let shared = options.fresh ? undefined : this.manifests.get(id);
    if (shared && !shared.settled && !shared.fanIn.join(options.signal)) shared = undefined;
    if (!shared) {
      const fanIn = new AbortFanIn();
      fanIn.join(options.signal);
      const started = read(fanIn.signal);
      const entry = { promise: started, fanIn, settled: false };
      shared = entry;
      this.manifests.set(id, entry);
      const forget = () => {
        if (this.manifests.get(id) === entry) this.manifests.delete(id);
      };
      const settle = () => {
        entry.settled = true;
        fanIn.dispose();
      };
      started.then(
        () => {
          settle();
          if (!this.options.cache) forget();
        },
        () => {
          settle();
          forget();
        },
      );
    }
    return raceAbort(shared.promise, options.signal);
  }

  private send(chunks: Chunk[]): void {
    // The request is aborted only when every caller of every version in it has aborted: each
    // version's fan-in fires when its own callers all have, the request's when every version's has.
    const fanIn = new AbortFanIn();
    const entries = chunks.flatMap((chunk) => chunk.paths);
    for (const entry of entries) this.inFlight.set(entry.path, entry);
    // Live ones join first: a fan-in whose every caller so far has aborted fires at once.
    const live = (entry: Waiting) => (entry.fanIn.signal.aborted ? 1 : 0);
    for (const entry of [...entries].sort((a, b) => live(a) - live(b))) fanIn.join(entry.fanIn.signal);
    void sendParts(chunks, fanIn.signal, {
      send: (parts, signal) =>
        this.transport.request({
          document: versionsDocument(parts.map((chunk) => chunk.paths.length)),
          variables: versionsVariables(
            parts.map((chunk) => ({
              entity: chunk.entity,
              project: chunk.project,
              names: chunk.paths.map(({ ref }) => `${ref.name}:${ref.alias}`),
            })),
          ),
          signal,
          project: parts.length === 1 ? `${parts[0]?.entity}/${parts[0]?.project}` : undefined,
        }),
      read: (parts, answer, stray) => {
        parts.forEach((chunk, index) => {
          this.fill(chunk, index, answer, stray);
        });
      },
      fail: (parts, error) => {
        for (const chunk of parts) for (const entry of chunk.paths) this.settle(entry, error);
      },
      isPartAlias: isVersionsPartAlias,
      maxElapsedMs: this.options.retry.maxElapsedMs,
    })
      .catch((error: unknown) => {
        // A lookup left unanswered would wait forever; settled ones ignore this.
        for (const entry of entries) this.settle(entry, error);
      })
      .finally(() => fanIn.dispose());
  }

  /**
   * Out of the in-flight table before its callers hear the answer: a caller that then asks again
   * (after clearCache(), or with cache: false) must not be handed this settled lookup.
   */
  private settle(entry: Waiting, outcome: unknown, version?: ArtifactVersion): void {
    entry.fanIn.dispose();
    if (this.inFlight.get(entry.path) === entry) this.inFlight.delete(entry.path);
    if (version) entry.deferred.resolve(version);
    else entry.deferred.reject(outcome);
  }

  /**
   * Hands one project part of an answer to its versions; an error fails only what its path names,
   * and `stray` (errors that point at no part) every version.
   */
  private fill(
    chunk: Chunk,
    index: number,
    answer: TransportResult<Record<string, VersionsPart>>,
    stray: readonly GraphQLErrorEntry[],
  ): void {
    const partAlias = versionsPartAlias(index);
    const { operationName } = answer;
    const projectPath = `${chunk.entity}/${chunk.project}`;
    const ofPart = answer.errors.filter((error) => error.path?.[0] === partAlias);
    const wholePart = ofPart.filter((error) => !/^v\d+$/.test(String(error.path?.[1])));
    const part = answer.data?.[partAlias];
    chunk.paths.forEach((entry, j) => {
      const { path } = entry;
      const alias = versionAlias(j);
      const errors = [...stray, ...wholePart, ...ofPart.filter((error) => error.path?.[1] === alias)];
      if (errors.length > 0) {
        this.settle(entry, graphQLError(errors, part ?? null, operationName));
        return;
      }
      const notFound = (why: string) =>
        this.settle(
          entry,
          new ArtifactNotFoundError(`artifact ${path} not found: ${why}`, path, { operation: operationName }),
        );
      if (!part) {
        notFound(`project ${projectPath} does not exist, or this API key may not read it`);
        return;
      }
      let version: ArtifactVersion | undefined;
      const node = part[alias]?.artifact;
      try {
        version = node ? toArtifactVersion(node, { operation: operationName }) : undefined;
      } catch (error) {
        this.settle(entry, error);
        return;
      }
      if (!node || !version) {
        notFound(`no such collection or alias in ${projectPath}, or this API key may not read it`);
        return;
      }
      // Under its number, whether it was asked by number or by alias, as W&B sent it.
      this.shared?.save(node, version);
      if (this.options.cache) this.versions.set(path, version);
      this.settle(entry, undefined, version);
    });
  }
}
