// Downloads over real sockets: the mock W&B on 127.0.0.1 and its storage host on another port (a
// different origin). The servers log every file request with whether it carried credentials, so
// "credentials never reach storage" is asserted where they would arrive.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockRun, type MockServer, startMockServer } from "../../mocks/index.js";
import {
  artifactConsumers,
  artifactProducer,
  createClient,
  downloadArtifact,
  downloadRunFiles,
  readRunFile,
  runMetadata,
  WandbAuthError,
} from "../../src/index.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const apiKey = "loopback-0123456789abcdef0123456789abcdef";
const runs: MockRun[] = [
  {
    entity: "acme",
    project: "vision",
    id: "trainer",
    files: [
      { name: "eval.json", content: '{"accuracy": 0.93}' },
      { name: "wandb-metadata.json", content: '{"program": "train.py", "gpu_count": 2}' },
      { name: "media/plot.png", content: { size: 70_000, seed: 9 } },
    ],
    loggedArtifacts: [
      {
        name: "model",
        type: "model",
        version: 0,
        aliases: ["latest"],
        files: [
          { path: "weights.bin", content: { size: 1024 * 1024, seed: 4 } },
          { path: "config.json", content: '{"lr": 0.01}' },
        ],
      },
    ],
  },
  {
    entity: "acme",
    project: "vision",
    id: "evaluator",
    usedArtifacts: [{ name: "model", type: "model", version: 0 }],
  },
];

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    runs,
    apiKey,
    faults: {
      files: { expiredUrl: 1, cutBody: 1, corruptBody: 1, paths: ["weights.bin", "media/plot.png"] },
    },
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const tempDir = useTempDirs("loopback");

const client = (key = apiKey) =>
  createClient({ apiKey: key, baseUrl: server.url, retry: { retries: 4, minDelayMs: 1, maxDelayMs: 5 } });

describe("over a loopback server and a storage host on another port", () => {
  it("serves storage from another origin than the API", () => {
    expect(new URL(server.storageUrl).origin).not.toBe(new URL(server.url).origin);
  });

  it("downloads an artifact through an expired URL, a cut-off body and corrupt bytes", async () => {
    const dir = tempDir();
    const result = await downloadArtifact(client().artifact("acme/vision/model:latest"), { dir });
    expect(result.files.map((file) => [file.path, file.status])).toEqual([
      ["config.json", "downloaded"],
      ["weights.bin", "downloaded"],
    ]);
    expect(readFileSync(join(dir, "weights.bin")).length).toBe(1024 * 1024);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "weights.bin"]);
    expect(server.fileRequests.filter((r) => r.file === "weights.bin").map((r) => r.fault)).toEqual([
      "expired-url",
      "cut-body",
      "corrupt-body",
      undefined,
    ]);
    expect(server.fileRequests.every((r) => r.host === "storage" && !r.authorization)).toBe(true);
  });

  it("reads and downloads run files through the W&B host, which gets the key; storage never does", async () => {
    const wb = client();
    const run = wb.run("acme/vision/trainer");
    expect(await readRunFile(run, "eval.json", { as: "json" })).toEqual({ accuracy: 0.93 });
    expect(await runMetadata(run)).toEqual({ program: "train.py", gpu_count: 2 });
    const dir = tempDir();
    const result = await downloadRunFiles(run, { dir });
    expect(result.files.map((file) => file.path)).toEqual([
      "eval.json",
      "wandb-metadata.json",
      "media/plot.png",
    ]);
    expect(readFileSync(join(dir, "media/plot.png")).length).toBe(70_000);
    const api = server.fileRequests.filter((r) => r.host === "api");
    const storage = server.fileRequests.filter((r) => r.host === "storage");
    expect(api.length).toBeGreaterThanOrEqual(4);
    expect(api.every((r) => r.authorization && r.status === 302)).toBe(true);
    expect(storage.length).toBeGreaterThanOrEqual(4);
    expect(storage.every((r) => !r.authorization)).toBe(true);
    expect(storage.filter((r) => r.file === "media/plot.png").map((r) => r.fault)).toEqual([
      "expired-url",
      "cut-body",
      "corrupt-body",
      undefined,
    ]);
  });

  it("a key the W&B host refuses is WandbAuthError, not an expired URL", async () => {
    const run = client("wrong-key-0123456789abcdef0123456789abcd").run("acme/vision/trainer");
    // The GraphQL listing fails first, with the same error class.
    await expect(readRunFile(run, "eval.json")).rejects.toBeInstanceOf(WandbAuthError);
  });

  it("follows lineage both ways", async () => {
    const art = client().artifact("acme/vision/model:latest");
    expect((await artifactProducer(art))?.path).toBe("acme/vision/trainer");
    const consumers: string[] = [];
    for await (const run of artifactConsumers(art)) consumers.push(run.path);
    expect(consumers).toEqual(["acme/vision/evaluator"]);
  });
});
