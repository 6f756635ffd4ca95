// Retries, Retry-After, concurrency and cancellation over real HTTP on 127.0.0.1 (no msw): the
// server scripts each answer and records when each request arrived.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  createClient,
  type RequestEvent,
  runName,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbTimeoutError,
} from "../../src/index.js";
import { replyJson as json, lightRunNode, useLoopbackServers } from "../helpers/loopback.js";

const apiKey = "local-0123456789abcdef0123456789abcdef01234567";
const viewer = { id: "VXNlcjox", name: "Jane Doe", username: "jd", email: null, entity: "acme" };

type Script = (req: IncomingMessage, res: ServerResponse, arrival: number) => void;

interface Scripted {
  baseUrl: string;
  arrivals: number[];
  bodies: Array<{ operationName?: string; variables?: Record<string, unknown> }>;
  inFlight: { now: number; max: number };
}

const loopback = useLoopbackServers();

async function scriptedServer(script: Script): Promise<Scripted> {
  const scripted: Scripted = { baseUrl: "", arrivals: [], bodies: [], inFlight: { now: 0, max: 0 } };
  scripted.baseUrl = await loopback.listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      scripted.arrivals.push(Date.now());
      scripted.bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      scripted.inFlight.now++;
      scripted.inFlight.max = Math.max(scripted.inFlight.max, scripted.inFlight.now);
      res.on("close", () => scripted.inFlight.now--);
      script(req, res, scripted.arrivals.length);
    });
  });
  return scripted;
}

const fastRetry = { retries: 5, minDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 20_000 };

