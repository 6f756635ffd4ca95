import { paginate } from "./connections.js";
import { defaultHistorySamples, historyKeysOf, parseHistorySpec, rowsInStepRange, sampledHistoryRows, sampleEvenly, stepInRawRow, } from "./history.js";
import { globalId } from "./ids.js";
import { toWireTime } from "./time.js";
import { defaultWandbInternals, pickKeys, toInlineJson, wrapConfig, writeExtendedJson, } from "./wire-writer.js";
/** Artifacts per page when `first` is not given. */
const defaultArtifactPageSize = 50;
/** A run's creation time when its description gives none. */
const defaultCreatedAt = "2024-01-01T00:00:00";
const defaultRuntimeSeconds = 3600;
/** One run. Field names are the schema's; the rest is what filters and order read. */
export class RunNode {
    project;
    __typename = "Run";
    /** `entity/project/id`, as the request log names runs. */
    path;
    id;
    /** The run ID. */
    name;
    displayName;
    state;
    tags;
    group;
    jobType;
    sweepName;
    notes;
    commit;
    host;
    description = null;
    readOnly = false;
    stopped = false;
    logLineCount = 0;
    eventsLineCount = 0;
    fileCount = 0;
    historyTail = null;
    eventsTail = null;
    createdAt;
    heartbeatAt;
    updatedAt;
    createdAtMs;
    heartbeatAtMs;
    updatedAtMs;
    /** Heartbeat minus creation, in seconds; 0 without a heartbeat. */
    runtimeSeconds;
    user;
    /** The config as described (plain values), for filters and order. */
    configValues;
    /** The summary with W&B's own keys added, for filters and order. */
    summaryValues;
    /** History sorted by `_step`. */
    historyRows;
    /** Filled by the dataset after every run exists. */
    logged = [];
    used = [];
    defaultColorIndex;
    source;
    internals;
    wrapped;
    configText;
    summaryText;
    historyEntries;
    keysSummary;
    constructor(description, project, user, serial) {
        this.project = project;
        this.source = description;
        this.path = `${description.entity}/${description.project}/${description.id}`;
        this.id = globalId(`Run:v1:${description.id}:${description.project}:${description.entity}`);
        this.name = description.id;
        this.displayName = description.displayName === undefined ? description.id : description.displayName;
        this.state = description.state ?? "finished";
        this.tags = description.tags === undefined ? [] : description.tags;
        this.group = description.group ?? null;
        this.jobType = description.jobType ?? null;
        this.sweepName = description.sweepName ?? null;
        this.notes = description.notes ?? null;
        this.commit = description.commit ?? null;
        this.host = description.host ?? null;
        this.user = user;
        this.defaultColorIndex = serial % 32;
        const created = toWireTime(description.createdAt ?? defaultCreatedAt, `${this.path} createdAt`);
        const heartbeat = this.heartbeatOf(description, created);
        const updated = description.updatedAt === undefined
            ? (heartbeat ?? created)
            : toWireTime(description.updatedAt, `${this.path} updatedAt`);
        this.createdAt = created.wire;
        this.createdAtMs = created.ms;
        this.heartbeatAt = heartbeat?.wire ?? null;
        this.heartbeatAtMs = heartbeat?.ms ?? null;
        this.updatedAt = updated.wire;
        this.updatedAtMs = updated.ms;
        this.runtimeSeconds = heartbeat ? (heartbeat.ms - created.ms) / 1000 : 0;
        this.historyRows = sortedHistory(description.history ?? [], this.path);
        this.configValues = description.config ?? {};
        this.summaryValues = {
            _step: this.historyRows.at(-1)?._step ?? 0,
            _runtime: this.runtimeSeconds,
            _timestamp: (heartbeat ?? created).ms / 1000,
            _wandb: { runtime: Math.floor(this.runtimeSeconds) },
            ...description.summary,
        };
        this.internals = { ...defaultWandbInternals, start_time: created.ms / 1000 };
    }
    heartbeatOf(description, created) {
        if (description.heartbeatAt === null)
            return null;
        if (description.heartbeatAt !== undefined)
            return toWireTime(description.heartbeatAt, `${this.path} heartbeatAt`);
        if ((description.state ?? "finished") === "pending")
            return null;
        const runtime = description.summary?._runtime;
        const seconds = typeof runtime === "number" && Number.isFinite(runtime) ? runtime : defaultRuntimeSeconds;
        const ms = created.ms + seconds * 1000;
        return toWireTime(new Date(ms), `${this.path} heartbeatAt`);
    }
    get projectId() {
        return this.project.projectId;
    }
    get historyLineCount() {
        return this.historyRows.length;
    }
    get computeSeconds() {
        return this.runtimeSeconds;
    }
    /** The config with each key wrapped as on the wire, kept for filters on `config.K.value`. */
    get wrappedConfig() {
        this.wrapped ??= wrapConfig(this.configValues, this.internals);
        return this.wrapped;
    }
    config(args) {
        if (this.source.configRaw !== undefined)
            return this.source.configRaw;
        if (args.keys)
            return writeExtendedJson(pickKeys(this.wrappedConfig, args.keys));
        this.configText ??= writeExtendedJson(this.wrappedConfig);
        return this.configText;
    }
    summaryMetrics(args) {
        if (this.source.summaryRaw !== undefined)
            return this.source.summaryRaw;
        if (args.keys)
            return writeExtendedJson(pickKeys(this.summaryValues, args.keys));
        this.summaryText ??= writeExtendedJson(this.summaryValues);
        return this.summaryText;
    }
    get systemMetrics() {
        return writeExtendedJson(this.source.systemMetrics ?? {});
    }
    wandbConfig(args) {
        const wandb = this.wrappedConfig._wandb;
        const value = isObject(wandb) && isObject(wandb.value) ? wandb.value : {};
        return writeExtendedJson(args.keys ? pickKeys(value, args.keys) : value);
    }
    get historyKeys() {
        if (this.keysSummary === undefined)
            this.keysSummary = historyKeysOf(this.historyRows);
        return this.keysSummary;
    }
    /**
     * Without `minStep`/`maxStep`: at most `samples` rows (default 500) spread over the run, first
     * and last kept. With either: the rows with `minStep <= _step < maxStep`, the first `samples`.
     * `maxKeyLimit` is accepted and ignored (no mock run has that many keys).
     */
    history(args) {
        const samples = args.samples ?? defaultHistorySamples;
        if (!Number.isInteger(samples) || samples < 0)
            throw new Error("samples must be a non-negative integer");
        const entries = this.entries();
        if (args.minStep == null && args.maxStep == null)
            return sampleEvenly(entries, samples).map((e) => e.text);
        const minStep = args.minStep ?? Number.NEGATIVE_INFINITY;
        const maxStep = args.maxStep ?? Number.POSITIVE_INFINITY;
        return rowsInStepRange(entries, (e) => e.step, minStep, maxStep, samples).map((e) => e.text);
    }
    entries() {
        if (!this.historyEntries) {
            const raw = this.source.historyRaw;
            this.historyEntries = raw
                ? raw.map((text) => ({ step: stepInRawRow(text), text }))
                : this.historyRows.map((row) => ({ step: row._step, text: writeExtendedJson(row) }));
        }
        return this.historyEntries;
    }
    sampledHistory(args) {
        return args.specs.map((spec) => sampledHistoryRows(this.historyRows, parseHistorySpec(spec)));
    }
    events() {
        return [];
    }
    /** Every row is "live": nothing of a mock run is exported to parquet. */
    parquetHistory(_args) {
        return { parquetUrls: [], liveData: this.historyRows.map(toInlineJson) };
    }
    outputArtifacts(args) {
        return artifactConnection(this.logged, args, `output-artifacts:${this.path}`);
    }
    inputArtifacts(args) {
        return artifactConnection(this.used, args, `input-artifacts:${this.path}`);
    }
}
function artifactConnection(artifacts, args, kind) {
    const page = paginate(artifacts, args, kind, defaultArtifactPageSize);
    return {
        totalCount: artifacts.length,
        pageInfo: page.pageInfo,
        edges: page.items.map(({ item, cursor }) => ({ node: item, cursor })),
    };
}
function sortedHistory(rows, path) {
    for (const row of rows) {
        if (typeof row?._step !== "number" || !Number.isFinite(row._step)) {
            throw new TypeError(`${path}: every history row needs a numeric _step`);
        }
    }
    return [...rows].sort((a, b) => a._step - b._step);
}
function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
//# sourceMappingURL=run-node.js.map