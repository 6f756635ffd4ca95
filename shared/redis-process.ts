/**
 * A real redis-server as a child process, on a free 127.0.0.1 port, with no persistence: for the
 * shared-cache tests (test/helpers/redis-server.ts) and the fleet benchmark (bench/shared-cache.ts).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createConnection, createServer } from "node:net";

export const redisBinary = process.env.REDIS_SERVER ?? "redis-server";

/** Whether `redis-server` can be run here. */
export function redisInstalled(): boolean {
  const probe = spawnSync(redisBinary, ["--version"], { stdio: "ignore", timeout: 5_000 });
  return probe.status === 0;
}

/** A running redis-server. */
export interface RedisProcess {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

/** Starts redis-server on a free loopback port; waits (at most 10 s) until it accepts connections. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    redisBinary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; attempt < 200 && Date.now() < deadline && !exited; attempt++) {
    if (await accepts(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        kill: async () => {
          if (exited) return;
          const gone = once(child, "exit");
          child.kill("SIGKILL");
          await gone;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not accept connections on 127.0.0.1:${port} within 10 s`);
}
