// One msw server per test file over the package's own fake W&B; unhandled requests fail the test.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMockWandb } from "../../mocks/msw.js";
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

/**
 * An msw handler that answers GraphQL operation `operationName` with `answer(call)` (1 for the
 * first such request) as JSON; every other request falls through to the mock.
 */
export function answerOperation(operationName: string, answer: (call: number) => unknown) {
  let calls = 0;
  return http.post("*/graphql", async ({ request }) => {
    const body = (await request.clone().json()) as { operationName?: string };
    if (body.operationName !== operationName) return undefined;
    return HttpResponse.json(answer(++calls) as Record<string, unknown>);
  });
}