describe("retries", () => {
  it("retries 429 after the Retry-After seconds, then succeeds", async () => {
    const server = await scriptedServer((_req, res, n) => {
      if (n === 1) json(res, 429, { errors: [{ message: "Rate limit exceeded" }] }, { "retry-after": "0.3" });
      else json(res, 200, { data: { viewer } });
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    expect(server.arrivals).toHaveLength(2);
    const waited = (server.arrivals[1] as number) - (server.arrivals[0] as number);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(wb.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it("reads Retry-After as an HTTP date", async () => {
    const server = await scriptedServer((_req, res, n) => {
      // HTTP dates have whole seconds: ask for the second after next, so the wait is 1 to 2 s.
      const until = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000).toUTCString();
      if (n === 1) json(res, 429, { errors: [{ message: "slow down" }] }, { "retry-after": until });
      else json(res, 200, { data: { viewer } });
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    const waited = (server.arrivals[1] as number) - (server.arrivals[0] as number);
    expect(waited).toBeGreaterThanOrEqual(900);
  });

  it("honours RateLimit-Reset when there is no Retry-After", async () => {
    const server = await scriptedServer((_req, res, n) => {
      if (n === 1)
        json(
          res,
          429,
          { errors: [{ message: "quota" }] },
          { "ratelimit-remaining": "0", "ratelimit-reset": "0.25" },
        );
      else json(res, 200, { data: { viewer } });
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    await wb.viewer();
    expect((server.arrivals[1] as number) - (server.arrivals[0] as number)).toBeGreaterThanOrEqual(240);
  });

  it("gives up with WandbRateLimitError carrying retryAfterMs when the wait passes the deadline", async () => {
    const server = await scriptedServer((_req, res) =>
      json(res, 429, { errors: [{ message: "Rate limit exceeded" }] }, { "retry-after": "60" }),
    );
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: { ...fastRetry, maxElapsedMs: 1000 } });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbRateLimitError);
    expect((error as WandbRateLimitError).retryAfterMs).toBe(60_000);
    expect((error as WandbRateLimitError).status).toBe(429);
    expect(server.arrivals).toHaveLength(1);
  });

  it("retries 500, 502, 503 and 504, then succeeds", async () => {
    const statuses = [500, 502, 503, 504];
    const server = await scriptedServer((_req, res, n) => {
      const status = statuses[n - 1];
      if (status) json(res, status, { errors: ["Server down"] });
      else json(res, 200, { data: { viewer } });
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    expect(server.arrivals).toHaveLength(5);
    expect(wb.stats().retries).toBe(4);
  });

  it("retries a dropped connection and a cut-off body", async () => {
    const server = await scriptedServer((req, res, n) => {
      if (n === 1) {
        req.socket.destroy();
      } else if (n === 2) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"data": {"viewer": {"id": "VXNl');
      } else {
        json(res, 200, { data: { viewer } });
      }
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    expect(server.arrivals).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 410, 413, 422, 501])("never retries HTTP %i", async (status) => {
    const server = await scriptedServer((_req, res) =>
      json(res, status, { errors: [{ message: `status ${status}` }] }),
    );
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(status);
    expect(server.arrivals).toHaveLength(1);
  });

  it("stops after `retries` retries with the last failure", async () => {
    const server = await scriptedServer((_req, res) => json(res, 503, { errors: [{ message: "busy" }] }));
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: { ...fastRetry, retries: 2 } });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbGraphQLError);
    expect((error as WandbGraphQLError).status).toBe(503);
    expect(server.arrivals).toHaveLength(3);
  });

  it("retry: false sends one attempt", async () => {
    const server = await scriptedServer((_req, res) => json(res, 503, { errors: [{ message: "busy" }] }));
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: false });
    await expect(wb.viewer()).rejects.toBeInstanceOf(WandbGraphQLError);
    expect(server.arrivals).toHaveLength(1);
  });

  it("stops at maxElapsedMs with WandbTimeoutError naming attempts and time", async () => {
    const server = await scriptedServer((_req, res) => json(res, 503, { errors: [{ message: "busy" }] }));
    const wb = createClient({
      apiKey,
      baseUrl: server.baseUrl,
      retry: { retries: 100, minDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 400 },
    });
    const started = Date.now();
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbTimeoutError);
    // The last attempt may start with only a few milliseconds left before the deadline; on a busy
    // machine the deadline then ends it before the 503 arrives. Either is the last failure.
    expect((error as Error).message).toMatch(
      /^Viewer: gave up after \d+ attempts over \d+ ms: the next wait \(\d+ ms\) would pass retry\.maxElapsedMs \(400 ms\); last failure: (W&B answered HTTP 503: busy|no answer within \d+ ms|the answer \(HTTP 503\) did not finish within \d+ ms)$/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.arrivals.length).toBeGreaterThan(2);
    expect(server.arrivals.length).toBeLessThan(20);
  });

  it("reports every attempt to onRequest, without the key", async () => {
    const server = await scriptedServer((_req, res, n) => {
      if (n === 1) json(res, 503, { errors: [{ message: "busy" }] });
      else json(res, 200, { data: { viewer } });
    });
    const events: RequestEvent[] = [];
    const wb = createClient({
      apiKey,
      baseUrl: server.baseUrl,
      retry: fastRetry,
      onRequest: (event) => events.push(event),
    });
    await wb.viewer();
    expect(events.map((e) => [e.operationName, e.attempt, e.status])).toEqual([
      ["Viewer", 1, 503],
      ["Viewer", 2, 200],
    ]);
    expect(events[1]?.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(apiKey);
  });

  it("does not follow a redirect, so the key never reaches another origin", async () => {
    const elsewhere = await scriptedServer((_req, res) => json(res, 200, { data: { viewer } }));
    const server = await scriptedServer((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.baseUrl}/graphql` });
      res.end();
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, retry: fastRetry });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbGraphQLError);
    expect((error as Error).message).toMatch(/redirect/);
    expect(elsewhere.arrivals).toHaveLength(0);
  });

  it("reports a refused connection as WandbNetworkError after its retries", async () => {
    const server = await scriptedServer((_req, res) => json(res, 200, {}));
    const baseUrl = server.baseUrl;
    await loopback.closeAll();
    const wb = createClient({ apiKey, baseUrl, retry: { ...fastRetry, retries: 2 } });
    const error = await wb.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbNetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe("concurrency", () => {
  it("keeps at most maxConcurrentRequests in flight", async () => {
    const server = await scriptedServer((_req, res) =>
      setTimeout(() => json(res, 200, { data: { viewer } }), 40),
    );
    const wb = createClient({ apiKey, baseUrl: server.baseUrl, maxConcurrentRequests: 3 });
    await Promise.all(Array.from({ length: 12 }, () => wb.viewer()));
    expect(server.arrivals).toHaveLength(12);
    expect(server.inFlight.max).toBe(3);
  });
});

describe("cancellation", () => {
  const lightRun = (name: string) => lightRunNode(name, { displayName: `run-${name}` });
  const slowRuns =
    (delayMs: number): Script =>
    (_req, res) => {
      const timer = setTimeout(() => {
        json(res, 200, {
          data: {
            project: {
              runs: {
                pageInfo: { endCursor: null, hasNextPage: false },
                edges: [{ node: lightRun("r1") }, { node: lightRun("r2") }],
              },
            },
          },
        });
      }, delayMs);
      res.on("close", () => clearTimeout(timer));
    };

  it("rejects an aborted caller at once with the signal's reason", async () => {
    const server = await scriptedServer(slowRuns(2000));
    const wb = createClient({ apiKey, baseUrl: server.baseUrl });
    const controller = new AbortController();
    const pending = runName(wb.run("acme/vision/r1"), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    const started = Date.now();
    await expect(pending).rejects.toThrow("user gave up");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("keeps the request going while another caller waits on it", async () => {
    const server = await scriptedServer(slowRuns(300));
    const wb = createClient({ apiKey, baseUrl: server.baseUrl });
    const controller = new AbortController();
    const aborted = runName(wb.run("acme/vision/r1"), { signal: controller.signal });
    const patient = runName(wb.run("acme/vision/r2"));
    setTimeout(() => controller.abort(), 20);
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    await expect(patient).resolves.toBe("run-r2");
    expect(server.arrivals).toHaveLength(1);
  });

  it("aborts the HTTP request when every caller waiting on it has aborted", async () => {
    let closedEarly = false;
    const server = await scriptedServer((req, res) => {
      const timer = setTimeout(() => json(res, 200, { data: { project: null } }), 3000);
      res.on("close", () => {
        clearTimeout(timer);
        if (!res.writableEnded) closedEarly = true;
      });
      req.on("error", () => {});
    });
    const wb = createClient({ apiKey, baseUrl: server.baseUrl });
    const first = new AbortController();
    const second = new AbortController();
    const calls = [
      runName(wb.run("acme/vision/r1"), { signal: first.signal }),
      runName(wb.run("acme/vision/r2"), { signal: second.signal }),
    ];
    setTimeout(() => first.abort(), 20);
    setTimeout(() => second.abort(), 60);
    await Promise.allSettled(calls);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.arrivals).toHaveLength(1);
    expect(closedEarly).toBe(true);
  });

  it("cancels a retry sleep", async () => {
    const server = await scriptedServer((_req, res) =>
      json(res, 429, { errors: [{ message: "slow down" }] }, { "retry-after": "30" }),
    );
    const wb = createClient({
      apiKey,
      baseUrl: server.baseUrl,
      retry: { ...fastRetry, maxElapsedMs: 120_000 },
    });
    const controller = new AbortController();
    const pending = wb.viewer({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.arrivals).toHaveLength(1);
  });

  it("rejects at once when the signal is already aborted, sending nothing", async () => {
    const server = await scriptedServer(slowRuns(10));
    const wb = createClient({ apiKey, baseUrl: server.baseUrl });
    const reason = new Error("too late");
    await expect(runName(wb.run("acme/vision/r1"), { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.arrivals).toHaveLength(0);
  });
});
