/**
 * `wandb-query/mocks`: a fake W&B GraphQL API for tests, demos and benchmarks. It executes every
 * query against W&B's schema with graphql-js over in-memory runs, behind a real HTTP server on
 * 127.0.0.1 (`startMockServer`). Nothing here imports msw: its handlers (`createMockWandb`) are on
 * their own entry, `wandb-query/mocks/msw`.
 *
 * @module
 */
export { demoRuns, demoSweeps } from "./demo-data.js";
export { type DemoFacts, demoFacts } from "./demo-facts.js";
export { mockHistory, mockRun } from "./run-helpers.js";
export { type MockServer, type MockServerOptions, startMockServer } from "./server.js";
export type {
  MockArtifact,
  MockArtifactFile,
  MockCollectionAlias,
  MockFaultKind,
  MockFaults,
  MockFileContent,
  MockFileFaults,
  MockFileRequestRecord,
  MockHistoryExport,
  MockHistoryRow,
  MockLogLine,
  MockProject,
  MockRateLimit,
  MockRequestRecord,
  MockRun,
  MockRunFile,
  MockStandaloneArtifact,
  MockSweep,
  MockSystemRow,
  MockUser,
  MockViewer,
  MockWandbOptions,
} from "./types.js";
