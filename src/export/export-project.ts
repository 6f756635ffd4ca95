/**
 * `exportProject`: a project's runs as a Parquet dataset that DuckDB, Polars or Spark read as it is:
 * `runs.parquet` (one row per run) and, with `history`, `history/run_id=<id>/part-0.parquet`
 * (Hive partitioning). Run fields come batched as everywhere (the runs pages, then config and
 * summary 50 runs a request); history comes in step windows of several runs per request
 * (`loaders/history-windows.ts`), a bounded number in flight. A manifest records what was written,
 * so the next export fetches only runs that are new or whose state or heartbeat moved, and an
 * interrupted one continues where it stopped. Every file is written temp-then-rename.
 */
import { access, constants, mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { WandbClient } from "../client.js";
import { InvalidArgumentError } from "../errors.js";
import type { RunFilters } from "../filters.js";
import { runConfig, runSummary } from "../ops/run-dicts.js";
import { contextOf, type Run } from "../run.js";
import type { JsonObject } from "../wire/json.js";
import { type FlatRow, flatten, toColumns } from "./columns.js";
import { removeLeftovers, writeAtomically } from "./files.js";
import { type HistoryRun, readHistoryBatches } from "./history-source.js";
import { type Manifest, type ManifestRun, readManifest, writeManifest } from "./manifest.js";

/** Options of {@link exportProject}. */
export interface ExportProjectOptions {
  /** The folder to write the dataset in (made when missing). */
  dir: string;
  /** Only the runs these match (W&B's runs filter, as for `client.runs`). */
  filters?: RunFilters | undefined;
  /** History keys to keep (a key keeps its nested `key.sub` columns); default every key. */
  keys?: readonly string[] | undefined;
  /** Also export every history row. Default `false`. */
  history?: boolean | undefined;
  /**
   * Where history comes from: `"pages"` (default), several runs' step windows per request; or
   * `"auto"`, each run's Parquet exports where it has them (one `parquetHistory` request a run,
   * then storage reads), pages for the others.
   */
  source?: "auto" | "pages" | undefined;
  /** History requests in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** History rows one request may ask for (windows of several runs share it). Default 100,000. */
  rowsPerRequest?: number | undefined;
  /** Stops the export; what is whole stays, and the next export continues. */
  signal?: AbortSignal | undefined;
  /** Called as the export moves on. */
  onProgress?: ((event: ExportProgress) => void) | undefined;
}

/** How far an export is. */
export interface ExportProgress {
  /** `list`: runs listed; `runs`: run fields fetched; `history`: histories written; `done`. */
  phase: "list" | "runs" | "history" | "done";
  /** Runs listed so far (the project's runs that match). */
  runs: number;
  /** Runs to fetch this time: new or changed, or not finished before. */
  changed: number;
  /** Of `changed`, those done in this phase. */
  done: number;
}

/** What an export did. */
export interface ProjectExport {
  dir: string;
  /** Runs in the dataset. */
  runs: number;
  /** Runs fetched this time. */
  changed: number;
  /** History rows written this time. */
  historyRows: number;
}

const runColumns = [
  "run_id",
  "path",
  "display_name",
  "state",
  "created_at",
  "heartbeat_at",
  "runtime_seconds",
  "user",
  "tags",
  "group",
  "job_type",
  "sweep",
];
/** Run fields asked for at once: config and summary batch 50 runs a request in one tick. */
const runFieldChunk = 500;

/**
 * Exports the runs of `projectPath` (`"entity/project"`) to `options.dir` as a Parquet dataset:
 * `runs.parquet`, one row per run (`run_id`, `path`, `display_name`, `state`, `created_at`,
 * `heartbeat_at`, `runtime_seconds`, `user`, `tags`, `group`, `job_type`, `sweep`, then
 * `config.*` and `summary.*`, nested keys dotted, each column typed where its values agree, else
 * JSON text), and with `history`, `history/run_id=<id>/part-0.parquet` (`_step` INT64 and one
 * column per key, NaN and ±Infinity kept). A second export into the same folder fetches only runs
 * that are new or whose state or heartbeat changed, and rewrites only their files; an interrupted
 * export leaves only whole files, and the next continues. Bad options (an unwritable `dir`) are
 * rejected before any request.
 *
 * @param client - The client to read with
 * @param projectPath - `"entity/project"`
 * @param options - `dir`: the folder; `filters`: only runs these match; `keys`: history keys to keep
 * (default all); `history`: also every history row (default false); `concurrency`: history requests
 * in flight (default 4); `rowsPerRequest`: history rows per request (default 100,000); `signal`:
 * stops it; `onProgress`: called as it moves on.
 *
 * @example Export a Project for DuckDB
 * ```ts
 * const done = await exportProject(wb, "acme/vision", { dir: "./vision", history: true });
 * console.log(`${done.runs} runs, ${done.changed} fetched`);
 * ```
 *
 * @see
 * - {@link followRunLogs} - For one run's console output
 */
export async function exportProject(
  client: WandbClient,
  projectPath: string,
  options: ExportProjectOptions,
): Promise<ProjectExport> {
  const settings = checkExportOptions(options);
  const { dir, signal, onProgress } = settings;
  await prepareDir(dir);
  const previous = await readManifest(dir, {
    project: projectPath,
    history: settings.history,
    keys: settings.keys,
  });
  const manifest: Manifest = {
    format: 1,
    project: projectPath,
    history: settings.history,
    keys: settings.keys,
    runs: {},
  };
  const listed: Run[] = [];
  const changed: Run[] = [];
  const progress = (phase: ExportProgress["phase"], done: number) =>
    onProgress?.({ phase, runs: listed.length, changed: changed.length, done });
  for await (const run of client.runs(projectPath, { filters: settings.filters, pageSize: 500, signal })) {
    listed.push(run);
    const light = contextOf(run, "exportProject").primed;
    const entry: ManifestRun = {
      state: light?.state ?? null,
      heartbeatAt: light?.heartbeatAt?.toISOString() ?? null,
      historyDone: false,
      historyRows: 0,
    };
    const before = previous?.runs[run.id];
    const same =
      before !== undefined && before.state === entry.state && before.heartbeatAt === entry.heartbeatAt;
    if (same && (before.historyDone || !settings.history)) manifest.runs[run.id] = before;
    else {
      manifest.runs[run.id] = entry;
      changed.push(run);
    }
    if (listed.length % 500 === 0) progress("list", 0);
  }
  progress("list", 0);

  // Run fields of the changed runs, batched; rows of the others come from the last runs.parquet.
  const runsFile = join(dir, "runs.parquet");
  const kept = previous ? await readRunRows(runsFile, new Set(changed.map((run) => run.id))) : [];
  const fresh: FlatRow[] = [];
  const lastSteps = new Map<string, number>();
  for (let start = 0; start < changed.length; start += runFieldChunk) {
    const chunk = changed.slice(start, start + runFieldChunk);
    const fields = await Promise.all(
      chunk.map((run) => Promise.all([runConfig(run, { signal }), runSummary(run, { signal })])),
    );
    chunk.forEach((run, i) => {
      const [config, summary] = fields[i] as [JsonObject, JsonObject];
      fresh.push(runRow(run, config, summary));
      const step = summary._step;
      lastSteps.set(run.id, typeof step === "number" && Number.isSafeInteger(step) ? step : -1);
    });
    progress("runs", start + chunk.length);
  }
  const listedIds = new Set(listed.map((run) => run.id));
  const rows = [...kept.filter((row) => listedIds.has(String(row.run_id))), ...fresh];
  rows.sort((a, b) => String(a.run_id).localeCompare(String(b.run_id)));
  await writeAtomically(
    runsFile,
    new Uint8Array(parquetWriteBuffer({ columnData: toColumns(rows, runColumns) })),
  );
  // Runs gone from the project (or the filter) leave the dataset.
  for (const id of Object.keys(previous?.runs ?? {})) {
    if (!listedIds.has(id)) await rm(historyFolder(dir, id), { recursive: true, force: true });
  }
  await writeManifest(dir, manifest);

  let historyRows = 0;
  if (settings.history && changed.length > 0) {
    const first = changed[0] as Run;
    const work: HistoryRun[] = changed.map((run) => ({
      runId: run.id,
      lastStep: lastSteps.get(run.id) ?? -1,
    }));
    let done = 0;
    const runContext = contextOf(first, "exportProject");
    const exports =
      settings.source === "auto"
        ? {
            context: { transport: runContext.transport, policy: runContext.files.policy("exportProject") },
            project: { entity: first.entity, project: first.project },
          }
        : undefined;
    const batches = readHistoryBatches(runContext.transport, first, work, {
      exports,
      keys: settings.keys,
      concurrency: settings.concurrency,
      rowsPerRequest: settings.rowsPerRequest,
      signal,
    });
    for await (const finished of batches) {
      // A few files at a time: the encoding is CPU, the writes overlap it.
      for (let start = 0; start < finished.length; start += 8) {
        await Promise.all(
          finished
            .slice(start, start + 8)
            .map(({ runId, rows: historyOfRun }) => writeHistory(dir, runId, historyOfRun)),
        );
      }
      for (const { runId, rows: historyOfRun } of finished) {
        const entry = manifest.runs[runId] as ManifestRun;
        entry.historyDone = true;
        entry.historyRows = historyOfRun.length;
        historyRows += historyOfRun.length;
        done++;
      }
      await writeManifest(dir, manifest);
      progress("history", done);
    }
  }
  progress("done", changed.length);
  return { dir, runs: listed.length, changed: changed.length, historyRows };
}

interface ExportSettings {
  dir: string;
  filters: RunFilters | undefined;
  keys: string[] | null;
  history: boolean;
  source: "auto" | "pages";
  concurrency: number;
  rowsPerRequest: number;
  signal: AbortSignal | undefined;
  onProgress: ((event: ExportProgress) => void) | undefined;
}

const optionNames = new Set([
  "dir",
  "filters",
  "keys",
  "history",
  "concurrency",
  "rowsPerRequest",
  "source",
  "signal",
  "onProgress",
]);

function checkExportOptions(options: ExportProjectOptions): ExportSettings {
  const operation = "exportProject";
  const bad = (why: string) => new InvalidArgumentError(`${operation}: ${why}`, { operation });
  if (typeof options !== "object" || options === null) throw bad("options must be an object with dir");
  for (const name of Object.keys(options))
    if (!optionNames.has(name)) throw bad(`unknown option ${JSON.stringify(name)}`);
  if (typeof options.dir !== "string" || options.dir === "") throw bad("dir must be a folder path");
  if (
    options.keys !== undefined &&
    (!Array.isArray(options.keys) || options.keys.some((key) => typeof key !== "string" || key === ""))
  ) {
    throw bad("keys must be a list of key names");
  }
  const whole = (value: number | undefined, name: string, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value < 1) throw bad(`${name} must be a whole number >= 1`);
    return value;
  };
  if (options.history !== undefined && typeof options.history !== "boolean")
    throw bad("history must be true or false");
  if (options.source !== undefined && options.source !== "auto" && options.source !== "pages") {
    throw bad(`source must be "auto" or "pages", got ${JSON.stringify(options.source)}`);
  }
  return {
    dir: options.dir,
    filters: options.filters,
    keys: options.keys ? [...new Set(options.keys)].sort() : null,
    history: options.history ?? false,
    source: options.source ?? "pages",
    concurrency: whole(options.concurrency, "concurrency", 4),
    rowsPerRequest: whole(options.rowsPerRequest, "rowsPerRequest", 100_000),
    signal: options.signal,
    onProgress: options.onProgress,
  };
}

