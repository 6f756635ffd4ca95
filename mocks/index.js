/**
 * `wandb-query/mocks`: a fake W&B GraphQL API for tests, demos and benchmarks. It executes every
 * query against W&B's schema with graphql-js over in-memory runs, as msw handlers
 * (`createMockWandb`) or behind a real HTTP server on 127.0.0.1 (`startMockServer`).
 *
 * @module
 */
export { createMockWandb } from "./create-mock-wandb.js";
export { demoRuns } from "./demo-data.js";
export { demoFacts } from "./demo-facts.js";
export { mockHistory, mockRun } from "./run-helpers.js";
export { startMockServer } from "./server.js";
//# sourceMappingURL=index.js.map