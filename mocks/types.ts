/**
 * The plain descriptions a test hands the fake W&B: runs, their users and artifacts, the viewer,
 * faults, and the request log it keeps. Everything here is data; nothing depends on msw, so the
 * HTTP server (and the CLI that starts it) can use these types without it.
 */
import type { JsonObject, JsonValue } from "../src/wire/json.js";

/**
 * The user that created a run.
 *
 * Users are shared by `username`: two runs naming the same username get the same GraphQL `User`
 * (the first description's `name`, `email` and `id` win).
 */
export interface MockUser {
  username: string;
  /** Display name (GraphQL `User.name`, non-null). Default: the username. */
  name?: string;
  /** Default `null`: W&B may hide other users' addresses. */
  email?: string | null;
  /** GraphQL id, sent verbatim. Default: base64 of `User:<n>`, numbered in order of first use. */
  id?: string;
}

/** The user that owns the API key (`Query.viewer`). */
export interface MockViewer extends MockUser {
  /** The user's default entity. Default: the username. */
  entity?: string;
  /** Default `false`. */
  admin?: boolean;
}

/** An alias the version carries in a collection other than its own, e.g. a registry link. */
export interface MockCollectionAlias {
  alias: string;
  /** The other collection's name, e.g. `"mnist"`. */
  collection: string;
  entity: string;
  project: string;
  /**
   * `true` (default): the collection is an `ArtifactPortfolio` (a link collection, such as a
   * registry's); `false`: another `ArtifactSequence`.
   */
  portfolio?: boolean;
}

/**
 * One artifact version a run logged or used.
 *
 * Versions are shared by `entity/project/name:version`: a version one run logs and another uses is
 * one GraphQL `Artifact` (same id). The first description of a version sets its fields (logged
 * descriptions count before used ones); the aliases of every description are merged.
 */
export interface MockArtifact {
  /** The collection (sequence) name, e.g. `"model"`. */
  name: string;
  /** The artifact type, e.g. `"model"`, `"dataset"`. */
  type: string;
  /** `versionIndex`: the version is `v${version}`. */
  version: number;
  /** Aliases in its own collection, e.g. `["latest", "best"]`. The `vN` alias is always added. */
  aliases?: string[];
  /** Bytes. Default 4096. */
  size?: number;
  /** Default: 32 hex digits derived from the version's path. */
  digest?: string;
  /** Default 1. */
  fileCount?: number;
  /** Default `null`. */
  description?: string | null;
  /** Sent as a JSONString. Default `{}`; `null` sends null. */
  metadata?: JsonObject | null;
  /** Default: the logging (or using) run's heartbeat, else its creation time. */
  createdAt?: Date | string;
  /** Entity of the collection. Default: the run's. */
  entity?: string;
  /** Project of the collection. Default: the run's. */
  project?: string;
  /** Tag names. Default none. */
  tags?: string[];
  /** Aliases in other collections (registry links and the like). */
  otherCollectionAliases?: MockCollectionAlias[];
  /**
   * Read in `usedArtifacts` only: the names the run used this version under, served as
   * `InputArtifactEdge.usedAs` (W&B's Python client sends one when `use_as` is given). Default `[]`.
   */
  usedAs?: string[];
  /**
   * Its files, which make its manifest: content served from the storage host, or reference entries
   * (`ref`) that the manifest names and nothing serves. With files, `size` defaults to their sum and
   * `fileCount` to their number. Default none: an empty manifest.
   */
  files?: MockArtifactFile[];
}

/**
 * A version created outside any run (`artifact.save()` from a script): `createdBy` is a `User`, and
 * no run logged it. Entity and project are required.
 */
export interface MockStandaloneArtifact extends MockArtifact {
  entity: string;
  project: string;
  /** Who created it. Default: the viewer, else `john_doe`. */
  createdBy?: MockUser;
}

/**
 * A file's bytes: text (UTF-8), bytes, or `{ size, seed? }`, bytes generated on the fly (the same
 * for the same seed), so a test or benchmark can serve a file of a gigabyte without holding it.
 */
export type MockFileContent = string | Uint8Array | { size: number; seed?: number };

/**
 * One file of an artifact version, by its path in the manifest (any string: a test may describe
 * `../escape` to see the client refuse it).
 */
