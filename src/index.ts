/**
 * wandb-query: a typed, batched client for reading Weights & Biases runs.
 *
 * @module
 */

export type { Artifact } from "./artifact.js";
export {
  type ArtifactName,
  type ArtifactPathInput,
  type ArtifactRef,
  parseArtifactName,
} from "./artifact-paths.js";
export type { CacheStore } from "./cache/store.js";
export { type ChartSeries, historySeries } from "./charts/chart-series.js";
export { type MermaidChartOptions, mermaidText, mermaidXyChart } from "./charts/mermaid-chart.js";
export { sparkline } from "./charts/sparkline.js";
export {
  type HistoryChartOptions,
  historyChart,
  seriesChart,
  type TerminalChartOptions,
} from "./charts/terminal-chart.js";
export {
  type CallOptions,
  type ClientStats,
  createClient,
  type PathHandle,
  type Viewer,
  type WandbClient,
} from "./client.js";
export {
  ArtifactNotFoundError,
  CacheStoreError,
  DigestMismatchError,
  FileNotFoundError,
  type GraphQLErrorEntry,
  IncompleteRunHistoryError,
  InvalidArgumentError,
  LocalFileError,
  NoHistoryExportsError,
  ProjectNotFoundError,
  RunNotFoundError,
  RunSchemaError,
  RunStalledError,
  type SchemaIssue,
  SweepNotFoundError,
  WandbAuthError,
  WandbError,
  type WandbErrorContext,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbServerError,
  WandbTimeoutError,
} from "./errors.js";
export {
  type ExportProgress,
  type ExportProjectOptions,
  exportProject,
  type ProjectExport,
} from "./export/export-project.js";
export type { DownloadedFile, DownloadProgress } from "./files/download-files.js";
export type { FilterValue, RunFilters } from "./filters.js";
export type {
  HistoryColumn,
  HistoryColumns,
  NumberColumn,
  ValueColumn,
} from "./history/history-columns.js";
export type { PagedListing } from "./loaders/paged-listing.js";
export { type ArtifactDownload, downloadArtifact } from "./ops/artifact-download.js";
export { artifactConsumers, artifactProducer } from "./ops/artifact-lineage.js";
export { artifactFiles, artifactVersion, readArtifactFile } from "./ops/artifact-ops.js";
export type {
  DownloadArtifactOptions,
  DownloadOptions,
  DownloadRunFilesOptions,
  ReadFileOptions,
} from "./ops/file-options.js";
export type { HistorySource } from "./ops/history-options.js";
export type { KeysOptions, OperationOptions, SchemaOptions, Validated } from "./ops/operation-options.js";
export {
  artifactVersions,
  type ListingOptions,
  projectArtifactCollections,
  projectArtifactTypes,
  projectInfo,
} from "./ops/project-ops.js";
export {
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
} from "./ops/run-artifacts.js";
export { type ConfigDict, type DictOf, runConfig, runSummary, type SummaryDict } from "./ops/run-dicts.js";
export {
  type RunSystemHistoryOptions,
  runHistoryKeys,
  runNotes,
  runSweep,
  runSystemHistory,
  runSystemMetrics,
} from "./ops/run-extras.js";
export {
  downloadRunFiles,
  type RunFilesDownload,
  type RunFilesOptions,
  readRunFile,
  runFiles,
  runMetadata,
} from "./ops/run-files.js";
export {
  type HistoryRowOf,
  type RunHistoryOptions,
  runHistory,
  type ScanRunHistoryOptions,
  scanRunHistory,
  type XAxisOf,
} from "./ops/run-history.js";
export { type ReadRunHistoryColumnsOptions, readRunHistoryColumns } from "./ops/run-history-columns.js";
export {
  type DownloadHistoryExportsOptions,
  downloadHistoryExports,
  type HistoryExportsDownload,
} from "./ops/run-history-exports.js";
export {
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runJobType,
  runName,
  runRuntime,
  runState,
  runTags,
  runUser,
} from "./ops/run-light-ops.js";
export {
  type FollowRunLogsOptions,
  followRunLogs,
  type RunLogsOptions,
  runLogs,
  type ScanRunLogsOptions,
  scanRunLogs,
} from "./ops/run-logs.js";
export type { RunQuery, RunQueryOptions } from "./ops/run-query.js";
export {
  type SweepBestRunOptions,
  type SweepInfo,
  sweepBestRun,
  sweepInfo,
  sweepRuns,
} from "./ops/sweep-ops.js";
export type { ClientOptions, RequestEvent, RetryEvent, RetryOptions } from "./options.js";
export { markdownCode, markdownText } from "./output/markdown-text.js";
export { terminalText } from "./output/terminal-text.js";
export type { ProjectRef, RunPathInput, RunRef } from "./paths.js";
export type { Project } from "./project.js";
export type { Run } from "./run.js";
export type { Sweep, SweepRef } from "./sweep.js";
export { version } from "./version.js";
export type { ArtifactVersion, UsedArtifactVersion } from "./wire/artifacts.js";
export type { FileReadAs } from "./wire/file-content.js";
export type { HistoryRow } from "./wire/history.js";
export type { JsonObject, JsonValue } from "./wire/json.js";
export type { LogLine } from "./wire/log-lines.js";
export type { ArtifactFile } from "./wire/manifest.js";
export type { ArtifactCollectionInfo, ArtifactTypeInfo, ProjectInfo } from "./wire/projects.js";
export type { HistoryKeyInfo, HistoryKeys, RunSweep, SystemMetricsRow } from "./wire/run-extras.js";
export type { RunState, User } from "./wire/run-fields.js";
export type { RunFile } from "./wire/run-files.js";
export type { SweepMetric } from "./wire/sweep-config.js";
export type { Difference, Tolerance } from "./workflows/compare-values.js";
export { type DiffRunsOptions, type DiffSection, diffRuns, type RunDiff } from "./workflows/diff-runs.js";
export type { WaitPollEvent } from "./workflows/run-poller.js";
export { type WaitForRunOptions, waitForRun } from "./workflows/wait-for-run.js";
