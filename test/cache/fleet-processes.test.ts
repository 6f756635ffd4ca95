// Two replicas of a fleet as two real processes on one Redis: the second reads 1,000 finished
// runs' summaries with no GraphQL request but the one viewer lookup its store keys need.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createClient as createRedisClient } from "@keyv/redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../../mocks/server.js";
import { describeWithRedis, useRedis } from "../helpers/redis-server.js";

const apiKey = "fleet-0123456789abcdef0123456789abcdef01234567";
const childPath = fileURLToPath(new URL("./replica-child.mjs", import.meta.url));
const distIndex = fileURLToPath(new URL("../../dist/src/index.js", import.meta.url));
const runs = Array.from({ length: 1000 }, (_, i) => ({
  entity: "acme",
  project: "big",
  id: `r${String(i).padStart(4, "0")}`,
  state: "finished",
  summary: { accuracy: i },
}));

interface ReplicaReport {
  read: number;
  accuracySum: number;
  warnings: string[];
}

function replica(server: MockServer, redisUrl: string): Promise<ReplicaReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childPath], {
      env: {
        PATH: process.env.PATH,
        REPLICA_BASE_URL: server.url,
        REPLICA_API_KEY: apiKey,
        REPLICA_REDIS_URL: redisUrl,
        REPLICA_RUNS: runs.map((run) => `acme/big/${run.id}`).join(","),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`replica exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as ReplicaReport);
    });
  });
}

describeWithRedis("a fleet of two processes on one Redis", () => {
  const redis = useRedis();
  let server: MockServer;
  beforeAll(async () => {
    if (!existsSync(distIndex)) throw new Error("dist/ is missing: npm run build first (npm test does)");
    server = await startMockServer({ runs, apiKey });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("the second replica reads 1,000 finished runs' summaries with only the viewer lookup", {
    timeout: 120_000,
  }, async () => {
    const expectedSum = (999 * 1000) / 2;
    const first = await replica(server, redis.current().url);
    expect(first).toMatchObject({ read: 1000, accuracySum: expectedSum, warnings: [] });
    const firstOps = server.requests.map((request) => request.operationName);
    expect(firstOps.filter((op) => op === "RunsByName")).toHaveLength(20);
    expect(firstOps.filter((op) => op === "Viewer")).toHaveLength(1);

    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    // Light fields (to know the run finished) and the summary, per run.
    expect(await admin.dbSize()).toBe(2000);
    await admin.quit();

    server.reset();
    const second = await replica(server, redis.current().url);
    expect(second).toMatchObject({ read: 1000, accuracySum: expectedSum, warnings: [] });
    expect(server.requests.map((request) => request.operationName)).toEqual(["Viewer"]);
  });
});
