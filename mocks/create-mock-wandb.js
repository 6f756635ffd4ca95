import { demoRuns } from "./demo-data.js";
import { createMockCore } from "./graphql-core.js";
import { mswHandlers } from "./msw-handlers.js";
/**
 * Makes a fake W&B whose msw handlers answer `POST {any base URL}/graphql` by executing the query
 * against W&B's schema over the given runs (default: the demo dataset).
 *
 * @example
 * ```ts
 * const wandb = createMockWandb({ runs: [{ entity: "acme", project: "vision", id: "r1" }] });
 * const server = setupServer(...wandb.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
export function createMockWandb(options = {}) {
    const core = createMockCore(options, demoRuns);
    return { handlers: mswHandlers(core), runs: core.runs, requests: core.requests, reset: core.reset };
}
//# sourceMappingURL=create-mock-wandb.js.map