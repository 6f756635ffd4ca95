/**
 * `wandb-query/mocks`: a fake W&B GraphQL API for tests, demos and benchmarks. It executes every
 * query against W&B's schema with graphql-js over in-memory runs, as msw handlers
 * (`createMockWandb`, msw is an optional peer dependency) or behind a real HTTP server on
 * 127.0.0.1 (`startMockServer`).
 *
 * @module mocks
 */
export * from "../../mocks/index.js";
