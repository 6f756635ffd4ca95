/**
 * Operations for querying W&B runs: the functions of W&B's run-operations page, async, plus
 * `runState`, `runTags`, `runGroup`, `runUsedArtifactVersion`, `runHistory` and `scanRunHistory`,
 * and the rest of a run as W&B's Python client has it: `runNotes`, `runSystemMetrics`,
 * `runSystemHistory`, `runHistoryKeys`, `runSweep`, and the console log: `runLogs`, `scanRunLogs`. Each takes a `Run` from
 * `client.run(path)` or `client.runs(project)` and an optional last argument `{ signal?, fresh? }`.
 * Calls on many runs in the same tick are batched: any mix of them costs one request per 50 runs
 * of a project.
 *
 * @module run-operations
 */
export {
  type DownloadHistoryExportsOptions,
  downloadHistoryExports,
  type HistoryExportsDownload,
  type HistorySource,
  type KeysOptions,
  type OperationOptions,
  type ReadRunHistoryColumnsOptions,
  type RunHistoryOptions,
  type RunLogsOptions,
  type RunSystemHistoryOptions,
  readRunHistoryColumns,
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistory,
  runHistoryKeys,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runLogs,
  runName,
  runNotes,
  runRuntime,
  runState,
  runSummary,
  runSweep,
  runSystemHistory,
  runSystemMetrics,
  runTags,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
  runUser,
  type ScanRunHistoryOptions,
  type ScanRunLogsOptions,
  type SchemaOptions,
  scanRunHistory,
  scanRunLogs,
  type Validated,
} from "../../src/index.js";
