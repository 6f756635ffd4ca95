// One msw server per test file over the package's own fake W&B; unhandled requests fail the test.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMockWandb } from "../../mocks/index.js";
import { type ClientOptions, createClient, type WandbClient } from "../../src/index.js";

export const testApiKey = "test-0123456789abcdef0123456789abcdef01234567";

export type MockWandb = ReturnType<typeof createMockWandb> & {
  /** The msw server: `server.use(handler)` puts a scripted answer first, until the test ends. */
  server: ReturnType<typeof setupServer>;
};

/**
 * Serves `createMockWandb(options)` for the tests of the calling file; after each test, resets its
 * logs and drops the handlers a test added with `server.use`.
 */
export function useMockWandb(options: Parameters<typeof createMockWandb>[0] = {}): MockWandb {
  const mock = createMockWandb({ apiKey: testApiKey, ...options });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    mock.reset();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return { ...mock, server };
}

/** A client for the mocked W&B (https://api.wandb.ai, intercepted by msw). */
export function mockClient(options: ClientOptions = {}): WandbClient {
  return createClient({
    apiKey: testApiKey,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}
