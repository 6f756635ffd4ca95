/**
 * What CI jobs and services script around runs: wait until a run ends ({@link waitForRun}),
 * compare two runs ({@link diffRuns}), follow a run's console output until it ends
 * ({@link followRunLogs}), export a whole project as a Parquet dataset ({@link exportProject}).
 * They are built on the run operations, so they batch as they do: many runs waited on or compared
 * in one tick cost one request per 50 runs, and an export's history windows share requests.
 *
 * @module workflows
 */
export {
  type Difference,
  type DiffRunsOptions,
  type DiffSection,
  diffRuns,
  type ExportProgress,
  type ExportProjectOptions,
  exportProject,
  type FollowRunLogsOptions,
  followRunLogs,
  type ProjectExport,
  type RunDiff,
  type Tolerance,
  type WaitForRunOptions,
  type WaitPollEvent,
  waitForRun,
} from "../../src/index.js";