/** Makes `dir` and checks it can be written, before any request; clears an interrupted export's leftovers. */
async function prepareDir(dir: string): Promise<void> {
  const operation = "exportProject";
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw new Error("not a folder");
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new InvalidArgumentError(`${operation}: cannot write to ${dir}: ${(error as Error).message}`, {
      operation,
      cause: error,
    });
  }
  await removeLeftovers(dir);
}

function runRow(run: Run, config: JsonObject, summary: JsonObject): FlatRow {
  const light = contextOf(run, "exportProject").primed;
  const row: FlatRow = {
    run_id: run.id,
    path: run.path,
    display_name: light?.displayName ?? null,
    state: light?.state ?? null,
    created_at: light?.createdAt ?? null,
    heartbeat_at: light?.heartbeatAt ?? null,
    runtime_seconds:
      light?.heartbeatAt && light.createdAt
        ? Math.max(0, (light.heartbeatAt.getTime() - light.createdAt.getTime()) / 1000)
        : 0,
    user: light?.user?.username ?? null,
    tags: light ? JSON.stringify(light.tags) : null,
    group: light?.group ?? null,
    job_type: light?.jobType ?? null,
    sweep: light?.sweepName ?? null,
  };
  flatten(config, "config", row);
  flatten(summary, "summary", row);
  return row;
}

/** The rows of the last `runs.parquet` but those of `changed` runs; none when there is no such file. */
async function readRunRows(path: string, changed: ReadonlySet<string>): Promise<FlatRow[]> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch {
    return [];
  }
  const rows = (await parquetReadObjects({ file })) as FlatRow[];
  return rows.filter((row) => !changed.has(String(row.run_id)));
}

/** The Hive folder of a run: its ID percent-encoded, so no ID from a server can name a path outside. */
export function historyFolder(dir: string, runId: string): string {
  const segment = encodeURIComponent(runId).replaceAll(".", "%2E");
  return join(dir, "history", `run_id=${segment}`);
}

async function writeHistory(dir: string, runId: string, rows: FlatRow[]): Promise<void> {
  const folder = historyFolder(dir, runId);
  const path = join(folder, "part-0.parquet");
  if (rows.length === 0) {
    await rm(folder, { recursive: true, force: true });
    return;
  }
  await writeAtomically(path, new Uint8Array(parquetWriteBuffer({ columnData: toColumns(rows, ["_step"]) })));
}
