/**
 * Run fields in the fleet's shared store: what one client read of a finished run, others read
 * without asking W&B. An entry holds the run node's wire fields for one field group, as W&B sent
 * them, and is read back through the group's own reader, so an entry that is not what W&B would
 * send fails the way a bad answer would and counts as a miss.
 *
 * Only runs whose state is `finished` are written: a running run's fields change with every step,
 * and a cache across processes would serve them stale. Only groups fetched whole are written (a
 * `keys` projection is not), and only the groups read from one field: light fields, config,
 * summary, notes, system metrics, history keys (history samples and artifact pages are not).
 */
import { storeKey } from "../cache/cache-keys.js";
import type { SharedStore } from "../cache/shared-store.js";
import type { ViewerScope } from "../cache/viewer-scope.js";
import type { Transport } from "../transport/http-transport.js";
import type { Coverage, FieldGroup, RunHandle, RunNode, RunRecord } from "./field-groups.js";
import { specOf } from "./field-groups.js";
import { type FetchedRun, ingestRun } from "./ingest-run.js";

/** The groups a shared store holds. */
export const sharedGroups: ReadonlySet<FieldGroup> = new Set<FieldGroup>([
  "light",
  "config",
  "summary",
  "notes",
  "systemMetrics",
  "historyKeys",
]);

/** How long a finished run's fields stay in the store: a run can be resumed, so not forever. */
export const sharedRunTtlMs = 24 * 60 * 60 * 1000;

const operation = "shared cache";

/** One client's reads and writes of run fields in the shared store. */
export class SharedRuns {
  constructor(
    private readonly store: SharedStore,
    private readonly scope: ViewerScope,
    private readonly transport: Transport,
  ) {}

  /** Whether loads of `group` are looked up in the store now. */
  serves(group: FieldGroup): boolean {
    return sharedGroups.has(group) && this.store.usable;
  }

  /**
   * What the store holds of each `[run, group]`, read as from W&B, in order; `undefined` for a miss.
   * One store call for all of them when the store can (`getMany`).
   */
  async lookupMany(
    wanted: ReadonlyArray<readonly [RunHandle, FieldGroup]>,
  ): Promise<Array<RunRecord[FieldGroup] | undefined>> {
    const scope = await this.scope();
    if (scope === undefined) return wanted.map(() => undefined);
    const entries = await this.store.getMany(
      wanted.map(([run, group]) => storeKey(scope, "run", `${run.path}\n${group}`)),
    );
    return wanted.map(([run, group], index) => this.read(run, group, entries[index]));
  }

  /** A stored entry read through the group's own reader; `undefined` when it does not read. */
  private read(run: RunHandle, group: FieldGroup, entry: unknown): RunRecord[FieldGroup] | undefined {
    if (typeof entry !== "object" || entry === null) return undefined;
    const { path, group: storedGroup, fields } = entry as Record<string, unknown>;
    if (path !== run.path || storedGroup !== group) return undefined;
    if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return undefined;
    const node = { ...(fields as object), name: run.id } as RunNode;
    const coverage = { [group]: true } as Coverage;
    try {
      const read = ingestRun(
        node,
        coverage,
        { run, operation, transport: this.transport, path: operation },
        [],
      );
      if (read.errors[group] || read.pending[group]) return undefined;
      return read.values[group];
    } catch {
      return undefined;
    }
  }

  /** Writes what an answer brought of a finished run; never waits on the store. */
  save(run: RunHandle, fetched: FetchedRun): void {
    if (fetched.values.light?.state !== "finished") return;
    const groups = [...sharedGroups].filter(
      (group) =>
        fetched.coverage[group] === true && fetched.values[group] !== undefined && !fetched.errors[group],
    );
    if (groups.length === 0) return;
    const write = (scope: string | undefined) => {
      if (scope === undefined) return;
      for (const group of groups) {
        const fields: Record<string, unknown> = {};
        for (const field of specOf(group).wireFields) {
          const value = (fetched.node as Record<string, unknown>)[field];
          if (value !== undefined) fields[field] = value;
        }
        const key = storeKey(scope, "run", `${run.path}\n${group}`);
        void this.store.set(key, { path: run.path, group, fields }, sharedRunTtlMs);
      }
    };
    // Written before the run's loads resolve when the viewer is known (it is, after the first
    // lookup): a replica that reads right after this one finds the entries.
    const known = this.scope.known();
    if (known !== undefined) write(known);
    else void this.scope().then(write);
  }

  /**
   * Asks for a run's light fields beside any shared group a request carries, so the answer says
   * whether the run is finished (and so may be shared).
   */
  widen(coverage: Coverage): void {
    if (coverage.light !== undefined) return;
    for (const group of sharedGroups) {
      if (coverage[group] === true) {
        coverage.light = true;
        return;
      }
    }
  }
}
