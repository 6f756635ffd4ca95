/**
 * Forks the mock server of a benchmark into its own process, so the server's CPU never counts as
 * the client's and the two use the machine's two cores as a client and a real server would.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { ServerCommand, ServerReply, ServerSetup, ServerStats } from "./protocol.js";

/** A running server process. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Milliseconds the process took to build its dataset and start listening. */
  buildMs: number;
  /** Clears the server's request log and restarts its CPU clock. */
  reset(): Promise<void>;
  /** The server's account since the last reset. */
  stats(): Promise<ServerStats>;
  /** Stops the process. */
  close(): Promise<void>;
}

/** Every wait on the server is bounded; a silent server fails the benchmark instead of hanging it. */
const replyTimeoutMs = 120_000;

/**
 * Starts a server process for `setup` and waits until it listens (`setupTimeoutMs`, default the
 * reply timeout: a dataset of a million history rows takes longer to build on a busy machine).
 */
export async function startServerProcess(
  setup: ServerSetup,
  setupTimeoutMs = replyTimeoutMs,
): Promise<ServerProcess> {
  const child = fork(new URL("../server-child.js", import.meta.url), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const ready = await reply(child, (m) => m.type === "ready", { type: "setup", setup }, setupTimeoutMs);
  if (ready.type !== "ready") throw new Error("unreachable");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: ready.url,
    buildMs: ready.buildMs,
    async reset() {
      const id = nextId++;
      await reply(child, (m) => m.type === "reset" && m.id === id, { type: "reset", id });
    },
    async stats() {
      const id = nextId++;
      const answer = await reply(child, (m) => m.type === "stats" && m.id === id, { type: "stats", id });
      if (answer.type !== "stats") throw new Error("unreachable");
      return answer.stats;
    },
    async close() {
      if (child.exitCode === null && child.connected) child.send({ type: "close" } satisfies ServerCommand);
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function reply(
  child: ChildProcess,
  wanted: (message: ServerReply) => boolean,
  command: ServerCommand,
  timeoutMs = replyTimeoutMs,
): Promise<ServerReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`mock server: no answer to ${command.type}`)), timeoutMs);
    const onMessage = (message: ServerReply) => {
      if (message.type === "error") finish(new Error(`mock server: ${message.message}`));
      else if (wanted(message)) finish(undefined, message);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`mock server exited (${code}) during ${command.type}`));
    function finish(error: Error | undefined, message?: ServerReply) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) {
        child.kill();
        reject(error);
      } else resolve(message as ServerReply);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(command);
  });
}
