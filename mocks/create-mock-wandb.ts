/**
 * `createMockWandb`: the fake W&B as msw handlers, for test suites that mock `fetch`.
 */
import type { HttpHandler } from "msw";
import { checkMockOptions } from "./check-options.js";
import { demoRuns, demoSweeps } from "./demo-data.js";
import { createMockCore } from "./graphql-core.js";
import { mswHandlers } from "./msw-handlers.js";
import type { MockFileRequestRecord, MockRequestRecord, MockRun, MockWandbOptions } from "./types.js";

/** Where the msw mock's storage host lives unless `storageUrl` says otherwise. */
export const defaultStorageUrl = "https://files.wandb-mock.test";

/** Options of {@link createMockWandb}. */
export interface CreateMockWandbOptions extends MockWandbOptions {
  /** The storage host presigned URLs point at. Default `https://files.wandb-mock.test`. */
  storageUrl?: string;
}

/** A fake W&B for msw. */
export interface MockWandb {
  /** Give these to msw's `setupServer(...)` (or `server.use(...)`). */
  handlers: HttpHandler[];
  /** The run descriptions served: the given ones, or `demoRuns()`. */
  runs: readonly MockRun[];
  /** Every GraphQL request answered so far, appended in place; assert on its length and entries. */
  requests: MockRequestRecord[];
  /**
   * Every file request so far (storage host and the W&B host's file URLs), appended in place;
   * each says whether it carried an `Authorization` header.
   */
  fileRequests: MockFileRequestRecord[];
  /** The storage host's origin, e.g. `https://files.wandb-mock.test`. */
  storageUrl: string;
  /** Clears both logs and rewinds the fault plans (counters and PRNG) to their seeds. */
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
 * against W&B's schema over the given runs (default: the demo dataset), and serve the runs' and
 * artifacts' files from a storage host of their own. An unknown option name (at any level: runs,
 * artifacts, files, faults) or a value of the wrong kind throws a `TypeError` at once; a number
 * out of range, a `RangeError`.
 *
 * @example
 * ```ts
 * const wandb = createMockWandb({ runs: [{ entity: "acme", project: "vision", id: "r1" }] });
 * const server = setupServer(...wandb.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
export function createMockWandb(options: CreateMockWandbOptions = {}): MockWandb {
  checkMockOptions(options, "createMockWandb", ["storageUrl"]);
  const storageUrl = (options.storageUrl ?? defaultStorageUrl).replace(/\/+$/, "");
  const core = createMockCore(options, { runs: demoRuns, sweeps: demoSweeps }, new URL(storageUrl).origin);
  return {
    handlers: mswHandlers(core),
    runs: core.runs,
    requests: core.requests,
    fileRequests: core.files.requests,
    storageUrl: core.files.origin,
    reset: core.reset,
    updateRun: core.updateRun,
  };
}
