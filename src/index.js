/**
 * wandb-query: a typed, batched client for reading Weights & Biases runs.
 *
 * @module
 */
export { createClient } from "./client.js";
export { InvalidArgumentError, ProjectNotFoundError, RunNotFoundError, WandbAuthError, WandbError, WandbGraphQLError, WandbNetworkError, WandbRateLimitError, WandbResponseError, WandbTimeoutError, } from "./errors.js";
export { runLoggedArtifactVersion, runLoggedArtifactVersions, runUsedArtifactVersions, } from "./ops/run-artifacts.js";
export { runConfig, runSummary } from "./ops/run-dicts.js";
export { runHistory, scanRunHistory, } from "./ops/run-history.js";
export { runCreatedAt, runGroup, runHeartbeatAt, runJobType, runName, runRuntime, runState, runTags, runUser, } from "./ops/run-light-ops.js";
export { version } from "./version.js";
//# sourceMappingURL=index.js.map