// Real HTTP servers on 127.0.0.1, for the tests that need sockets (headers on the wire, timeouts,
// aborts, retries, scripted answers); and the pieces of W&B answers those tests write by hand.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { recordRequestBody } from "../../mocks/body-recorder.js";

export interface LoopbackServers {
  /** Starts a server on 127.0.0.1 only; resolves to its base URL (`http://127.0.0.1:PORT`). */
  listen(handler: RequestListener): Promise<string>;
  /** Closes every server started so far, open connections and all. */
  closeAll(): Promise<void>;
}

/** Servers for the calling test file; each is closed after the test that started it. */
export function useLoopbackServers(): LoopbackServers {
  const open: Server[] = [];
  const closeAll = async () => {
    for (const server of open.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
  afterEach(closeAll);
  return {
    async listen(handler) {
      const server = createServer((req, res) => {
        recordGraphQLBody(req);
        handler(req, res);
      });
      open.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    closeAll,
  };
}

// Scripted servers see the same documents as the fake W&B, so the suite-wide check
// (test/setup/recorded-bodies.ts) reads their bodies too. Attach it before the handler's own
// listeners, in the same tick, so both see every chunk.
export function recordGraphQLBody(req: IncomingMessage): void {
  if (req.method !== "POST" || !(req.url ?? "").split("?")[0]?.endsWith("/graphql")) return;
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const userAgent = req.headers["user-agent"];
    recordRequestBody(
      Buffer.concat(chunks).toString("utf8"),
      Array.isArray(userAgent) ? userAgent[0] : userAgent,
    );
  });
}

/** The whole body of a request, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString()));
  });
}

/** A GraphQL request as a scripted server reads it. */
export interface GraphQLCall {
  /** The operation the query names (`RunsByName`), or `anonymous`. */
  operationName: string;
  variables: Record<string, unknown>;
}

/** Reads a GraphQL request's body: the operation it names and its variables. */
export async function readGraphQLCall(req: IncomingMessage): Promise<GraphQLCall> {
  const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown> };
  return {
    operationName: /query (\w+)/.exec(body.query)?.[1] ?? "anonymous",
    variables: body.variables ?? {},
  };
}

/** Answers with a JSON body. */
export function replyJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A run node with the light fields the SDK selects, as a scripted answer carries it. */
export function lightRunNode(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    displayName: name,
    state: "finished",
    tags: null,
    group: null,
    jobType: null,
    createdAt: "2024-01-01T00:00:00",
    heartbeatAt: null,
    user: null,
    ...fields,
  };
}

/** An artifact version node (the `ArtifactFields` the SDK selects), as a scripted answer carries it. */
export function artifactVersionNode(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "QXJ0aWZhY3Q6MQ==",
    versionIndex: 3,
    digest: "abc",
    state: "COMMITTED",
    size: 10,
    fileCount: 1,
    description: null,
    metadata: "{}",
    createdAt: "2024-01-01T00:00:00",
    artifactType: { name: "model" },
    artifactSequence: { name: "model", project: { name: "p", entity: { name: "acme" } } },
    aliases: [{ alias: "latest", artifactCollection: { __typename: "ArtifactSequence", name: "model" } }],
    ...fields,
  };
}
