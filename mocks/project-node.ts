/**
 * A GraphQL `Project`: its runs (one by ID, or a filtered, ordered, cursor-paged listing, and a
 * count) and the artifact collections that live in it.
 */
import type {
  ProjectArtifactArgs,
  ProjectArtifactCollectionArgs,
  ProjectArtifactCollectionMembershipArgs,
  ProjectArtifactTypeArgs,
  ProjectBucketArgs,
  ProjectRunArgs,
  ProjectRunCountArgs,
  ProjectRunsArgs,
  ProjectSweepArgs,
} from "../src/_generated/schema-types.js";
import type {
  ArtifactNode,
  ArtifactRegistry,
  ArtifactTypeNode,
  CollectionNode,
  MembershipNode,
} from "./artifact-nodes.js";
import { nodeConnection, type PageArgs, runConnection } from "./connections.js";
import type { RequestContext } from "./context.js";
import { globalId } from "./ids.js";
import type { RunNode } from "./run-node.js";
import { RunQueries } from "./run-query.js";
import { SweepNode } from "./sweep-node.js";
import type { MockSweep } from "./types.js";

/** Runs per page when `first` is not given, as W&B's Python client asks. */
const defaultRunPageSize = 50;
/** A project's creation time when it has no runs to date it by. */
const defaultProjectCreatedAt = "2024-01-01T00:00:00";

/** A GraphQL `Entity`. */
export class EntityNode {
  readonly __typename = "Entity";
  readonly photoUrl = null;
  readonly isTeam = true;
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}
}

/** One project. */
export class ProjectNode {
  readonly __typename = "Project";
  readonly id: string;
  readonly internalId: string;
  /** The decimal id runs report as `projectId`. */
  readonly projectId: string;
  readonly isBenchmark = false;
  readonly readOnly = false;
  readonly description = null;
  readonly access = "PRIVATE";
  readonly views = "{}";
  readonly user = null;
  /** Its runs in description order; filled while the dataset is built. */
  readonly runList: RunNode[] = [];
  private readonly byName = new Map<string, RunNode>();
  private readonly sweeps = new Map<string, SweepNode>();
  private queries: RunQueries | undefined;
  private firstCreatedAt: string | undefined;

  constructor(
    readonly name: string,
    readonly entity: EntityNode,
    serial: number,
    private readonly artifacts: ArtifactRegistry,
  ) {
    this.id = globalId(`Project:v1:${name}:${entity.name}`);
    this.projectId = String(4200 + serial);
    this.internalId = globalId(`ProjectInternalId:${this.projectId}`);
  }

  get entityName(): string {
    return this.entity.name;
  }

  /** The creation time of its oldest run (runs are all added before the first query). */
  get createdAt(): string {
    if (this.firstCreatedAt === undefined) {
      let first: RunNode | undefined;
      for (const run of this.runList) if (!first || run.createdAtMs < first.createdAtMs) first = run;
      this.firstCreatedAt = first?.createdAt ?? defaultProjectCreatedAt;
    }
    return this.firstCreatedAt;
  }

  /** The last heartbeat (or creation) of its runs; its creation time when it has none. */
  get updatedAt(): string {
    let last: { ms: number; wire: string } | undefined;
    for (const run of this.runList) {
      const ms = run.heartbeatAtMs ?? run.createdAtMs;
      if (!last || ms > last.ms) last = { ms, wire: run.heartbeatAt ?? run.createdAt };
    }
    return last?.wire ?? this.createdAt;
  }

  /** Adds a run while the dataset is built; throws on a second run with the same ID. */
  addRun(run: RunNode): void {
    if (this.byName.has(run.name)) throw new TypeError(`two mock runs have the path ${run.path}`);
    this.runList.push(run);
    this.byName.set(run.name, run);
  }

  /** The run with this ID, for the dataset's own use (no request touches it). */
  runNamed(id: string): RunNode | undefined {
    return this.byName.get(id);
  }

  /** Puts `next` where the run of the same ID was; listings and counts see it from now on. */
  replaceRun(next: RunNode): void {
    const index = this.runList.findIndex((run) => run.name === next.name);
    if (index < 0) throw new TypeError(`no mock run ${next.path}`);
    this.runList[index] = next;
    this.byName.set(next.name, next);
    this.queries = undefined;
    this.firstCreatedAt = undefined;
  }

  /** Adds a sweep while the dataset is built; a second description of one ID replaces the first. */
  addSweep(description: MockSweep): void {
    const count = () => this.runList.filter((run) => run.sweepName === description.name).length;
    this.sweeps.set(description.name, new SweepNode(description, count));
  }

  hasSweep(name: string): boolean {
    return this.sweeps.has(name);
  }

  sweep(args: ProjectSweepArgs): SweepNode | null {
    return this.sweeps.get(args.sweepName) ?? null;
  }

  run(args: ProjectRunArgs, context: RequestContext): RunNode | null {
    const run = this.byName.get(args.name);
    if (!run) return null;
    context.touchRun(run.path);
    return run;
  }

  bucket(args: ProjectBucketArgs, context: RequestContext): RunNode | null {
    return this.run(args, context);
  }

  runs(args: ProjectRunsArgs) {
    const runs = this.runQueries().select(args.filters, args.order);
    return runConnection(runs, args, `runs:${this.entityName}/${this.name}`, defaultRunPageSize);
  }

  runCount(args: ProjectRunCountArgs): number {
    return this.runQueries().matching(args.filters).length;
  }

  private runQueries(): RunQueries {
    this.queries ??= new RunQueries(this.runList, this.byName);
    return this.queries;
  }

  artifactTypes(args: PageArgs) {
    const types = this.artifacts.typesIn(this.entityName, this.name);
    return nodeConnection(types, args, `types:${this.entityName}/${this.name}`, 50);
  }

  artifactType(args: ProjectArtifactTypeArgs): ArtifactTypeNode | null {
    return this.artifacts.findType(this.entityName, this.name, args.name) ?? null;
  }

  artifactCollection(args: ProjectArtifactCollectionArgs): CollectionNode | null {
    return this.artifacts.findCollection(this.entityName, this.name, args.name) ?? null;
  }

  artifactCollectionMembership(args: ProjectArtifactCollectionMembershipArgs): MembershipNode | null {
    return this.artifacts.membership(this.entityName, this.name, args.name);
  }

  /** `collection:alias` (no colon: `latest`). */
  artifact(args: ProjectArtifactArgs): ArtifactNode | null {
    return this.artifacts.membership(this.entityName, this.name, args.name)?.artifact ?? null;
  }
}
