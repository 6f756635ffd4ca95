import { runConnection } from "./connections.js";
import { globalId } from "./ids.js";
import { RunQueries } from "./run-query.js";
/** Runs per page when `first` is not given, as W&B's Python client asks. */
const defaultRunPageSize = 50;
/** A project's creation time when it has no runs to date it by. */
const defaultProjectCreatedAt = "2024-01-01T00:00:00";
/** A GraphQL `Entity`. */
export class EntityNode {
    id;
    name;
    __typename = "Entity";
    photoUrl = null;
    isTeam = true;
    constructor(id, name) {
        this.id = id;
        this.name = name;
    }
}
/** One project. */
export class ProjectNode {
    name;
    entity;
    artifacts;
    __typename = "Project";
    id;
    internalId;
    /** The decimal id runs report as `projectId`. */
    projectId;
    isBenchmark = false;
    readOnly = false;
    description = null;
    access = "PRIVATE";
    views = "{}";
    user = null;
    /** Its runs in description order; filled while the dataset is built. */
    runList = [];
    byName = new Map();
    queries;
    firstCreatedAt;
    constructor(name, entity, serial, artifacts) {
        this.name = name;
        this.entity = entity;
        this.artifacts = artifacts;
        this.id = globalId(`Project:v1:${name}:${entity.name}`);
        this.projectId = String(4200 + serial);
        this.internalId = globalId(`ProjectInternalId:${this.projectId}`);
    }
    get entityName() {
        return this.entity.name;
    }
    /** The creation time of its oldest run (runs are all added before the first query). */
    get createdAt() {
        if (this.firstCreatedAt === undefined) {
            let first;
            for (const run of this.runList)
                if (!first || run.createdAtMs < first.createdAtMs)
                    first = run;
            this.firstCreatedAt = first?.createdAt ?? defaultProjectCreatedAt;
        }
        return this.firstCreatedAt;
    }
    /** Adds a run while the dataset is built; throws on a second run with the same ID. */
    addRun(run) {
        if (this.byName.has(run.name))
            throw new TypeError(`two mock runs have the path ${run.path}`);
        this.runList.push(run);
        this.byName.set(run.name, run);
    }
    run(args, context) {
        const run = this.byName.get(args.name);
        if (!run)
            return null;
        context.touchRun(run.path);
        return run;
    }
    bucket(args, context) {
        return this.run(args, context);
    }
    runs(args) {
        const runs = this.runQueries().select(args.filters, args.order);
        return runConnection(runs, args, `runs:${this.entityName}/${this.name}`, defaultRunPageSize);
    }
    runCount(args) {
        return this.runQueries().matching(args.filters).length;
    }
    runQueries() {
        this.queries ??= new RunQueries(this.runList, this.byName);
        return this.queries;
    }
    artifactType(args) {
        return this.artifacts.findType(this.entityName, this.name, args.name) ?? null;
    }
    artifactCollection(args) {
        return this.artifacts.findCollection(this.entityName, this.name, args.name) ?? null;
    }
    artifactCollectionMembership(args) {
        return this.artifacts.membership(this.entityName, this.name, args.name);
    }
    /** `collection:alias` (no colon: `latest`). */
    artifact(args) {
        return this.artifacts.membership(this.entityName, this.name, args.name)?.artifact ?? null;
    }
}
//# sourceMappingURL=project-node.js.map