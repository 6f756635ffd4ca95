/**
 * The client: `createClient` and its options, the `WandbClient` it returns, `Run` handles and the
 * paths they are made from, and `client.runs()` listings (`RunQuery`) with their filters.
 *
 * ```ts
 * import { createClient } from "wandb-query";
 * const wb = createClient({ entity: "acme" });
 * const run = wb.run("vision/1mbku38n"); // no request
 * for await (const listed of wb.runs("vision", { filters: { state: "finished" }, limit: 10 })) {
 *   console.log(listed.path);
 * }
 * ```
 *
 * @module client
 */
export {
  type CacheStore,
  type CallOptions,
  type ClientOptions,
  type ClientStats,
  createClient,
  type FilterValue,
  type RequestEvent,
  type RetryEvent,
  type RetryOptions,
  type Run,
  type RunFilters,
  type RunPathInput,
  type RunQuery,
  type RunQueryOptions,
  type RunRef,
  type Viewer,
  version,
  type WandbClient,
} from "../../src/index.js";
