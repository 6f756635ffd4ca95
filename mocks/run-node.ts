/**
 * A GraphQL `Run` over one description: its fields in W&B's wire forms (zone-less timestamps,
 * JSONString config wrapped as `{value, desc}`, summaries with bare `NaN`, history rows as JSON
 * text). Wire strings are made on first use and kept, so a run asked for a hundred times is
 * written once, and a dataset of 100,000 runs costs nothing until queried.
 */
import type {
  RunConfigArgs,
  RunEventsArgs,
  RunHistoryArgs,
  RunInputArtifactsArgs,
  RunLogLinesArgs,
  RunOutputArtifactsArgs,
  RunParquetHistoryArgs,
  RunSampledHistoryArgs,
  RunSummaryMetricsArgs,
  RunWandbConfigArgs,
} from "../src/_generated/schema-types.js";
import type { JsonObject, JsonValue } from "../src/wire/json.js";
import type { ArtifactNode } from "./artifact-nodes.js";
import { paginate } from "./connections.js";
import { FileContent } from "./file-content.js";
import { type FileConnectionArgs, FileNode, fileConnection } from "./file-nodes.js";
import type { FileStore, StoredFile } from "./file-store.js";
import {
  defaultHistorySamples,
  historyKeysOf,
  parseHistorySpec,
  rowsInStepRange,
  sampledHistoryRows,
  sampleEvenly,
  stepInRawRow,
} from "./history.js";
import { exportedParts, writeExportFile } from "./history-export.js";
import { globalId } from "./ids.js";
import { type LogLineNode, logLineConnection, logLineNodes } from "./log-lines.js";
import { toWireTime, type WireTime } from "./time.js";
import type { MockHistoryExport, MockHistoryRow, MockRun } from "./types.js";
import type { UserNode } from "./user-node.js";
import {
  defaultWandbInternals,
  pickKeys,
  toInlineJson,
  wrapConfig,
  writeExtendedJson,
} from "./wire-writer.js";

/** Artifacts per page when `first` is not given. */
const defaultArtifactPageSize = 50;
/** A run's creation time when its description gives none. */
const defaultCreatedAt = "2024-01-01T00:00:00";
const defaultRuntimeSeconds = 3600;

/** What a run needs of the project it lives in. */
export interface RunProject {
  readonly name: string;
  readonly entityName: string;
  readonly projectId: string;
}

interface HistoryEntry {
  step: number;
  text: string;
}

/** One run. Field names are the schema's; the rest is what filters and order read. */
export class RunNode {
  readonly __typename = "Run";
  /** `entity/project/id`, as the request log names runs. */
  readonly path: string;
  readonly id: string;
  /** The run ID. */
  readonly name: string;
  readonly displayName: string | null;
  readonly state: string;
  readonly tags: string[] | null;
  readonly group: string | null;
  readonly jobType: string | null;
  readonly sweepName: string | null;
  readonly notes: string | null;
  readonly commit: string | null;
  readonly host: string | null;
  readonly description = null;
  readonly readOnly = false;
  readonly stopped = false;
  readonly eventsLineCount = 0;
  readonly historyTail = null;
  readonly eventsTail = null;
  readonly createdAt: string;
  readonly heartbeatAt: string | null;
  readonly updatedAt: string;
  readonly createdAtMs: number;
  readonly heartbeatAtMs: number | null;
  readonly updatedAtMs: number;
  /** Heartbeat minus creation, in seconds; 0 without a heartbeat. */
  readonly runtimeSeconds: number;
  readonly user: UserNode | null;
  /** The config as described (plain values), for filters and order. */
  readonly configValues: JsonObject;
  /** The summary with W&B's own keys added, for filters and order. */
  readonly summaryValues: JsonObject;
  /** History sorted by `_step`. */
  readonly historyRows: readonly MockHistoryRow[];
  /** Filled by the dataset after every run exists. */
  readonly logged: ArtifactNode[] = [];
  /** Each used version with the names the run used it under (`InputArtifactEdge.usedAs`). */
  readonly used: Array<{ version: ArtifactNode; usedAs: string[] }> = [];
  readonly defaultColorIndex: number;
  /** The files it saved, in description order. */
  savedFiles: FileNode[];

  private readonly source: MockRun;
  private readonly internals: JsonObject;
  /** The position of its description among the dataset's runs. */
  readonly serial: number;
  private wrapped: JsonObject | undefined;
  private configText: string | undefined;
  private summaryText: string | undefined;
  private historyEntries: HistoryEntry[] | undefined;
  /** The Parquet history export files, stored (made on first download). */
  private readonly exportFiles: StoredFile[];
  private readonly store: FileStore;
  private keysSummary: JsonObject | null | undefined;
  private logNodes: LogLineNode[] | undefined;

