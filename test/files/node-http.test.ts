// File GETs through node:http, the path a client without a `fetch` of its own takes for file bytes,
// over scripted loopback servers: which path a client takes, encoded bodies, bodies too long,
// stalls, aborts and cut connections, each asserted with the requests the server saw.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchFile } from "../../src/files/fetch-file.js";
import { createFileClient } from "../../src/files/file-client.js";
import { memorySink } from "../../src/files/sinks.js";
import { type ClientOptions, WandbNetworkError, WandbTimeoutError } from "../../src/index.js";
import { resolveOptions } from "../../src/options.js";
import { useLoopbackServers } from "../helpers/loopback.js";

const servers = useLoopbackServers();
const content = Buffer.from("weights ".repeat(4096));
const md5 = createHash("md5").update(content).digest("base64");

interface Seen {
  url: string;
  headers: IncomingMessage["headers"];
}

/** A storage host answering every GET with `answer`; `seen` lists what it was sent. */
async function storage(answer: (response: ServerResponse, attempt: number) => void) {
  const seen: Seen[] = [];
  const url = await servers.listen((request, response) => {
    seen.push({ url: request.url ?? "", headers: request.headers });
    answer(response, seen.length);
  });
  return { url: `${url}/blob?sig=1`, seen };
}

function policy(options: ClientOptions = {}) {
  const resolved = resolveOptions(
    {
      apiKey: "node-http-0123456789abcdef0123456789",
      baseUrl: "http://127.0.0.1:9",
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
      ...options,
    },
    { env: {}, home: "/nonexistent" },
  );
  return createFileClient(resolved).policy("test");
}

interface Expected {
  size: number | null;
  md5: string | null;
}

function read(
  url: string,
  options: ClientOptions = {},
  expected: Expected = { size: content.length, md5 },
  signal?: AbortSignal,
) {
  const source = {
    file: "model.bin",
    owner: "acme/vision/model:v0",
    ...expected,
    url,
    refresh: async () => url,
  };
  return fetchFile(source, memorySink(1024 * 1024, source.file, "test"), policy(options), signal);
}

const sendContent = (response: ServerResponse) => {
  response.writeHead(200, { "content-length": String(content.length) });
  response.end(content);
};

describe("file GETs without a fetch of the caller's", () => {
  it("go through node:http, not fetch: the storage host sees none of undici's headers", async () => {
    const { url, seen } = await storage(sendContent);
    expect(Buffer.from(await read(url)).equals(content)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers["sec-fetch-mode"]).toBeUndefined();
    expect(seen[0]?.headers["user-agent"]).toMatch(/^wandb-query\//);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it("go through a fetch the caller gave", async () => {
    const { url, seen } = await storage(sendContent);
    let calls = 0;
    const fetchGiven: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    expect(Buffer.from(await read(url, { fetch: fetchGiven })).equals(content)).toBe(true);
    expect(calls).toBe(1);
    expect(seen[0]?.headers["sec-fetch-mode"]).toBe("cors");
  });

  describe("with undici's global dispatcher replaced", () => {
    const slot = Symbol.for("undici.globalDispatcher.1");
    const global = globalThis as unknown as Record<symbol, unknown>;
    let before: unknown;
    beforeEach(async () => {
      // Node's fetch sets its own dispatcher on first use: use it first, so it can be put back.
      await fetch("data:,x");
      before = global[slot];
    });
    afterEach(() => {
      global[slot] = before;
    });

    it("go through fetch, so a proxy or mock agent set there still applies", async () => {
      const { url, seen } = await storage(sendContent);
      const dispatched: string[] = [];
      // Stands in for undici's MockAgent: refuses every request, and says which it was given.
      class MockAgent {
        dispatch(options: { origin: string; path: string }, handler: { onError(error: Error): void }) {
          dispatched.push(`${options.origin}${options.path}`);
          queueMicrotask(() => handler.onError(new Error("refused by the mock agent")));
          return true;
        }
      }
      global[slot] = new MockAgent();
      await expect(read(url, { retry: false })).rejects.toBeInstanceOf(WandbNetworkError);
      expect(dispatched).toEqual([url]);
      expect(seen).toHaveLength(0);
    });
  });

  it("undo a gzip Content-Encoding and verify the bytes it decodes to", async () => {
    const { url, seen } = await storage((response) => {
      const body = gzipSync(content);
      response.writeHead(200, { "content-encoding": "gzip", "content-length": String(body.length) });
      response.end(body);
    });
    expect(Buffer.from(await read(url)).equals(content)).toBe(true);
    // Without W&B's size, the encoded Content-Length is not taken for the decoded one.
    expect(Buffer.from(await read(url, {}, { size: null, md5 })).equals(content)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it("stop a body that runs past the size expected before it is all read, and retry it", async () => {
    const { url, seen } = await storage((response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      // Chunked, without end in sight: only the size W&B gave stops it.
      const more = () => {
        if (!response.destroyed && response.write(content)) setImmediate(more);
        else response.once("drain", more);
      };
      more();
    });
    await expect(read(url, {}, { size: 10, md5 })).rejects.toThrow(/ran past the 10 bytes expected/);
    expect(seen).toHaveLength(3);
  });

  it("retry a body that stalls longer than timeoutMs, then one cut off, then get the bytes", async () => {
    const { url, seen } = await storage((response, attempt) => {
      response.writeHead(200, { "content-length": String(content.length) });
      response.write(content.subarray(0, 100));
      if (attempt === 1) return; // stalls
      if (attempt === 2)
        response.destroy(); // cut off
      else response.end(content.subarray(100));
    });
    expect(Buffer.from(await read(url, { timeoutMs: 50 })).equals(content)).toBe(true);
    expect(seen).toHaveLength(3);
    const stalled = await storage((response) => {
      response.writeHead(200, { "content-length": String(content.length) });
      response.write(content.subarray(0, 100));
    });
    await expect(read(stalled.url, { timeoutMs: 30 })).rejects.toBeInstanceOf(WandbTimeoutError);
    expect(stalled.seen).toHaveLength(3);
  });

  it("end at once when the caller aborts mid-body", async () => {
    const controller = new AbortController();
    const { url, seen } = await storage((response) => {
      response.writeHead(200, { "content-length": String(content.length) });
      response.write(content.subarray(0, 100), () =>
        setTimeout(() => controller.abort(new Error("stop")), 5),
      );
    });
    // A stall would last timeoutMs and end in WandbTimeoutError; the abort ends it with its reason.
    await expect(read(url, { timeoutMs: 60_000 }, undefined, controller.signal)).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
  });
});
