/**
 * What CI jobs and services script around runs: wait until a run ends ({@link waitForRun}),
 * compare two runs ({@link diffRuns}). Both are built on the run operations, so they batch as they
 * do: many runs waited on or compared in one tick cost one request per 50 runs.
 *
 * @module workflows
 */
export {
  type Difference,
  type DiffRunsOptions,
  type DiffSection,
  diffRuns,
  type RunDiff,
  type Tolerance,
  type WaitForRunOptions,
  type WaitPollEvent,
  waitForRun,
} from "../../src/index.js";
