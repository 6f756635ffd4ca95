/**
 * Every error the SDK raises is a `WandbError`; catch the subclasses with `instanceof`. A caller's
 * own `AbortSignal` is the one exception: aborting rejects with the signal's reason, as `fetch`
 * does. No message, property, `toJSON` or `util.inspect` output holds the API key.
 *
 * @module errors
 */
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
} from "../../src/index.js";