export type MockArtifactFile =
  | { path: string; content: MockFileContent }
  | {
      path: string;
      /** A reference entry (`s3://…`, `gs://…`, `https://…`): in the manifest, never served. */
      ref: string;
      /** Default: the ref itself, as W&B records references without an ETag. */
      digest?: string;
      /** Default 0. */
      size?: number;
    };

/** One file a run saved (`wandb-metadata.json`, `output.log`, `wandb.save("eval.json")`, …). */
export interface MockRunFile {
  /** The file's name within the run, e.g. `eval.json`, `media/images/a.png`. */
  name: string;
  content: MockFileContent;
  /** Default: `application/json` for `.json`, else `text/plain`. */
  mimetype?: string;
  /** Default: the run's `updatedAt`. */
  updatedAt?: Date | string;
}

/** A system-metric row: `_timestamp` (Unix seconds) plus any keys; non-finite numbers go out as bare tokens. */
export type MockSystemRow = { _timestamp: number } & { [key: string]: JsonValue };

/**
 * A sweep, found by `Project.sweep(sweepName:)` under the ID runs name in `sweepName`. A run that
 * names a sweep no description gives gets one with every default.
 */
export interface MockSweep {
  entity: string;
  project: string;
  /** The sweep ID, e.g. `"k3j2h1g0"`. */
  name: string;
  /** Default `null`. */
  displayName?: string | null;
  /** As W&B reports it, uppercase. Default `"FINISHED"`. */
  state?: string;
  /** Default `"random"`. */
  method?: string;
  /** The configuration as W&B stores it: YAML text. Default: a small YAML naming `method`. */
  config?: string;
  /** Default `null`. */
  bestLoss?: number | null;
  /** Default `null`. */
  description?: string | null;
  /** Default `null`. */
  runCountExpected?: number | null;
  /** Default 2024-01-01T00:00:00Z. */
  createdAt?: Date | string;
}

/**
 * One line of a run's console log. A string is a line with every default. Lines are numbered from 0
 * in description order.
 */
export type MockLogLine =
  | string
  | {
      line: string;
      /** Default: the run's creation time plus the line's number in seconds. Goes out zone-less UTC. */
      timestamp?: Date | string;
      /** `"error"` for stderr. Default `""`. */
      level?: string;
      /** The writing process's label in shared mode. Default `""`. */
      label?: string;
    };

/** A history row: `_step` plus any keys; non-finite numbers are written as bare tokens. */
export type MockHistoryRow = { _step: number } & { [key: string]: JsonValue };

/**
 * One run as a test describes it. Only `entity`, `project` and `id` are required; every other field
 * has the default its comment names.
 */
