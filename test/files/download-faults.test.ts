// Downloads against storage that fails: an expired presigned URL, a body cut off halfway, bytes
// that do not match the digest. Each is survived (the file ends complete and verified) or ends in
// the error that names it, and no partial file is ever left under a final or temporary name.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MockFileFaults, MockRun } from "../../mocks/index.js";
import { createMockWandb } from "../../mocks/msw.js";
import {
  artifactFiles,
  DigestMismatchError,
  downloadArtifact,
  type RetryEvent,
  readArtifactFile,
  WandbNetworkError,
} from "../../src/index.js";
import { mockClient, testApiKey, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const weights = { size: 200 * 1024, seed: 3 };
const runs: MockRun[] = [
  {
    entity: "acme",
    project: "vision",
    id: "trainer",
    loggedArtifacts: [
      {
        name: "model",
        type: "model",
        version: 0,
        aliases: ["latest"],
        files: [
          { path: "weights.bin", content: weights },
          { path: "config.json", content: '{"lr": 0.01}' },
        ],
      },
    ],
  },
];

const base = useMockWandb({ runs });

/** A mock with these file faults, put in front of the plain one for the current test. */
function faulty(files: MockFileFaults) {
  const mock = createMockWandb({ runs, apiKey: testApiKey, faults: { files } });
  base.server.use(...mock.handlers);
  return mock;
}

const tempDir = useTempDirs("faults");

/** Every file below `dir`, relative, temporary ones included. */
function listed(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

const art = () => mockClient().artifact("acme/vision/model:latest");

describe("downloads survive storage faults", () => {
  it("an expired presigned URL: asks W&B for a new one, by name, and gets the file", async () => {
    const mock = faulty({ expiredUrl: 1 });
    const dir = tempDir();
    const result = await downloadArtifact(art(), { dir });
    expect(result.files.map((file) => file.status)).toEqual(["downloaded", "downloaded"]);
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe('{"lr": 0.01}');
    const operations = mock.requests.map((request) => request.operationName);
    // One bulk URL request, then one refresh per file whose URL expired.
    expect(operations).toEqual([
      "ArtifactVersionByName",
      "ArtifactManifestUrl",
      "ArtifactFileUrls",
      "ArtifactFileUrls",
      "ArtifactFileUrls",
    ]);
    const refreshed = mock.requests.slice(3).map((request) => request.variables.fileNames);
    expect(refreshed.sort()).toEqual([["config.json"], ["weights.bin"]]);
    const weightsGets = mock.fileRequests.filter((request) => request.file === "weights.bin");
    expect(weightsGets.map((request) => [request.status, request.fault])).toEqual([
      [403, "expired-url"],
      [200, undefined],
    ]);
    expect(listed(dir)).toEqual(["config.json", "weights.bin"]);
  });

  it("a body cut off halfway: retried, and no partial file left", async () => {
    const mock = faulty({ cutBody: 1 });
    const dir = tempDir();
    await downloadArtifact(art(), { dir });
    const weightsGets = mock.fileRequests.filter((request) => request.file === "weights.bin");
    expect(weightsGets.map((request) => request.fault)).toEqual(["cut-body", undefined]);
    expect(weightsGets[0]?.bytes).toBe(weights.size / 2);
    expect(listed(dir)).toEqual(["config.json", "weights.bin"]);
    expect(readFileSync(join(dir, "weights.bin")).length).toBe(weights.size);
  });

  it("bytes that do not match the digest once: fetched again, and verified", async () => {
    const mock = faulty({ corruptBody: 1 });
    const dir = tempDir();
    await downloadArtifact(art(), { dir });
    expect(mock.fileRequests.filter((r) => r.file === "config.json").map((r) => r.fault)).toEqual([
      "corrupt-body",
      undefined,
    ]);
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe('{"lr": 0.01}');
  });

  it("all three at once, on every file", async () => {
    const mock = faulty({ expiredUrl: 1, cutBody: 1, corruptBody: 1 });
    const dir = tempDir();
    const result = await downloadArtifact(art(), { dir });
    expect(result.files.every((file) => file.status === "downloaded")).toBe(true);
    expect(mock.fileRequests.filter((r) => r.file === "weights.bin").map((r) => r.fault)).toEqual([
      "expired-url",
      "cut-body",
      "corrupt-body",
      undefined,
    ]);
    expect(listed(dir)).toEqual(["config.json", "weights.bin"]);
  });

  it("bytes that never match: DigestMismatchError naming the file, nothing left under its name", async () => {
    faulty({ corruptBody: 10, paths: ["weights.bin"] });
    const dir = tempDir();
    const failure = downloadArtifact(art(), { dir, concurrency: 1 });
    await expect(failure).rejects.toBeInstanceOf(DigestMismatchError);
    await expect(failure).rejects.toMatchObject({ file: "weights.bin", name: "DigestMismatchError" });
    await expect(failure).rejects.toThrow(/^weights\.bin: downloaded bytes have MD5 .*, W&B recorded /);
    // config.json (done first, verified) stays; weights.bin left nothing, not even a temporary file.
    expect(listed(dir)).toEqual(["config.json"]);
  });

  it("a retried file is announced to the client's onRetry, like a retried request", async () => {
    faulty({ cutBody: 1, paths: ["weights.bin"] });
    const events: RetryEvent[] = [];
    const client = mockClient({
      retry: { minDelayMs: 1, maxDelayMs: 2 },
      onRetry: (event) => events.push(event),
    });
    await downloadArtifact(client.artifact("acme/vision/model:latest"), { dir: tempDir() });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operationName: "downloadArtifact", attempt: 1, runs: [] });
    expect(events[0]?.error).toBeInstanceOf(WandbNetworkError);
    expect(events[0]?.error.message).toMatch(/^weights\.bin of acme\/vision\/model:v0: /);
  });

  it("a body that is always cut: WandbNetworkError after the retries, nothing left under its name", async () => {
    const mock = faulty({ cutBody: 50, paths: ["weights.bin"] });
    const dir = tempDir();
    const client = mockClient({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    await expect(
      downloadArtifact(client.artifact("acme/vision/model:latest"), { dir }),
    ).rejects.toBeInstanceOf(WandbNetworkError);
    expect(mock.fileRequests.filter((r) => r.file === "weights.bin")).toHaveLength(3);
    expect(listed(dir).filter((name) => name.includes("weights"))).toEqual([]);
  });

  it("an expired or cut-off manifest is asked again, and reads survive all three faults", async () => {
    // A manifest has no digest to check it against (W&B's clients check none): its length is checked.
    const manifests = faulty({ expiredUrl: 1, cutBody: 1, manifests: true, paths: ["manifest"] });
    const files = await artifactFiles(art());
    expect(files.map((file) => file.path)).toEqual(["config.json", "weights.bin"]);
    expect(manifests.requests.filter((r) => r.operationName === "ArtifactManifestUrl")).toHaveLength(2);
    expect(manifests.fileRequests.map((r) => r.fault)).toEqual(["expired-url", "cut-body", undefined]);
    base.server.resetHandlers();
    const reads = faulty({ expiredUrl: 1, cutBody: 1, corruptBody: 1 });
    expect(await readArtifactFile(art(), "config.json", { as: "json" })).toEqual({ lr: 0.01 });
    expect(reads.fileRequests.map((r) => r.fault)).toEqual([
      "expired-url",
      "cut-body",
      "corrupt-body",
      undefined,
    ]);
  });

  it("an abort stops every file and leaves no partial one", async () => {
    faulty({});
    const dir = tempDir();
    const controller = new AbortController();
    const failure = downloadArtifact(art(), {
      dir,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.bytesDone > 0) controller.abort();
      },
    });
    await expect(failure).rejects.toMatchObject({ name: "AbortError" });
    expect(listed(dir).filter((name) => name.includes("partial"))).toEqual([]);
  });
});
