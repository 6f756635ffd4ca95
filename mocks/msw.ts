/**
 * `wandb-query/mocks/msw`: the fake W&B as msw handlers (`createMockWandb`), for test suites that
 * mock `fetch`. The only entry that imports msw (an optional peer dependency): `wandb-query/mocks`
 * (the loopback server, the demo dataset) runs without it.
 *
 * @module
 */
export { type CreateMockWandbOptions, createMockWandb, type MockWandb } from "./create-mock-wandb.js";