export interface MockRun {
  entity: string;
  project: string;
  /** The run ID (GraphQL `Run.name`, the 8-character ID in URLs). Unique within its project. */
  id: string;
  /** GraphQL `displayName`. Default: the run ID. `null` sends null. */
  displayName?: string | null;
  /** Default `"finished"`. */
  state?: string;
  /**
   * Default 2024-01-01T00:00:00Z. A `Date` goes out zone-less with whole seconds
   * (`2024-05-02T14:03:11`); a string is sent verbatim (so fractions or a zone can be tested).
   */
  createdAt?: Date | string;
  /**
   * Default: `createdAt` plus `summary._runtime` seconds when that is a number, else plus one hour;
   * `null` for runs in state `pending`. `null` means the run never sent one.
   */
  heartbeatAt?: Date | string | null;
  /** Default: `heartbeatAt`, else `createdAt`. */
  updatedAt?: Date | string;
  /** Default `null` (W&B sends no default job type). */
  jobType?: string | null;
  /** Default `[]`. */
  tags?: string[] | null;
  /** Default `null`. */
  group?: string | null;
  /** Default `null`. */
  notes?: string | null;
  /** Default `null`. */
  sweepName?: string | null;
  /** Git commit. Default `null`. */
  commit?: string | null;
  /** Default `null`. */
  host?: string | null;
  /** Default `{ username: "john_doe", name: "John Doe" }`; `null`: the server knows no user. */
  user?: MockUser | null;
  /**
   * Plain values. On the wire each top-level key becomes `{"value": v, "desc": null}`, plus
   * `_wandb` (W&B's internal bag) and a legacy bare `"wandb_version": 1`. Default `{}`.
   */
  config?: JsonObject;
  /**
   * Plain values; `NaN` and `±Infinity` go out as bare tokens. `_step` (last history step, else 0),
   * `_runtime` (heartbeat minus creation, seconds), `_timestamp` (heartbeat, else creation, as
   * float Unix seconds) and `_wandb: {runtime}` are added unless given. Default `{}`.
   */
  summary?: JsonObject;
  /** Latest system metrics, e.g. `{"system.cpu": 12.5}`; NaN goes out as a bare token. Default `{}`. */
  systemMetrics?: JsonObject;
  /**
   * System-metric rows (`Run.events`), each with `_timestamp` (Unix seconds) and keys such as
   * `system.cpu`; served sorted by `_timestamp` with W&B's `"_wandb": true` marker added, sampled to
   * `events(samples:)`. Default none.
   */
  systemHistory?: MockSystemRow[];
  /** Rows with `_step`, in any order (served sorted by `_step`). Default none. */
  history?: MockHistoryRow[];
  /** Artifact versions the run logged (`outputArtifacts`). Default none. */
  loggedArtifacts?: MockArtifact[];
  /** Artifact versions the run used (`inputArtifacts`). Default none. */
  usedArtifacts?: MockArtifact[];
  /** Files the run saved (`Run.files`), served from the storage host. Default none. */
  files?: MockRunFile[];
  /** The console log (`Run.logLines`, `logLineCount`). Default none: `logLines` is null. */
  logs?: MockLogLine[];
  /**
   * The most lines one forward page (`useImprovedPagination: true`) returns; a page cut short by it
   * says `hasNextPage: false`, as W&B's per-request size budget can. Default: no limit but `first`.
   */
  logPageLimit?: number;
  /**
   * Wire override for quirk tests: the `config` JSONString sent verbatim (`keys` does not project
   * it). Filters and order still read `config`.
   */
  configRaw?: string | null;
  /** Wire override: the `summaryMetrics` JSONString sent verbatim. Filters still read `summary`. */
  summaryRaw?: string | null;
  /**
   * Wire override: the rows `history(...)` returns, verbatim. Step ranges read each row's `_step`
   * from its text; `historyKeys`, `sampledHistory` and `historyLineCount` still use `history`.
   */
  historyRaw?: string[];
  /**
   * Parquet history exports (`parquetHistory`): the rows with `_step` below `throughStep` are
   * written as export files (with hyparquet-writer, on first request) served by the storage host
   * with Range support; the rest stay live (`liveData`). Default none: nothing exported, every row
   * live, as before a run's history is compacted.
   */
  historyExport?: MockHistoryExport;
}

/** How a run's history is exported (see {@link MockRun.historyExport}). */
export interface MockHistoryExport {
  /** Rows with `_step < throughStep` are exported. Default: every row. */
  throughStep?: number;
  /** The physical type of `_step` in the files. Default `"INT64"` (W&B's files may hold either). */
  stepType?: "INT64" | "DOUBLE";
  /**
   * Files the exported rows are split into, by step, each with only the columns its rows logged
   * (so a key can be missing from a file). Default 1.
   */
  files?: number;
  /** Rows per row group. Default 1000. */
  rowGroupSize?: number;
  /**
   * A broken export: `"not-parquet"` serves bytes that are not Parquet, `"truncated"` the file cut
   * to its first half (no footer). Default none.
   */
  corrupt?: "not-parquet" | "truncated";
}

/** A project that exists even without runs. */
export interface MockProject {
  entity: string;
  project: string;
}

/** How many requests get HTTP 429, and what the 429 says. */
export interface MockRateLimit {
  /** The first N requests (counted since creation or `reset()`) get 429. Default 0. */
  firstRequests?: number;
  /**
   * After those, cycles of `burstEvery` requests whose last `burstLength` get 429: with
   * `burstEvery: 10, burstLength: 2`, requests 9, 10, 19, 20, … (1-based, after the first ones).
   */
  burstEvery?: number;
  /** Default 1. */
  burstLength?: number;
  /** `Retry-After` and `RateLimit-Reset`, in seconds. Default 1 (0 is allowed, for fast tests). */
  retryAfterSeconds?: number;
  /** `Retry-After` as delta seconds (default) or as an HTTP date that far ahead. */
  retryAfterFormat?: "seconds" | "http-date";
}

/**
 * Injected failures. Random choices come from one PRNG seeded with `seed`, which draws the same
 * number of values per request whatever happens, so one seed always gives one sequence of answers;
 * `reset()` rewinds it.
 */
