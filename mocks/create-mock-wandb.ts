/**
 * `createMockWandb`: the fake W&B as msw handlers, for test suites that mock `fetch`.
 */
import type { HttpHandler } from "msw";
import { checkMockOptions } from "./check-options.js";
import { demoRuns, demoSweeps } from "./demo-data.js";
import { createMockCore } from "./graphql-core.js";
import { mswHandlers } from "./msw-handlers.js";
import type { MockRequestRecord, MockRun, MockWandbOptions } from "./types.js";

/** A fake W&B for msw. */
export interface MockWandb {
  /** Give these to msw's `setupServer(...)` (or `server.use(...)`). */
  handlers: HttpHandler[];
  /** The run descriptions served: the given ones, or `demoRuns()`. */
  runs: readonly MockRun[];
  /** Every request answered so far, appended in place; assert on its length and entries. */
  requests: MockRequestRecord[];
  /** Clears `requests` and rewinds the fault plan (counters and PRNG) to its seed. */
  reset(): void;
  /**
   * Changes a run between requests, as a live W&B run changes: `updateRun("acme/vision/r1",
   * { state: "finished", heartbeatAt: new Date() })`. Later requests see the new description
   * (`runs` keeps the descriptions given at creation); its artifacts cannot change. Throws a
   * `TypeError` for an unknown path.
   */
  updateRun(path: string, changes: Partial<MockRun>): void;
}

/**
 * Makes a fake W&B whose msw handlers answer `POST {any base URL}/graphql` by executing the query
 * against W&B's schema over the given runs (default: the demo dataset). An unknown option name (at
 * any level: runs, artifacts, faults) or a value of the wrong kind throws a `TypeError` at once;
 * a number out of range, a `RangeError`.
 *
 * @example
 * ```ts
 * const wandb = createMockWandb({ runs: [{ entity: "acme", project: "vision", id: "r1" }] });
 * const server = setupServer(...wandb.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
export function createMockWandb(options: MockWandbOptions = {}): MockWandb {
  const core = createMockCore(checkMockOptions(options, "createMockWandb"), {
    runs: demoRuns,
    sweeps: demoSweeps,
  });
  return {
    handlers: mswHandlers(core),
    runs: core.runs,
    requests: core.requests,
    reset: core.reset,
    updateRun: core.updateRun,
  };
}
