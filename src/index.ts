/**
 * wandb-query: a typed, batched client for reading Weights & Biases runs.
 *
 * @module
 */
export { type CallOptions, type ClientStats, createClient, type Viewer, type WandbClient } from "./client.js";
export {
  type GraphQLErrorEntry,
  InvalidArgumentError,
  ProjectNotFoundError,
  RunNotFoundError,
  WandbAuthError,
  WandbError,
  type WandbErrorContext,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbTimeoutError,
} from "./errors.js";
export type { ClientOptions, RequestEvent, RetryOptions } from "./options.js";
export type { RunRef } from "./paths.js";
export { version } from "./version.js";
export type { JsonObject, JsonValue } from "./wire/json.js";