  constructor(
    description: MockRun,
    readonly project: RunProject,
    user: UserNode | null,
    serial: number,
    store: FileStore,
  ) {
    this.source = description;
    this.serial = serial;
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
    const updated =
      description.updatedAt === undefined
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
    this.store = store;
    this.exportFiles = this.storeExports(description.historyExport);
    this.configValues = description.config ?? {};
    this.summaryValues = {
      _step: this.historyRows.at(-1)?._step ?? 0,
      _runtime: this.runtimeSeconds,
      _timestamp: (heartbeat ?? created).ms / 1000,
      _wandb: { runtime: Math.floor(this.runtimeSeconds) },
      ...description.summary,
    };
    this.internals = { ...defaultWandbInternals, start_time: created.ms / 1000 };
    this.savedFiles = (description.files ?? []).map((file) => {
      if (typeof file?.name !== "string" || file.name === "") {
        throw new TypeError(`${this.path}: every mock run file needs a name`);
      }
      const updatedAt =
        file.updatedAt === undefined
          ? this.updatedAt
          : toWireTime(file.updatedAt, `${this.path} ${file.name}`).wire;
      const mimetype = file.mimetype ?? (file.name.endsWith(".json") ? "application/json" : "text/plain");
      return new FileNode(store, store.add(this.path, file.name, file.content), {
        name: file.name,
        mimetype,
        updatedAt,
      });
    });
  }

  /** Serves `previous`'s files (the same stored bytes) instead of its own: a run updated in place. */
  keepFilesOf(previous: RunNode): void {
    this.savedFiles = previous.savedFiles;
  }

  get fileCount(): number {
    return this.savedFiles.length;
  }

  files(args: FileConnectionArgs) {
    return fileConnection(this.savedFiles, args, `files:${this.path}`);
  }

  private heartbeatOf(description: MockRun, created: WireTime): WireTime | null {
    if (description.heartbeatAt === null) return null;
    if (description.heartbeatAt !== undefined)
      return toWireTime(description.heartbeatAt, `${this.path} heartbeatAt`);
    if ((description.state ?? "finished") === "pending") return null;
    const runtime = description.summary?._runtime;
    const seconds = typeof runtime === "number" && Number.isFinite(runtime) ? runtime : defaultRuntimeSeconds;
    const ms = created.ms + seconds * 1000;
    return toWireTime(new Date(ms), `${this.path} heartbeatAt`);
  }

  /** The description this run was made from (`description` is GraphQL's `Run.description`). */
  get mockRun(): MockRun {
    return this.source;
  }

  get projectId(): string {
    return this.project.projectId;
  }

  get historyLineCount(): number {
    return this.historyRows.length;
  }

  /** A `Duration`: whole seconds (genqlient binds W&B's Duration to an int64). */
  get computeSeconds(): number {
    return Math.round(this.runtimeSeconds);
  }

  /** The config with each key wrapped as on the wire, kept for filters on `config.K.value`. */
  get wrappedConfig(): JsonObject {
    this.wrapped ??= wrapConfig(this.configValues, this.internals);
    return this.wrapped;
  }

  config(args: RunConfigArgs): string | null {
    if (this.source.configRaw !== undefined) return this.source.configRaw;
    if (args.keys) return writeExtendedJson(pickKeys(this.wrappedConfig, args.keys));
    this.configText ??= writeExtendedJson(this.wrappedConfig);
    return this.configText;
  }

  summaryMetrics(args: RunSummaryMetricsArgs): string | null {
    if (this.source.summaryRaw !== undefined) return this.source.summaryRaw;
    if (args.keys) return writeExtendedJson(pickKeys(this.summaryValues, args.keys));
    this.summaryText ??= writeExtendedJson(this.summaryValues);
    return this.summaryText;
  }

  get systemMetrics(): string {
    return writeExtendedJson(this.source.systemMetrics ?? {});
  }

  wandbConfig(args: RunWandbConfigArgs): string {
    const wandb = this.wrappedConfig._wandb;
    const value = isObject(wandb) && isObject(wandb.value) ? wandb.value : {};
    return writeExtendedJson(args.keys ? pickKeys(value, args.keys) : value);
  }

  get historyKeys(): JsonObject | null {
    if (this.keysSummary === undefined) this.keysSummary = historyKeysOf(this.historyRows);
    return this.keysSummary;
  }

  /**
   * Without `minStep`/`maxStep`: at most `samples` rows (default 500) spread over the run, first
   * and last kept. With either: the rows with `minStep <= _step < maxStep`, the first `samples`.
   */
  history(args: RunHistoryArgs): string[] {
    const samples = args.samples ?? defaultHistorySamples;
    if (!Number.isInteger(samples) || samples < 0) throw new Error("samples must be a non-negative integer");
    const entries = this.entries();
    if (args.minStep == null && args.maxStep == null)
      return sampleEvenly(entries, samples).map((e) => e.text);
    const minStep = args.minStep ?? Number.NEGATIVE_INFINITY;
    const maxStep = args.maxStep ?? Number.POSITIVE_INFINITY;
    return rowsInStepRange(entries, (e) => e.step, minStep, maxStep, samples).map((e) => e.text);
  }

