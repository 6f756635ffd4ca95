// startMockServer over real HTTP on 127.0.0.1 (no msw in this file: requests go through sockets).
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/run-helpers.js";
import { type MockServer, type MockServerOptions, startMockServer } from "../../mocks/server.js";
import { createClient } from "../../src/client.js";

const runs = [mockRun({ id: "r1", summary: { acc: 0.5 } })];
const query = `query One { project(name: "vision", entityName: "acme") { run(name: "r1") { name summaryMetrics } } }`;
const started: MockServer[] = [];

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ runs, ...options });
  started.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

function post(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

describe("startMockServer", () => {
  it("listens on 127.0.0.1 at an ephemeral port and answers GraphQL", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post(server.url, { query });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      data: {
        project: {
          run: { name: "r1", summaryMetrics: expect.stringContaining('"acc": 0.5') },
        },
      },
    });
    expect(server.requests).toEqual([
      expect.objectContaining({ operationName: "One", runs: ["acme/vision/r1"], status: 200 }),
    ]);
    expect(server.runs).toBe(runs);
  });

  it("is not reachable on other addresses, such as IPv6 loopback", async () => {
    const server = await start();
    const port = new URL(server.url).port;
    await expect(fetch(`http://[::1]:${port}/graphql`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("serves the demo dataset by default and takes a fixed port", async () => {
    const port = await freePort();
    const server = await startMockServer({ port });
    started.push(server);
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    const response = await post(server.url, {
      query: '{ project(name: "vision", entityName: "acme") { runCount } }',
    });
    expect(await response.json()).toEqual({ data: { project: { runCount: 180 } } });
  });

  it("answers 404 off /graphql (a base path too, as W&B does), 405 to GET, 400 to a body that is not JSON", async () => {
    const server = await start();
    expect((await fetch(`${server.url}/other`, { method: "POST", body: "{}" })).status).toBe(404);
    const get = await fetch(`${server.url}/graphql`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await post(server.url, "not json")).status).toBe(400);
    const prefixed = await fetch(`${server.url}/some/base/graphql?x=1`, {
      method: "POST",
      body: JSON.stringify({ query }),
    });
    expect(prefixed.status).toBe(404);
    expect(await prefixed.text()).toContain(
      'no route \\"/some/base/graphql\\": W&B answers GraphQL at /graphql',
    );
    expect(
      (await fetch(`${server.url}/graphql?x=1`, { method: "POST", body: JSON.stringify({ query }) })).status,
    ).toBe(200);
    // The 404s never reached the fake W&B; the others did.
    expect(server.requests.map((request) => request.status)).toEqual([405, 400, 200]);
  });

  it("serves the SDK's client, checking its API key", async () => {
    const server = await start({ apiKey: "k".repeat(40), viewer: { username: "ci-bot", entity: "acme" } });
    const client = createClient({ apiKey: "k".repeat(40), baseUrl: server.url, retry: false });
    expect(await client.viewer()).toEqual({
      id: expect.any(String),
      username: "ci-bot",
      name: "ci-bot",
      email: null,
      entity: "acme",
    });
    const wrong = createClient({ apiKey: "w".repeat(40), baseUrl: server.url, retry: false });
    await expect(wrong.viewer()).rejects.toMatchObject({ name: "WandbAuthError" });
    expect(server.requests.map((request) => [request.status, request.fault ?? null])).toEqual([
      [200, null],
      [401, "auth"],
    ]);
  });

  it("drops connections and truncates bodies for real", async () => {
    const dropping = await start({ faults: { dropRate: 1 } });
    await expect(post(dropping.url, { query })).rejects.toThrow();
    expect(dropping.requests[0]).toMatchObject({ status: 0, fault: "drop" });
    const truncating = await start({ faults: { truncateRate: 1 } });
    const response = await post(truncating.url, { query });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"data"')).toBe(true);
  });

  it("rate-limits with headers over HTTP", async () => {
    const server = await start({ faults: { rateLimit: { firstRequests: 1, retryAfterSeconds: 0 } } });
    const limited = await post(server.url, { query });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("0");
    expect((await post(server.url, { query })).status).toBe(200);
  });

  it("close() ends open connections and pending answers at once", async () => {
    const server = await start({ faults: { latencyMs: 20_000 } });
    // The expectations hold the rejections from the start, so none goes unhandled meanwhile.
    const pending = expect(post(server.url, { query })).rejects.toThrow();
    const another = expect(post(server.url, { query })).rejects.toThrow();
    await waitFor(() => server.requests.length === 2);
    const before = performance.now();
    await server.close();
    expect(performance.now() - before).toBeLessThan(5_000);
    await pending;
    await another;
    await expect(post(server.url, { query })).rejects.toThrow();
    // A second close is harmless.
    await server.close();
  });

  it("closes promptly with an idle keep-alive connection open", async () => {
    const server = await start();
    await (await post(server.url, { query })).text();
    const before = performance.now();
    await server.close();
    expect(performance.now() - before).toBeLessThan(5_000);
  });
});

describe("mocks/server.ts", () => {
  it("does not import msw, even through the modules it imports", () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(`../../mocks/${file}`, import.meta.url), "utf8");
      for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith("./")) visit(specifier.slice(2).replace(/\.js$/, ".ts"));
        else if (!specifier.startsWith("../src/")) external.add(specifier);
      }
    };
    visit("server.ts");
    expect(seen.size).toBeGreaterThan(10);
    expect([...external].filter((name) => name === "msw" || name.startsWith("msw/"))).toEqual([]);
    expect(seen.has("msw-handlers.ts")).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error("condition not met in 2 s");
}
