/**
 * `startMockServer`: the fake W&B behind a real HTTP server on 127.0.0.1, for the demo, the CLI and
 * benchmarks. It must not import msw, even indirectly: msw is an optional peer dependency and the
 * CLI imports this module directly.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { checkMockOptions } from "./check-options.js";
import { demoRuns, demoSweeps } from "./demo-data.js";
import { answerChunks } from "./file-response.js";
import type { FileAnswer } from "./file-store.js";
import { createMockCore, type MockCore } from "./graphql-core.js";
import type { MockFileRequestRecord, MockRequestRecord, MockRun, MockWandbOptions } from "./types.js";

/** Options of {@link startMockServer}. */
export interface MockServerOptions extends MockWandbOptions {
  /** Port on 127.0.0.1. Default 0: an ephemeral port (read it from `url`). */
  port?: number;
}

/** A running fake W&B. */
export interface MockServer {
  /** `http://127.0.0.1:PORT`: use it as the client's base URL. */
  url: string;
  /** The run descriptions served. */
  runs: readonly MockRun[];
  /** Every GraphQL request answered so far, appended in place. */
  requests: MockRequestRecord[];
  /**
   * `http://127.0.0.1:PORT2`: the storage host, a server of its own (another origin), where
   * presigned file URLs point.
   */
  storageUrl: string;
  /**
   * Every file request so far, on the storage host and on the W&B host's file URLs, each with
   * whether it carried an `Authorization` header.
   */
  fileRequests: MockFileRequestRecord[];
  /** Clears both logs and rewinds the fault plans to their seeds. */
  reset(): void;
  /** Changes a run between requests (see `MockWandb.updateRun`). */
  updateRun(path: string, changes: Partial<MockRun>): void;
  /** Stops listening and closes every open connection at once. */
  close(): Promise<void>;
}

/** Bodies above this are refused with 413, so a runaway client cannot fill memory. */
const maxBodyBytes = 16 * 1024 * 1024;

/**
 * Starts the fake W&B on 127.0.0.1 only (never on other interfaces). Answers `POST …/graphql`;
 * other paths get 404. Options are checked as `createMockWandb`'s are (`TypeError` for an
 * unknown name or a wrong kind, `RangeError` out of range).
 *
 * @example
 * ```ts
 * const server = await startMockServer();          // the demo dataset
 * const wb = createClient({ apiKey: "any", baseUrl: server.url });
 * await server.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  checkMockOptions(options, "startMockServer", ["port"]);
  const port = options.port ?? 0;
  if (typeof port !== "number" || !Number.isInteger(port)) {
    throw new TypeError(`startMockServer: port must be a whole number, got ${String(port)}`);
  }
  if (port < 0 || port > 65_535)
    throw new RangeError(`startMockServer: port must be 0 to 65535, got ${port}`);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // The core needs the storage host's origin, and the storage server needs the core: the storage
  // server listens first and reads the core once a request arrives.
  let core: MockCore | undefined;
  const storage = createServer((request, response) => {
    const files = (core as MockCore).files;
    const answer =
      request.method === "GET"
        ? files.serveStorage(
            request.url ?? "/",
            request.headers.authorization !== undefined,
            request.headers.range,
          )
        : ({ kind: "text", status: 405, headers: { allow: "GET" }, body: "" } as const);
    sendFile(answer, request, response);
  });
  const storageUrl = await listen(storage, 0, sockets);
  core = createMockCore(options, { runs: demoRuns, sweeps: demoSweeps }, storageUrl);
  const ready = core;
  const server = createServer((request, response) => {
    serve(ready, request, response, timers);
  });
  let url: string;
  try {
    url = await listen(server, port, sockets);
  } catch (error) {
    storage.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    runs: ready.runs,
    requests: ready.requests,
    storageUrl,
    fileRequests: ready.files.requests,
    reset: ready.reset,
    updateRun: ready.updateRun,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        let open = 2;
        const done = () => {
          if (--open === 0) resolve();
        };
        server.close(done);
        storage.close(done);
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** Listens on 127.0.0.1 only; resolves to the server's `http://127.0.0.1:PORT`. */
async function listen(server: Server, port: number, sockets: Set<Socket>): Promise<string> {
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the mock server has no TCP address");
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Sends a file answer: bytes chunk by chunk with backpressure (a generated gigabyte never sits in
 * memory); a cut-off body ends with the socket destroyed mid-body, as a broken connection does.
 */
function sendFile(answer: FileAnswer, request: IncomingMessage, response: ServerResponse): void {
  if (answer.kind === "text") {
    response.writeHead(answer.status, {
      ...answer.headers,
      "content-length": String(Buffer.byteLength(answer.body)),
    });
    response.end(answer.body);
    return;
  }
  response.writeHead(answer.status, answer.headers);
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  const chunks = answerChunks(answer);
  const pump = async () => {
    for (const chunk of chunks) {
      if (response.destroyed) return;
      if (!response.write(chunk)) await once(response, "drain");
    }
    if (answer.cutAt !== undefined) request.socket.destroy();
    else response.end();
  };
  pump().catch(() => request.socket.destroy());
}

function serve(
  core: MockCore,
  request: IncomingMessage,
  response: ServerResponse,
  timers: Set<NodeJS.Timeout>,
): void {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (request.method === "GET" && path.startsWith("/files/")) {
    sendFile(core.handleApiFile(request.url ?? "/", request.headers.authorization), request, response);
    return;
  }
  if (!path.endsWith("/graphql")) {
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ errors: [{ message: `no route ${path}` }] }));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  });
  request.on("end", () => {
    if (size > maxBodyBytes) {
      response.writeHead(413, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message: "request body too large" }] }));
      return;
    }
    const answer = core.handle({
      method: request.method ?? "GET",
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
      bodyText: Buffer.concat(chunks).toString("utf8"),
      origin: `http://${request.headers.host ?? `127.0.0.1:${request.socket.localPort}`}`,
    });
    const send = () => {
      if (answer.kind === "drop") {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, {
        ...answer.headers,
        "content-length": String(Buffer.byteLength(answer.body)),
      });
      response.end(answer.body);
    };
    if (answer.delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!request.socket.destroyed) send();
    }, answer.delayMs);
    timers.add(timer);
  });
  request.on("error", () => request.socket.destroy());
}
