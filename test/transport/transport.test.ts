import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient, WandbAuthError, WandbError, WandbGraphQLError } from "../../src/index.js";
import { version } from "../../src/version.js";

const apiKey = "local-0123456789abcdef0123456789abcdef01234567";
const basic = `Basic ${Buffer.from(`api:${apiKey}`).toString("base64")}`;
const viewer = { id: "VXNlcjox", name: "Jane Doe", username: "jd", email: "jd@example.com", entity: "acme" };

interface Seen {
  url: string;
  headers: Headers;
  body: { query: string; variables?: unknown; operationName?: string };
}
const seen: Seen[] = [];
const server = setupServer(
  http.post("https://api.wandb.ai/graphql", async ({ request }) => {
    seen.push({ url: request.url, headers: request.headers, body: (await request.json()) as Seen["body"] });
    if (request.headers.get("authorization") !== basic) {
      return HttpResponse.json(
        { errors: [{ message: `bad key ${request.headers.get("authorization")}` }] },
        { status: 401 },
      );
    }
    return HttpResponse.json({ data: { viewer } });
  }),
);

const emptyHome = mkdtempSync(join(tmpdir(), "wq-home-"));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
  vi.unstubAllEnvs();
});
afterAll(() => {
  server.close();
  rmSync(emptyHome, { recursive: true, force: true });
});

function isolateEnv(): void {
  for (const name of [
    "WANDB_API_KEY",
    "WANDB_BASE_URL",
    "WANDB_ENTITY",
    "WANDB_PROJECT",
    "WANDB_HTTP_TIMEOUT",
    "NETRC",
  ]) {
    vi.stubEnv(name, "");
  }
  vi.stubEnv("HOME", emptyHome);
}

describe("transport over msw", () => {
  it("POSTs {baseUrl}/graphql with Basic auth, a user agent and the operation name", async () => {
    isolateEnv();
    const wb = createClient({ apiKey, headers: { "X-Trace": "t-1" } });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    expect(seen).toHaveLength(1);
    const [request] = seen as [Seen];
    expect(request.url).toBe("https://api.wandb.ai/graphql");
    expect(request.headers.get("authorization")).toBe(basic);
    expect(request.headers.get("user-agent")).toBe(`wandb-query/${version} (node ${process.version})`);
    expect(request.headers.get("content-type")).toMatch(/application\/json/);
    expect(request.headers.get("x-trace")).toBe("t-1");
    expect(request.body.operationName).toBe("Viewer");
    expect(request.body.query).toMatch(/query Viewer/);
    expect(wb.stats()).toMatchObject({ requests: 1, retries: 0 });
    expect(wb.stats().bytesReceived).toBeGreaterThan(50);
  });

  it("takes the key from WANDB_API_KEY", async () => {
    isolateEnv();
    vi.stubEnv("WANDB_API_KEY", apiKey);
    await expect(createClient().viewer()).resolves.toEqual(viewer);
  });

  it("fails the first request with WandbAuthError naming both sources when there is no key, sending nothing", async () => {
    isolateEnv();
    const wb = createClient();
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbAuthError);
    expect((error as Error).message).toMatch(/WANDB_API_KEY/);
    expect((error as Error).message).toMatch(/netrc/);
    expect((error as WandbAuthError).operation).toBe("Viewer");
    expect(seen).toHaveLength(0);
  });

  it("maps 401 to WandbAuthError without retrying, and never shows the key", async () => {
    isolateEnv();
    const wrongKey = "wrong-key-0123456789abcdef0123456789abcdef0123";
    const wb = createClient({ apiKey: wrongKey, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 1 } });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbAuthError);
    expect(error).toBeInstanceOf(WandbError);
    expect((error as WandbAuthError).status).toBe(401);
    expect(seen).toHaveLength(1);
    // The server echoed the Authorization header back into its message; the SDK scrubs it.
    const wrongBasic = Buffer.from(`api:${wrongKey}`).toString("base64");
    const rendered = [
      (error as Error).message,
      (error as Error).stack,
      JSON.stringify(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ].join("\n");
    expect(rendered).toMatch(/\[redacted\]/);
    expect(rendered).not.toContain(wrongKey);
    expect(rendered).not.toContain(wrongBasic);
  });

  it("uses an injected fetch", async () => {
    isolateEnv();
    const calls: string[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await createClient({ apiKey, fetch: fetchSpy }).viewer();
    expect(calls).toEqual(["https://api.wandb.ai/graphql"]);
  });

  it("raises WandbGraphQLError for GraphQL errors, keeping the server's messages", async () => {
    isolateEnv();
    server.use(
      http.post("https://api.wandb.ai/graphql", () =>
        HttpResponse.json({
          errors: [{ message: "permission denied", path: ["viewer"] }],
          data: { viewer: null },
        }),
      ),
    );
    const error = await createClient({ apiKey })
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbGraphQLError);
    expect((error as WandbGraphQLError).errors).toEqual([{ message: "permission denied", path: ["viewer"] }]);
  });

  it("answers null when the server knows no viewer", async () => {
    isolateEnv();
    server.use(
      http.post("https://api.wandb.ai/graphql", () => HttpResponse.json({ data: { viewer: null } })),
    );
    await expect(createClient({ apiKey }).viewer()).resolves.toBeNull();
  });
});

describe("a request that cannot be written", () => {
  it("is an InvalidArgumentError, sent never and retried never", async () => {
    const { createTransport } = await import("../../src/transport/http-transport.js");
    const { resolveOptions } = await import("../../src/options.js");
    const { ViewerDocument } = await import("../../src/_generated/graphql.js");
    const { InvalidArgumentError } = await import("../../src/index.js");
    const transport = createTransport(resolveOptions({ apiKey }, { env: {}, home: emptyHome }));
    // JSON cannot carry a BigInt; a request too large for one string fails the same way.
    const error = await transport
      .request({ document: ViewerDocument, variables: { huge: 1n } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/^Viewer: the request cannot be sent: /);
    expect(seen).toHaveLength(0);
    expect(transport.stats.retries).toBe(0);
  });
});
