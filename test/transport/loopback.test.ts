// Over a real HTTP server on 127.0.0.1, without msw: headers on the wire, timeouts, aborts.
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { createClient, WandbTimeoutError } from "../../src/index.js";
import { useLoopbackServers } from "../helpers/loopback.js";

const apiKey = "local-0123456789abcdef0123456789abcdef01234567";
const basic = `Basic ${Buffer.from(`api:${apiKey}`).toString("base64")}`;
const viewer = { id: "VXNlcjox", name: "Jane Doe", username: "jd", email: "jd@example.com", entity: "acme" };
const { listen } = useLoopbackServers();

describe("transport over a real loopback server", () => {
  it("sends the headers over the wire and reads the answer", async () => {
    const received: IncomingHttpHeaders[] = [];
    const baseUrl = await listen((req, res) => {
      received.push(req.headers);
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ data: { viewer } }));
      });
    });
    const wb = createClient({ apiKey, baseUrl });
    await expect(wb.viewer()).resolves.toEqual(viewer);
    expect(received).toHaveLength(1);
    expect(received[0]?.authorization).toBe(basic);
    expect(received[0]?.["user-agent"]).toMatch(/^wandb-query\//);
    expect(received[0]?.host).toBe(new URL(baseUrl).host);
  });

  it("fails a hung server with WandbTimeoutError after timeoutMs on each attempt", async () => {
    let arrivals = 0;
    // Reads the request and never answers.
    const baseUrl = await listen((req) => {
      arrivals++;
      req.resume();
    });
    const wb = createClient({
      apiKey,
      baseUrl,
      timeoutMs: 150,
      retry: { retries: 2, minDelayMs: 10, maxDelayMs: 10 },
    });
    const started = Date.now();
    const error = await wb.viewer().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(WandbTimeoutError);
    expect((error as WandbTimeoutError).attempts).toBe(3);
    expect((error as Error).message).toMatch(
      /gave up after 3 attempts over .*; last failure: no answer within 150 ms$/,
    );
    expect(arrivals).toBe(3);
    // Three attempts of 150 ms each plus two short waits; generous upper bound for a loaded machine.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 150);
    expect(elapsed).toBeLessThan(10_000);
  });
});
