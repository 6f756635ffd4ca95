/**
 * `wandb-query/mocks`: a fake W&B GraphQL API for tests, demos and benchmarks. It executes every
 * query against W&B's schema with graphql-js over in-memory runs, behind a real HTTP server on
 * 127.0.0.1 (`startMockServer`, no msw needed), or as msw handlers (`createMockWandb`, from
 * `wandb-query/mocks/msw`; msw is an optional peer dependency).
 *
 * @module mocks
 */
export * from "../../mocks/index.js";
export * from "../../mocks/msw.js";
