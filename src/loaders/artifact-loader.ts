/**
 * Artifact versions by name, batched like run fields: every `artifactVersion` call issued in one
 * tick goes out together, one aliased membership lookup per version and one aliased `project` per
 * project, at most `maxBatchSize` versions per request (so N versions of P projects cost
 * ceil(N / maxBatchSize) requests when they fill them, never more than one per project and chunk).
 * Versions are kept for the client's life (unless `cache: false`), as are manifests, which do not
 * change once a version is committed; identical lookups in flight are shared.
 */
import DataLoader from "dataloader";
import { type ArtifactRef, formatArtifactPath } from "../artifact-paths.js";
import { ArtifactNotFoundError } from "../errors.js";
import type { ResolvedOptions } from "../options.js";
import { AbortFanIn, raceAbort } from "../transport/abort.js";
import type { Transport, TransportResult } from "../transport/http-transport.js";
import { type ArtifactVersion, toArtifactVersion } from "../wire/artifacts.js";
import type { ManifestContents } from "../wire/manifest.js";
import { graphQLError } from "./answers.js";
import {
  type VersionsPart,
  versionAlias,
  versionsDocument,
  versionsPartAlias,
  versionsVariables,
} from "./artifact-batch-document.js";

/** Per-call options of the loader. */
export interface ArtifactLoadOptions {
  signal?: AbortSignal | undefined;
  fresh?: boolean | undefined;
}

interface VersionLoad {
  ref: ArtifactRef;
  path: string;
  signal: AbortSignal | undefined;
}

// DataLoader adopts a promise value into its own; a box keeps each answer apart from the batch.
interface VersionBox {
  version: Promise<ArtifactVersion>;
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

/** One version asked for in a tick, and its callers. */
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
  sized.sort((a, b) => b.paths.length - a.paths.length);
  const requests: Array<{ size: number; chunks: Chunk[] }> = [];
  for (const chunk of sized) {
    let request = requests.find((r) => r.size + chunk.paths.length <= max);
    if (!request) {
      request = { size: 0, chunks: [] };
      requests.push(request);
    }
    request.size += chunk.paths.length;
    request.chunks.push(chunk);
  }
  return requests.map((request) => request.chunks);
}

/** Per client: the version cache, the in-flight lookups, the DataLoader that batches them. */
export class ArtifactLoader {
  private readonly versions = new Map<string, ArtifactVersion>();
  private readonly inFlight = new Map<string, Waiting>();
  private readonly manifests = new Map<string, Promise<ManifestContents>>();
  private readonly dataLoader: DataLoader<VersionLoad, VersionBox>;

  constructor(
    private readonly transport: Transport,
    private readonly options: ResolvedOptions,
  ) {
    this.dataLoader = new DataLoader((loads) => Promise.resolve(this.dispatch(loads)), { cache: false });
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
      const pending = this.inFlight.get(path);
      if (pending?.fanIn.join(options.signal)) return raceAbort(pending.deferred.promise, options.signal);
    }
    const answer = this.dataLoader.load({ ref, path, signal: options.signal }).then((box) => box.version);
    return raceAbort(answer, options.signal);
  }

  /**
   * The manifest of version `id`: kept once read (a committed version's manifest never changes),
   * shared while in flight, else read with `read`. The read runs without the caller's signal, so one
   * caller giving up does not fail the others waiting on it; each caller still stops waiting at once.
   */
  manifest(
    id: string,
    read: () => Promise<ManifestContents>,
    options: ArtifactLoadOptions,
  ): Promise<ManifestContents> {
    let pending = options.fresh ? undefined : this.manifests.get(id);
    if (!pending) {
      const started = read();
      pending = started;
      this.manifests.set(id, started);
      const forget = () => {
        if (this.manifests.get(id) === started) this.manifests.delete(id);
      };
      started.then(() => {
        if (!this.options.cache) forget();
      }, forget);
    }
    return raceAbort(pending, options.signal);
  }

  private dispatch(loads: readonly VersionLoad[]): VersionBox[] {
    const chunks = new Map<string, Chunk>();
    const byPath = new Map<string, Waiting>();
    const boxes = loads.map((load): VersionBox => {
      let waiting = byPath.get(load.path);
      if (!waiting) {
        const key = `${load.ref.entity}/${load.ref.project}`;
        let chunk = chunks.get(key);
        if (!chunk) {
          chunk = { entity: load.ref.entity, project: load.ref.project, paths: [] };
          chunks.set(key, chunk);
        }
        waiting = { path: load.path, ref: load.ref, deferred: defer(), fanIn: new AbortFanIn() };
        chunk.paths.push(waiting);
        byPath.set(load.path, waiting);
      }
      waiting.fanIn.join(load.signal);
      return { version: waiting.deferred.promise };
    });
    for (const request of packVersionChunks([...chunks.values()], this.options.maxBatchSize)) {
      this.send(request);
    }
    return boxes;
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
    const request = fanIn.signal.aborted
      ? Promise.reject(fanIn.signal.reason)
      : this.transport.request({
          document: versionsDocument(chunks.map((chunk) => chunk.paths.length)),
          variables: versionsVariables(
            chunks.map((chunk) => ({
              entity: chunk.entity,
              project: chunk.project,
              names: chunk.paths.map(({ ref }) => `${ref.name}:${ref.alias}`),
            })),
          ),
          signal: fanIn.signal,
        });
    request
      .then((answer) => {
        chunks.forEach((chunk, index) => {
          this.fill(chunk, index, answer);
        });
      })
      .catch((error: unknown) => {
        for (const { deferred } of entries) deferred.reject(error);
      })
      .finally(() => {
        fanIn.dispose();
        for (const entry of entries) {
          entry.fanIn.dispose();
          if (this.inFlight.get(entry.path) === entry) this.inFlight.delete(entry.path);
        }
      });
  }

  /** Hands one project part of an answer to its versions; an error fails only what its path names. */
  private fill(chunk: Chunk, index: number, answer: TransportResult<Record<string, VersionsPart>>): void {
    const partAlias = versionsPartAlias(index);
    const { operationName } = answer;
    const projectPath = `${chunk.entity}/${chunk.project}`;
    const stray = answer.errors.filter((error) => !/^p\d+$/.test(String(error.path?.[0])));
    const ofPart = answer.errors.filter((error) => error.path?.[0] === partAlias);
    const wholePart = ofPart.filter((error) => !/^v\d+$/.test(String(error.path?.[1])));
    const part = answer.data?.[partAlias];
    chunk.paths.forEach(({ path, deferred }, j) => {
      const alias = versionAlias(j);
      const errors = [...stray, ...wholePart, ...ofPart.filter((error) => error.path?.[1] === alias)];
      if (errors.length > 0) {
        deferred.reject(graphQLError(errors, part ?? null, operationName));
        return;
      }
      const notFound = (why: string) =>
        deferred.reject(
          new ArtifactNotFoundError(`artifact ${path} not found: ${why}`, path, { operation: operationName }),
        );
      if (!part) {
        notFound(`project ${projectPath} does not exist, or this API key may not read it`);
        return;
      }
      let version: ArtifactVersion | undefined;
      try {
        const node = part[alias]?.artifact;
        version = node ? toArtifactVersion(node, { operation: operationName }) : undefined;
      } catch (error) {
        deferred.reject(error);
        return;
      }
      if (!version) {
        notFound(`no such collection or alias in ${projectPath}, or this API key may not read it`);
        return;
      }
      if (this.options.cache) this.versions.set(path, version);
      deferred.resolve(version);
    });
  }
}
