/**
 * The mock server process of a benchmark (forked by lib/server-process.ts): builds its dataset,
 * starts the fake W&B on 127.0.0.1, and answers IPC requests for its own request log and CPU time.
 * It exits when the parent says so, when the parent goes away, or after a hard time limit.
 */
import { startMockServer } from "../mocks/server.js";
import { buildRuns } from "./lib/datasets.js";
import type { ServerCommand, ServerReply, ServerStats } from "./lib/protocol.js";

/**
 * The whole run's own limit (bench/main.ts): a stray server must not outlive a broken run, and a
 * slow benchmark on a loaded machine must not lose its server first (at 10 minutes, benchmark 1
 * and the streaming benchmark did, under a load average of about 20, failing with ECONNRESET; the
 * history benchmark's pages scan of 1,000,000 steps took over 5 minutes alone).
 */
const hardLimitMs = 60 * 60_000;

const send = (reply: ServerReply) => process.send?.(reply);
setTimeout(() => process.exit(3), hardLimitMs).unref();
process.on("disconnect", () => process.exit(0));

let server: Awaited<ReturnType<typeof startMockServer>> | undefined;
let cpuAtReset = process.cpuUsage();

function stats(): ServerStats {
  const cpu = process.cpuUsage(cpuAtReset);
  const result: ServerStats = {
    requests: 0,
    handlerMs: 0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytesOut: 0,
    operations: {},
    failures: 0,
    fileRequests: 0,
    fileBytes: 0,
  };
  for (const request of server?.fileRequests ?? []) {
    result.fileRequests++;
    result.fileBytes += request.bytes;
  }
  for (const request of server?.requests ?? []) {
    result.requests++;
    result.handlerMs += request.handlerMs;
    result.bytesOut += request.bytesOut;
    const name = request.operationName ?? "anonymous";
    result.operations[name] = (result.operations[name] ?? 0) + 1;
    if (request.status !== 200) result.failures++;
  }
  return result;
}

process.on("message", (message: ServerCommand) => {
  switch (message.type) {
    case "setup": {
      const started = performance.now();
      const { dataset, faults, apiKey } = message.setup;
      const runs = buildRuns(dataset);
      startMockServer({ runs, apiKey, ...(faults ? { faults } : {}) }).then(
        (started_) => {
          server = started_;
          send({ type: "ready", url: server.url, buildMs: performance.now() - started, runs: runs.length });
        },
        (error: unknown) => send({ type: "error", message: String(error) }),
      );
      break;
    }
    case "reset":
      server?.reset();
      cpuAtReset = process.cpuUsage();
      send({ type: "reset", id: message.id });
      break;
    case "stats":
      send({ type: "stats", id: message.id, stats: stats() });
      break;
    case "close":
      void (server?.close() ?? Promise.resolve()).then(() => process.exit(0));
      break;
  }
});
