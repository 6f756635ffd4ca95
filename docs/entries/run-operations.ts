/**
 * Operations for querying W&B runs: the functions of W&B's run-operations page, async, plus
 * `runState`, `runTags`, `runGroup`, `runUsedArtifactVersion`, `runHistory` and `scanRunHistory`. Each takes a `Run` from
 * `client.run(path)` or `client.runs(project)` and an optional last argument `{ signal?, fresh? }`.
 * Calls on many runs in the same tick are batched: any mix of them costs one request per 50 runs
 * of a project.
 *
 * @module run-operations
 */
export {
  type KeysOptions,
  type OperationOptions,
  type RunHistoryOptions,
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistory,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runName,
  runRuntime,
  runState,
  runSummary,
  runTags,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
  runUser,
  type ScanRunHistoryOptions,
  type SchemaOptions,
  scanRunHistory,
  type Validated,
} from "../../src/index.js";
