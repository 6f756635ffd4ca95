// Real HTTP servers on 127.0.0.1, for the tests that need sockets (headers on the wire, timeouts,
// aborts, retries, scripted answers); and the pieces of W&B answers those tests write by hand.
import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

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
      const server = createServer(handler);
      open.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    closeAll,
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
