// artifactProducer and artifactConsumers (all pages, paging guards), and a run's files: runFiles,
// readRunFile, downloadRunFiles, runMetadata, with their request counts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import {
  artifactConsumers,
  artifactProducer,
  downloadRunFiles,
  FileNotFoundError,
  InvalidArgumentError,
  readRunFile,
  runFiles,
  runMetadata,
  runName,
  WandbResponseError,
} from "../../src/index.js";
import { answerOperation, mockClient, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const consumers: MockRun[] = Array.from({ length: 120 }, (_, i) => ({
  entity: "acme",
  project: i % 2 === 0 ? "vision" : "nlp",
  id: `user-${String(i).padStart(3, "0")}`,
  usedArtifacts: [{ name: "dataset", type: "dataset", version: 0, entity: "acme", project: "vision" }],
}));

const manyFiles = Array.from({ length: 120 }, (_, i) => ({
  name: `logs/part-${String(i).padStart(3, "0")}.txt`,
  content: `part ${i}\n`,
}));

const mock = useMockWandb({
  runs: [
    {
      entity: "acme",
      project: "vision",
      id: "trainer",
      displayName: "brisk-sun-1",
      loggedArtifacts: [{ name: "model", type: "model", version: 0, aliases: ["latest"] }],
      files: [
        { name: "eval.json", content: '{"accuracy": 0.93, "loss": NaN}' },
        { name: "output.log", content: "epoch 1\nepoch 2\n" },
        { name: "wandb-metadata.json", content: '{"program": "train.py", "git": {"commit": "abc123"}}' },
        ...manyFiles,
      ],
    },
    { entity: "acme", project: "vision", id: "bare" },
    ...consumers,
  ],
  artifacts: [
    {
      entity: "acme",
      project: "vision",
      name: "dataset",
      type: "dataset",
      version: 0,
      aliases: ["latest"],
      createdBy: { username: "jane", name: "Jane" },
    },
  ],
});

const operations = () => mock.requests.map((request) => request.operationName);

const tempDir = useTempDirs("run-files");

describe("artifactProducer", () => {
  it("is the run that logged the version, a handle like any other", async () => {
    const wb = mockClient();
    const producer = await artifactProducer(wb.artifact("acme/vision/model:latest"));
    expect(producer?.path).toBe("acme/vision/trainer");
    expect(operations()).toEqual(["ArtifactVersionByName", "ArtifactCreatedBy"]);
    expect(await runName(producer as NonNullable<typeof producer>)).toBe("brisk-sun-1");
  });

  it("is null for a version a user saved outside any run", async () => {
    expect(await artifactProducer(mockClient().artifact("acme/vision/dataset:latest"))).toBeNull();
  });
});

describe("artifactConsumers", () => {
  it("yields every run that used the version, across projects, 50 per request", async () => {
    const seen: string[] = [];
    for await (const run of artifactConsumers(mockClient().artifact("acme/vision/dataset:v0")))
      seen.push(run.path);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toContain("acme/nlp/user-001");
    expect(operations()).toEqual([
      "ArtifactVersionByName",
      "ArtifactUsedBy",
      "ArtifactUsedBy",
      "ArtifactUsedBy",
    ]);
    expect(mock.requests.slice(1).map((request) => request.variables.first)).toEqual([50, 50, 50]);
  });

  /** A usedBy page of one run, r1, that claims more follow. */
  const usedByPage = (cursor: string) => {
    const node = { name: "r1", project: { name: "vision", entity: { name: "acme" } } };
    const usedBy = { pageInfo: { endCursor: cursor, hasNextPage: true }, edges: [{ node }] };
    return { data: { artifact: { usedBy } } };
  };

  it("stops with WandbResponseError when the cursor does not advance, and drops a run seen twice", async () => {
    const art = mockClient().artifact("acme/vision/dataset:v0");
    let calls = 0;
    mock.server.use(
      answerOperation("ArtifactUsedBy", (call) => {
        calls = call;
        return usedByPage(call === 1 ? "c1" : "c2");
      }),
    );
    const seen: string[] = [];
    const iterate = async () => {
      for await (const run of artifactConsumers(art)) seen.push(run.path);
    };
    await expect(iterate()).rejects.toThrow(
      /^ArtifactUsedBy: W&B said more runs that used acme\/vision\/dataset:v0 follow but the cursor did not advance \(c2\)$/,
    );
    expect(calls).toBe(3);
    await expect(iterate()).rejects.toBeInstanceOf(WandbResponseError);
    expect(seen).toEqual(["acme/vision/r1", "acme/vision/r1"]);
  });

  it("stops when pages keep claiming more but bring no new run, however the cursor moves", async () => {
    let calls = 0;
    mock.server.use(
      answerOperation("ArtifactUsedBy", (call) => {
        calls = call;
        return usedByPage(`c${call}`);
      }),
    );
    const seen: string[] = [];
    const iterate = async () => {
      for await (const run of artifactConsumers(mockClient().artifact("acme/vision/dataset:v0"))) {
        seen.push(run.path);
      }
    };
    await expect(iterate()).rejects.toThrow(
      /3 pages of runs that used acme\/vision\/dataset:v0 in a row brought nothing new/,
    );
    // The first page brought r1; three more brought nothing new.
    expect(calls).toBe(4);
    expect(seen).toEqual(["acme/vision/r1"]);
  });
});

/** A RunFiles answer of one page holding `node`. */
function runFilesPage(node: Record<string, unknown>, hasNextPage: boolean, cursor: string) {
  const files = { pageInfo: { hasNextPage }, edges: [{ cursor, node }] };
  return { data: { project: { run: { name: "trainer", fileCount: 1000, files } } } };
}

describe("paging guards of the file listings", () => {
  it("a run's files: stops when the cursor stalls, the message naming the run", async () => {
    let calls = 0;
    mock.server.use(
      answerOperation("RunFiles", (call) => {
        calls = call;
        const node = {
          name: `f${call}.txt`,
          url: null,
          directUrl: "https://files.wandb-mock.test/x",
          sizeBytes: 1,
          md5: null,
          mimetype: null,
          updatedAt: null,
        };
        return runFilesPage(node, true, "same");
      }),
    );
    await expect(runFiles(mockClient().run("acme/vision/trainer"))).rejects.toThrow(
      /^RunFiles: W&B said more files of run acme\/vision\/trainer follow but the cursor did not advance \(same\)$/,
    );
    expect(calls).toBe(2);
  });

  it("a run's file with a field of the wrong kind is a WandbResponseError naming the field", async () => {
    const node = { name: "a.txt", url: null, directUrl: "https://x", sizeBytes: "12", md5: null };
    mock.server.use(answerOperation("RunFiles", () => runFilesPage(node, false, "c")));
    const failure = runFiles(mockClient().run("acme/vision/trainer"));
    await expect(failure).rejects.toBeInstanceOf(WandbResponseError);
    await expect(failure).rejects.toThrow(
      /project\.run\.files\.edges\.0\.node\.sizeBytes of run acme\/vision\/trainer: expected a number/,
    );
  });
});

describe("runFiles", () => {
  it("lists every file, 50 per request, paged by the last edge's cursor", async () => {
    const files = await runFiles(mockClient().run("acme/vision/trainer"));
    expect(files).toHaveLength(123);
    expect(files[0]).toEqual({
      name: "eval.json",
      size: 31,
      md5: expect.any(String),
      mimetype: "application/json",
      updatedAt: expect.any(Date),
    });
    expect(operations()).toEqual(["RunFiles", "RunFiles", "RunFiles"]);
    expect(mock.requests.map((request) => request.variables.after ?? null)).toEqual([
      null,
      expect.any(String),
      expect.any(String),
    ]);
  });

  it("lists those named, or matching a LIKE pattern; not both", async () => {
    const run = mockClient().run("acme/vision/trainer");
    expect((await runFiles(run, { pattern: "%.json" })).map((file) => file.name)).toEqual([
      "eval.json",
      "wandb-metadata.json",
    ]);
    expect((await runFiles(run, { names: ["output.log", "nope"] })).map((file) => file.name)).toEqual([
      "output.log",
    ]);
    await expect(runFiles(run, { names: ["a"], pattern: "%" })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await runFiles(mockClient().run("acme/vision/bare"))).toEqual([]);
  });
});

describe("readRunFile and runMetadata", () => {
  it("reads JSON, text and bytes through the W&B host's URL, which redirects to storage", async () => {
    const run = mockClient().run("acme/vision/trainer");
    const report = await readRunFile<{ accuracy: number; loss: number }>(run, "eval.json", { as: "json" });
    expect(report.accuracy).toBe(0.93);
    expect(report.loss).toBeNaN();
    expect(await readRunFile(run, "output.log", { as: "text" })).toBe("epoch 1\nepoch 2\n");
    expect(Buffer.from(await readRunFile(run, "output.log")).toString()).toBe("epoch 1\nepoch 2\n");
    expect(operations()).toEqual(["RunFiles", "RunFiles", "RunFiles"]);
    expect(mock.requests.map((request) => request.variables.names)).toEqual([
      ["eval.json"],
      ["output.log"],
      ["output.log"],
    ]);
    expect(mock.fileRequests.map((request) => [request.host, request.status, request.authorization])).toEqual(
      [
        ["api", 302, true],
        ["storage", 200, false],
        ["api", 302, true],
        ["storage", 200, false],
        ["api", 302, true],
        ["storage", 200, false],
      ],
    );
  });

  it("rejects a file the run did not save with FileNotFoundError", async () => {
    const run = mockClient().run("acme/vision/trainer");
    await expect(readRunFile(run, "missing.txt")).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(readRunFile(run, "missing.txt")).rejects.toMatchObject({
      file: "missing.txt",
      runPath: "acme/vision/trainer",
    });
  });

  it("runMetadata parses wandb-metadata.json, or is null when the run saved none", async () => {
    const wb = mockClient();
    expect(await runMetadata(wb.run("acme/vision/trainer"))).toEqual({
      program: "train.py",
      git: { commit: "abc123" },
    });
    expect(await runMetadata(wb.run("acme/vision/bare"))).toBeNull();
  });
});

describe("downloadRunFiles", () => {
  it("downloads the files named, or all of them, and skips those already there", async () => {
    const dir = tempDir();
    const run = mockClient().run("acme/vision/trainer");
    const one = await downloadRunFiles(run, { dir, names: ["eval.json"] });
    expect(one.files).toEqual([
      { path: "eval.json", localPath: join(dir, "eval.json"), size: 31, status: "downloaded" },
    ]);
    expect(readFileSync(join(dir, "eval.json"), "utf8")).toBe('{"accuracy": 0.93, "loss": NaN}');
    mock.reset();
    const all = await downloadRunFiles(run, { dir, concurrency: 16 });
    expect(all.files).toHaveLength(123);
    expect(all.files.filter((file) => file.status === "skipped").map((file) => file.path)).toEqual([
      "eval.json",
    ]);
    expect(readFileSync(join(dir, "logs/part-119.txt"), "utf8")).toBe("part 119\n");
    // Three listing requests; 122 files through the W&B host (with the key), then storage (without).
    expect(operations()).toEqual(["RunFiles", "RunFiles", "RunFiles"]);
    expect(mock.fileRequests.filter((r) => r.host === "storage")).toHaveLength(122);
    expect(mock.fileRequests.every((r) => (r.host === "storage") !== r.authorization)).toBe(true);
    await expect(downloadRunFiles(run, { dir, names: ["nope.txt"] })).rejects.toBeInstanceOf(
      FileNotFoundError,
    );
  });
});
