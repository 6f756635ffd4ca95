/**
 * Sweeps by their ID, for `runSweep`, batched at send time through the client's dispatcher: every
 * sweep waiting when a slot frees is read in one request per project: the generated `SweepByName` operation with its `sweep` field copied once per sweep
 * (aliases `s0`, `s1`, …, variables `$sweepName_0`, …). Answers are cached per client like run
 * fields; `null` (W&B has no such sweep) is an answer too.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { FieldNode } from "graphql";
import { SweepByNameDocument, type SweepFieldsFragment } from "../_generated/graphql.js";
import { AbortFanIn } from "../transport/abort.js";
import type { Transport } from "../transport/http-transport.js";
import {
  aliased,
  composedDocument,
  memoized,
  operationParts,
  renameVariables,
  variableDefinition,
  withSelections,
} from "./aliased-document.js";
import { graphQLError, requireProject } from "./answers.js";
import type { BatchQueue, Dispatcher } from "./dispatcher.js";

/** Where a sweep lives, and its ID. */
export interface SweepRef {
  entity: string;
  project: string;
  name: string;
}

type ProjectSweeps = Record<string, SweepFieldsFragment | null>;
type SweepsDocument = TypedDocumentNode<{ project: ProjectSweeps | null }, Record<string, unknown>>;

const sweepByName = operationParts(SweepByNameDocument);
const sweepField = sweepByName.rootField.selectionSet?.selections[0] as FieldNode;

/** @internal The document for `count` sweeps of one project; memoized. */
export const sweepsDocument: (count: number) => SweepsDocument = memoized((count: number) => {
  const names = Array.from({ length: count }, (_, i) => () => `sweepName_${i}`);
  return composedDocument(
    sweepByName,
    [
      variableDefinition(sweepByName, "entity"),
      variableDefinition(sweepByName, "project"),
      ...names.map((name) => variableDefinition(sweepByName, "sweepName", name)),
    ],
    [
      withSelections(
        sweepByName.rootField,
        names.map((name, i) => aliased(renameVariables(sweepField, name), `s${i}`)),
      ),
    ],
  );
});

/** One caller waiting for a sweep. */
interface SweepCaller {
  resolve(sweep: SweepFieldsFragment | null): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  settled: boolean;
}

/** The callers of one sweep: waiting for a slot, then on the wire. */
interface SweepLoad {
  ref: SweepRef;
  callers: SweepCaller[];
}

/**
 * Per client: sweeps by ID, cached until `clear()`. Loads wait in the client's dispatcher like run
 * fields (a {@link BatchQueue}): everything waiting goes out when a slot is free, one request per
 * project, and a sweep already on the wire is joined rather than asked again.
 */
export class SweepLoader implements BatchQueue {
  private readonly cache = new Map<string, SweepFieldsFragment | null>();
  /** Waiting for a slot, by project, then by sweep. */
  private readonly waitingLoads = new Map<string, Map<string, SweepLoad>>();
  private readonly inFlight = new Map<string, SweepLoad>();

  constructor(
    private readonly transport: Transport,
    private readonly options: { cache: boolean; maxBatchSize: number },
    private readonly dispatcher: Dispatcher,
  ) {
    dispatcher.register(this);
  }

  /** The sweep, or `null` when W&B has none by that ID. `fresh` asks again. */
  load(
    ref: SweepRef,
    options: { signal?: AbortSignal | undefined; fresh?: boolean | undefined },
  ): Promise<SweepFieldsFragment | null> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const key = JSON.stringify([ref.entity, ref.project, ref.name]);
    if (!options.fresh && this.cache.has(key)) return Promise.resolve(this.cache.get(key) ?? null);
    return new Promise((resolve, reject) => {
      const onAbort = () => settle(caller, () => caller.reject(signal?.reason));
      const done = () => signal?.removeEventListener("abort", onAbort);
      const caller: SweepCaller = {
        resolve: (sweep) => {
          done();
          resolve(sweep);
        },
        reject: (error) => {
          done();
          reject(error);
        },
        signal,
        settled: false,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const flying = options.fresh ? undefined : this.inFlight.get(key);
      if (flying) {
        flying.callers.push(caller);
        return;
      }
      const projectKey = JSON.stringify([ref.entity, ref.project]);
      let project = this.waitingLoads.get(projectKey);
      if (!project) {
        project = new Map();
        this.waitingLoads.set(projectKey, project);
      }
      const waiting = project.get(key);
      if (waiting) waiting.callers.push(caller);
      else project.set(key, { ref, callers: [caller] });
      this.dispatcher.loadAdded();
    });
  }

  clear(): void {
    this.cache.clear();
  }

  get waiting(): boolean {
    return this.waitingLoads.size > 0;
  }

  /** One request per project (at most `maxBatchSize` sweeps), the projects that waited first first. */
  sendWaiting(slots: number): number {
    let sent = 0;
    for (const [projectKey, project] of this.waitingLoads) {
      if (sent >= slots) break;
      const loads: Array<[string, SweepLoad]> = [];
      for (const [key, load] of project) {
        project.delete(key);
        if (load.callers.every((caller) => caller.settled)) continue;
        loads.push([key, load]);
        if (loads.length === this.options.maxBatchSize) break;
      }
      if (project.size === 0) this.waitingLoads.delete(projectKey);
      if (loads.length === 0) continue;
      void this.send(loads);
      sent++;
    }
    return sent;
  }

  private async send(loads: Array<[string, SweepLoad]>): Promise<void> {
    const fanIn = new AbortFanIn();
    for (const [key, load] of loads) {
      this.inFlight.set(key, load);
      for (const caller of load.callers) if (!caller.settled) fanIn.join(caller.signal);
    }
    const first = (loads[0] as [string, SweepLoad])[1].ref;
    const variables: Record<string, unknown> = { entity: first.entity, project: first.project };
    loads.forEach(([, { ref }], i) => {
      variables[`sweepName_${i}`] = ref.name;
    });
    try {
      const answer = await this.transport.request({
        document: sweepsDocument(loads.length),
        variables,
        signal: fanIn.signal,
        project: `${first.entity}/${first.project}`,
      });
      if (answer.errors.length > 0) throw graphQLError(answer.errors, answer.data, answer.operationName);
      const project = requireProject(answer.data?.project, first, answer.operationName);
      loads.forEach(([key, load], i) => {
        const sweep = project[`s${i}`] ?? null;
        if (this.options.cache) this.cache.set(key, sweep);
        for (const caller of load.callers) settle(caller, () => caller.resolve(sweep));
      });
    } catch (error) {
      for (const [, load] of loads)
        for (const caller of load.callers) settle(caller, () => caller.reject(error));
    } finally {
      fanIn.dispose();
      for (const [key, load] of loads) if (this.inFlight.get(key) === load) this.inFlight.delete(key);
    }
  }
}

function settle(caller: SweepCaller, action: () => void): void {
  if (caller.settled) return;
  caller.settled = true;
  action();
}
