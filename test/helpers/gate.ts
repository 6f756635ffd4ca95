// A gate for the fake W&B: requests are held until the test opens it, so a test can say "while
// this request is in flight" without racing a timer (STYLE.md example 9).
import { type HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMockWandb } from "../../mocks/msw.js";
import { testApiKey } from "./mock-wandb.js";

/** A gate: `hold()` in a handler waits for `open()`; `arrived(n)` resolves once n requests wait. */
export interface Gate {
  hold(): Promise<void>;
  arrived(count: number): Promise<void>;
  open(): void;
  /** Requests that reached the gate so far. */
  readonly count: number;
}

/** Holds requests at the server until `open()`; `arrived(n)` resolves once n requests are held. */
export function gate(): Gate {
  let opened = false;
  let open!: () => void;
  const opening = new Promise<void>((resolve) => {
    open = () => {
      opened = true;
      resolve();
    };
  });
  let held = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    async hold(): Promise<void> {
      held++;
      for (const waiter of waiters.filter((w) => w.count <= held)) waiter.resolve();
      if (!opened) await opening;
    },
    arrived(count: number): Promise<void> {
      if (held >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    open,
    get count() {
      return held;
    },
  };
}

/**
 * The package's fake W&B for the calling test file, behind a gate: every request waits at the
 * gate, then the fake answers it. Each test starts with a new, closed gate; `renew()` closes a
 * new one within a test.
 */
export function useGatedMockWandb(options: Parameters<typeof createMockWandb>[0] = {}) {
  const mock = createMockWandb({ apiKey: testApiKey, ...options });
  let current = gate();
  const server = setupServer(
    // A handler that returns nothing passes the request on, here to the fake W&B.
    http.post("*/graphql", async () => {
      await current.hold();
      return undefined as unknown as HttpResponse<never>;
    }),
    ...mock.handlers,
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    current.open();
    current = gate();
    mock.reset();
  });
  afterAll(() => server.close());
  return {
    mock,
    get gate(): Gate {
      return current;
    },
    renew(): Gate {
      current.open();
      current = gate();
      mock.reset();
      return current;
    },
  };
}