  private entries(): HistoryEntry[] {
    if (!this.historyEntries) {
      const raw = this.source.historyRaw;
      this.historyEntries = raw
        ? raw.map((text) => ({ step: stepInRawRow(text), text }))
        : this.historyRows.map((row) => ({ step: row._step, text: writeExtendedJson(row) }));
    }
    return this.historyEntries;
  }

  sampledHistory(args: RunSampledHistoryArgs): JsonObject[][] {
    return args.specs.map((spec) => sampledHistoryRows(this.historyRows, parseHistorySpec(spec)));
  }

  /** At most `samples` rows (default 500) spread over the run, first and last kept, as JSON text. */
  events(args: RunEventsArgs): string[] {
    const samples = args.samples ?? defaultHistorySamples;
    const rows = [...(this.source.systemHistory ?? [])].sort((a, b) => a._timestamp - b._timestamp);
    // W&B marks system rows with "_wandb": true (wandb-core filestream/updatestats.go).
    return sampleEvenly(rows, samples).map((row) => writeExtendedJson({ ...row, _wandb: true }));
  }

  /**
   * The export files' storage URLs and the rows not exported (only their `liveKeys`, as W&B
   * sends them). Without `historyExport` nothing is exported and every row is live.
   */
  parquetHistory(args: RunParquetHistoryArgs): { parquetUrls: string[]; liveData: JsonValue[] } {
    const through = this.source.historyExport
      ? (this.source.historyExport.throughStep ?? Number.POSITIVE_INFINITY)
      : Number.NEGATIVE_INFINITY;
    const liveKeys = [...args.liveKeys];
    const liveData = this.historyRows
      .filter((row) => row._step >= through)
      .map((row) => {
        const picked: JsonObject = {};
        for (const key of liveKeys)
          if (Object.hasOwn(row, key)) picked[key] = toInlineJson(row[key] as JsonValue);
        return picked;
      });
    return { parquetUrls: this.exportFiles.map((file) => this.store.directUrl(file)), liveData };
  }

  private storeExports(options: MockHistoryExport | undefined): StoredFile[] {
    if (!options) return [];
    return exportedParts(this.historyRows, options).map((rows, i) =>
      this.store.add(
        this.path,
        `${this.name}-history-${i}.parquet`,
        FileContent.lazyBytes(() => {
          if (options.corrupt === "not-parquet") return Buffer.from("<html>not a parquet file</html>\n");
          const bytes = writeExportFile(rows, options);
          return options.corrupt === "truncated" ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
        }),
      ),
    );
  }

  private logLineList(): LogLineNode[] {
    this.logNodes ??= logLineNodes(this.source.logs ?? [], this.createdAtMs, this.path);
    return this.logNodes;
  }

  get logLineCount(): number {
    return this.logLineList().length;
  }

  /** Null for a run without console output, as W&B answers; both pagination modes otherwise. */
  logLines(args: RunLogLinesArgs) {
    if (!this.source.logs?.length) return null;
    return logLineConnection(this.logLineList(), args, `log-lines:${this.path}`, this.source.logPageLimit);
  }

  /** An `ArtifactConnection` of the versions the run logged. */
  outputArtifacts(args: RunOutputArtifactsArgs) {
    return artifactConnection(this.logged, args, `output-artifacts:${this.path}`, (node, cursor) => ({
      node,
      cursor,
    }));
  }

  /** An `InputArtifactConnection`: its edges also say what the run used each version as. */
  inputArtifacts(args: RunInputArtifactsArgs) {
    return artifactConnection(this.used, args, `input-artifacts:${this.path}`, (used, cursor) => ({
      node: used.version,
      cursor,
      usedAs: used.usedAs,
    }));
  }
}

function artifactConnection<T, E>(
  items: readonly T[],
  args: RunOutputArtifactsArgs,
  kind: string,
  edge: (item: T, cursor: string) => E,
) {
  const page = paginate(items, args, kind, defaultArtifactPageSize);
  return {
    totalCount: items.length,
    pageInfo: page.pageInfo,
    edges: page.items.map(({ item, cursor }) => edge(item, cursor)),
  };
}

function sortedHistory(rows: readonly MockHistoryRow[], path: string): MockHistoryRow[] {
  for (const row of rows) {
    if (typeof row?._step !== "number" || !Number.isFinite(row._step)) {
      throw new TypeError(`${path}: every history row needs a numeric _step`);
    }
  }
  return [...rows].sort((a, b) => a._step - b._step);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