export interface MockFaults {
  /** Default 1. */
  seed?: number;
  /** Delay before every answer: a fixed number of milliseconds or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  /** HTTP 429 answers, by request count (not random). */
  rateLimit?: MockRateLimit;
  /** Share (0 to 1) of requests answered 500, 502, 503 or 504. */
  serverErrorRate?: number;
  /** Share (0 to 1) of requests whose connection is dropped without an answer. */
  dropRate?: number;
  /** Share (0 to 1) of 200 answers whose JSON body is cut short. */
  truncateRate?: number;
  /** Failures of file downloads from the storage host. */
  files?: MockFileFaults;
}

/**
 * File download faults, counted per file: its first `expiredUrl` downloads are refused as an
 * expired presigned URL, the next `cutBody` stop halfway, the next `corruptBody` send bytes that
 * do not match the file's digest; the downloads after those succeed. `reset()` starts them over.
 */
export interface MockFileFaults {
  /**
   * Downloads answered 403 as storage answers an expired presigned URL. Every URL of the file
   * handed out before then stops working too: the client must ask W&B for a new one.
   */
  expiredUrl?: number;
  /** Downloads whose body stops halfway (the connection breaks). */
  cutBody?: number;
  /** Downloads whose bytes do not match the digest (the first byte flipped). */
  corruptBody?: number;
  /** Only these files (artifact paths or run file names). Default every file. */
  paths?: string[];
  /** Whether manifests fail too. Default false. */
  manifests?: boolean;
}

/** One file request as the fake W&B saw it, on the storage host or the W&B host. */
export interface MockFileRequestRecord {
  /** Epoch milliseconds when it came in. */
  at: number;
  /**
   * `storage`: the storage host, where presigned URLs point. `api`: the W&B host's file URL
   * (`File.url`), which checks the key and redirects to storage.
   */
  host: "storage" | "api";
  /** The artifact file's path, the run file's name, or `manifest`; empty for an unknown URL. */
  file: string;
  /** `entity/project/name:vN` of the artifact, or `entity/project/id` of the run. */
  owner: string;
  status: number;
  /** Whether the request carried an `Authorization` header: storage must never get one. */
  authorization: boolean;
  /** Bytes of the body sent (up to the cut for a cut-off body). */
  bytes: number;
  fault?: "expired-url" | "cut-body" | "corrupt-body";
}

/** Why an answer was not the plain execution result. */
export type MockFaultKind = "rate-limit" | "server-error" | "drop" | "truncate" | "auth";

/** One request as the fake W&B saw it. */
export interface MockRequestRecord {
  /** Epoch milliseconds when it came in. */
  at: number;
  /** The body's `operationName`, else the name of the document's operation; `null` if none. */
  operationName: string | null;
  /** The body's `variables` (`{}` when absent). */
  variables: Record<string, unknown>;
  /** `entity/project/id` of every run whose fields the query resolved, in order of first touch. */
  runs: string[];
  /** Bytes of the request body. */
  bytesIn: number;
  /** Bytes of the response body sent (0 for a dropped connection). */
  bytesOut: number;
  /** HTTP status; 0 for a dropped connection. */
  status: number;
  fault?: MockFaultKind;
  /** Milliseconds spent answering, injected latency excluded. */
  handlerMs: number;
}

/** Options shared by `createMockWandb` and `startMockServer`. */
export interface MockWandbOptions {
  /** The runs served. Default: `demoRuns()`. */
  runs?: readonly MockRun[];
  /** Projects that exist even without runs. A project also exists when a run or collection is in it. */
  projects?: readonly MockProject[];
  /** Artifact versions created outside any run (their `createdBy` is a user). Default none. */
  artifacts?: readonly MockStandaloneArtifact[];
  /**
   * Sweeps. Default: `demoSweeps()` with the demo dataset, else none; either way, every sweep a run
   * names without a description here gets one with the defaults.
   */
  sweeps?: readonly MockSweep[];
  /**
   * When set, every request must carry `Authorization: Basic base64("api:" + apiKey)` or gets
   * HTTP 401. When not set, any request is accepted.
   */
  apiKey?: string;
  faults?: MockFaults;
  /** `Query.viewer`. Default: john_doe of entity `acme`. `null`: the server knows no viewer. */
  viewer?: MockViewer | null;
  /**
   * An older W&B server: these schema coordinates (`"Run.parquetHistory"`, or an argument,
   * `"Run.logLines(useImprovedPagination)"`) are missing from its schema, so a document that
   * uses one fails validation (HTTP 400), as a real older server refuses it. Default none.
   */
  serverLacks?: readonly string[];
}
