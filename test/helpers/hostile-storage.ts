// A hostile W&B for download tests: the fake W&B (`startMockServer`) behind a scripted front on
// 127.0.0.1 that can rewrite any GraphQL answer, the manifest, or answer any storage GET itself
// (stalls, endless bodies, stacked codings, Retry-After). The client talks to the front only;
// storage URLs in answers are rewritten to point at it, so every file GET passes the script.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach } from "vitest";
import { type MockRun, type MockServer, startMockServer } from "../../mocks/index.js";
import { type ClientOptions, createClient } from "../../src/index.js";
import { readBody, replyJson, useLoopbackServers } from "./loopback.js";

export const hostileKey = "hostile-0123456789abcdef0123456789abcdef";

/** What the front does beyond passing things on. */
export interface StorageScript {
  /**
   * A storage GET for `name` (an artifact path, a run file name, or `manifest`): answer it and
   * return true, or return false to serve the real bytes.
   */
  storage?: (name: string, req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Rewrites the manifest JSON before it is served. */
  manifest?: (manifest: { contents: Record<string, Record<string, unknown>> }) => void;
  /** Rewrites a GraphQL answer (parsed) before it is sent. */
  graphql?: (operationName: string, answer: Record<string, unknown>) => void;
}

export interface HostileWandb {
  url: string;
  mock: MockServer;
  /** Storage GETs by name, in order. */
  gets: string[];
  /** GraphQL operations, in order. */
  operations: string[];
  client(options?: Partial<ClientOptions>): ReturnType<typeof createClient>;
}

/** Starts a hostile W&B per test (closed after it). */
export function useHostileWandb(): (runs: MockRun[], script?: StorageScript) => Promise<HostileWandb> {
  const servers = useLoopbackServers();
  const mocks: MockServer[] = [];
  afterEach(async () => {
    for (const mock of mocks.splice(0)) await mock.close();
  });
  return async (runs, script = {}) => {
    const mock = await startMockServer({ runs, apiKey: hostileKey });
    mocks.push(mock);
    const names = new Map<string, string>();
    const gets: string[] = [];
    const operations: string[] = [];
    let front = "";
    const rewrite = (value: unknown, parentKey?: string): void => {
      if (Array.isArray(value)) {
        for (const item of value) rewrite(item);
        return;
      }
      if (value === null || typeof value !== "object") return;
      const node = value as Record<string, unknown>;
      for (const key of ["directUrl", "url"]) {
        const address = node[key];
        if (typeof address !== "string" || !address.startsWith(mock.storageUrl)) continue;
        const path = new URL(address).pathname;
        names.set(path, typeof node.name === "string" ? node.name : parentKey === "file" ? "manifest" : "?");
        node[key] = `${front}/storage${address.slice(mock.storageUrl.length)}`;
      }
      // Run files: their W&B-host URL would bypass the front; the direct one is used instead.
      if (typeof node.url === "string" && node.url.startsWith(mock.url)) node.url = null;
      for (const [key, child] of Object.entries(node)) rewrite(child, key);
    };
    front = await servers.listen(async (req, res) => {
      const address = req.url ?? "/";
      if (req.method === "POST" && address.endsWith("/graphql")) {
        const body = await readBody(req);
        const operationName = /query (\w+)/.exec(JSON.parse(body).query)?.[1] ?? "anonymous";
        operations.push(operationName);
        const upstream = await fetch(`${mock.url}${address}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: req.headers.authorization ?? "",
          },
          body,
        });
        const answer = (await upstream.json()) as Record<string, unknown>;
        rewrite(answer);
        script.graphql?.(operationName, answer);
        replyJson(res, upstream.status, answer);
        return;
      }
      if (address.startsWith("/storage/")) {
        const path = address.slice("/storage".length);
        const name = names.get(path.split("?")[0] as string) ?? "?";
        gets.push(name);
        if (await script.storage?.(name, req, res)) return;
        const upstream = await fetch(`${mock.storageUrl}${path}`);
        let bytes = Buffer.from(await upstream.arrayBuffer());
        if (name === "manifest" && script.manifest && upstream.status === 200) {
          const manifest = JSON.parse(bytes.toString("utf8"));
          script.manifest(manifest);
          bytes = Buffer.from(JSON.stringify(manifest));
        }
        res.writeHead(upstream.status, { "content-length": String(bytes.length) });
        res.end(bytes);
        return;
      }
      res.writeHead(404);
      res.end();
    });
    return {
      url: front,
      mock,
      gets,
      operations,
      client: (options = {}) =>
        createClient({
          apiKey: hostileKey,
          baseUrl: front,
          retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
          ...options,
        }),
    };
  };
}

/** A version `model:v0` of acme/vision with these files, logged by run `trainer`. */
export function artifactRuns(
  files: Array<{ path: string; content: string } | { path: string; ref: string }>,
): MockRun[] {
  return [
    {
      entity: "acme",
      project: "vision",
      id: "trainer",
      files: [{ name: "eval.json", content: '{"accuracy": 0.93}' }],
      loggedArtifacts: [{ name: "model", type: "model", version: 0, aliases: ["latest"], files }],
    },
  ];
}
