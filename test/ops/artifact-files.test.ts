// artifactFiles, readArtifactFile and downloadArtifact against the mock over msw: results, request
// counts (GraphQL and storage), references, skips, progress, path escapes, credentials.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MockArtifactFile, MockRun } from "../../mocks/index.js";
import {
  artifactFiles,
  type DownloadProgress,
  downloadArtifact,
  FileNotFoundError,
  InvalidArgumentError,
  readArtifactFile,
  WandbResponseError,
} from "../../src/index.js";
import { answerOperation, mockClient, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const md5 = (content: string | Uint8Array) => createHash("md5").update(content).digest("base64");

const reportFiles: MockArtifactFile[] = [
  // Python's json.dump writes bare NaN: the JSON read must accept it.
  { path: "eval/metrics.json", content: '{"accuracy": 0.91, "loss": NaN}' },
  { path: "notes.txt", content: "trained on the new split\n" },
  { path: "weights.bin", content: { size: 300 * 1024, seed: 7 } },
  { path: "nested/deep/config.json", content: '{"lr": 0.001}' },
  { path: "data/raw", ref: "s3://acme-data/raw/", digest: "s3://acme-data/raw/" },
];

function artifactRun(id: string, name: string, files: MockArtifactFile[]): MockRun {
  return {
    entity: "acme",
    project: "vision",
    id,
    loggedArtifacts: [{ name, type: "model", version: 0, aliases: ["latest"], files }],
  };
}

const mock = useMockWandb({
  runs: [
    artifactRun("r-report", "report", reportFiles),
    artifactRun(
      "r-big",
      "big",
      Array.from({ length: 1000 }, (_, i) => ({
        path: `shards/${String(i).padStart(4, "0")}.txt`,
        content: `shard ${i}\n`,
      })),
    ),
    artifactRun("r-escape", "escape", [
      { path: "ok.txt", content: "fine" },
      { path: "../escape.txt", content: "outside" },
      { path: "/etc/abs.txt", content: "absolute" },
      { path: "C:\\Windows\\win.txt", content: "drive" },
      { path: "a\\..\\..\\b.txt", content: "backslash" },
    ]),
  ],
});

const tempDir = useTempDirs("artifact");

const operations = () => mock.requests.map((request) => request.operationName);
const storage = () => mock.fileRequests.filter((request) => request.host === "storage");

describe("artifactFiles", () => {
  it("lists the manifest in path order, references with their ref; the manifest is read once", async () => {
    const wb = mockClient();
    const art = wb.artifact("acme/vision/report:latest");
    const files = await artifactFiles(art);
    expect(files).toEqual([
      { path: "data/raw", size: 0, digest: "s3://acme-data/raw/", ref: "s3://acme-data/raw/" },
      { path: "eval/metrics.json", size: 31, digest: md5('{"accuracy": 0.91, "loss": NaN}') },
      { path: "nested/deep/config.json", size: 13, digest: md5('{"lr": 0.001}') },
      { path: "notes.txt", size: 25, digest: md5("trained on the new split\n") },
      { path: "weights.bin", size: 307_200, digest: expect.any(String) },
    ]);
    expect(operations()).toEqual(["ArtifactVersionByName", "ArtifactManifestUrl"]);
    expect(storage().map((request) => request.file)).toEqual(["manifest"]);
    await artifactFiles(art);
    expect(mock.requests).toHaveLength(2);
    expect(mock.fileRequests).toHaveLength(1);
  });
});

describe("readArtifactFile", () => {
  it("reads JSON (bare NaN accepted), text and bytes, each verified, without the manifest", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    const metrics = await readArtifactFile<{ accuracy: number; loss: number }>(art, "eval/metrics.json", {
      as: "json",
    });
    expect(metrics.accuracy).toBe(0.91);
    expect(metrics.loss).toBeNaN();
    expect(await readArtifactFile(art, "notes.txt", { as: "text" })).toBe("trained on the new split\n");
    const bytes = await readArtifactFile(art, "weights.bin");
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(307_200);
    // One version lookup, one URL lookup per file, one storage GET per file.
    expect(operations()).toEqual([
      "ArtifactVersionByName",
      "ArtifactFileUrls",
      "ArtifactFileUrls",
      "ArtifactFileUrls",
    ]);
    expect(storage().map((request) => request.file)).toEqual([
      "eval/metrics.json",
      "notes.txt",
      "weights.bin",
    ]);
  });

  it("rejects a path the version lacks with FileNotFoundError, a reference with InvalidArgumentError", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    await expect(readArtifactFile(art, "missing.json")).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(readArtifactFile(art, "data/raw")).rejects.toThrow(
      /is a reference to s3:\/\/acme-data\/raw\/; the SDK does not fetch references/,
    );
    await expect(readArtifactFile(art, "data/raw")).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(mock.fileRequests).toHaveLength(0);
  });

  it("refuses a file larger than maxBytes, and options it does not know", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    await expect(readArtifactFile(art, "weights.bin", { maxBytes: 1024 })).rejects.toThrow(
      /larger than maxBytes \(1024 bytes\)/,
    );
    await expect(readArtifactFile(art, "notes.txt", { as: "xml" as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(readArtifactFile(art, "notes.txt", { encoding: "utf8" } as never)).rejects.toThrow(
      /unknown readArtifactFile option "encoding"/,
    );
  });
});

describe("downloadArtifact", () => {
  it("writes every stored file, verified, reports references, fetches URLs in one request", async () => {
    const dir = tempDir();
    const art = mockClient().artifact("acme/vision/report:latest");
    const result = await downloadArtifact(art, { dir });
    expect(result.dir).toBe(dir);
    expect(result.version).toMatchObject({ name: "report", version: 0 });
    expect(result.files.map((file) => [file.path, file.status])).toEqual([
      ["eval/metrics.json", "downloaded"],
      ["nested/deep/config.json", "downloaded"],
      ["notes.txt", "downloaded"],
      ["weights.bin", "downloaded"],
    ]);
    expect(result.references).toEqual([
      { path: "data/raw", size: 0, digest: "s3://acme-data/raw/", ref: "s3://acme-data/raw/" },
    ]);
    expect(result.bytesDownloaded).toBe(31 + 13 + 25 + 307_200);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("trained on the new split\n");
    expect(readFileSync(join(dir, "nested/deep/config.json"), "utf8")).toBe('{"lr": 0.001}');
    expect(statSync(join(dir, "weights.bin")).size).toBe(307_200);
    // Nothing else: no temporary file left, the reference not fetched.
    expect(readdirSync(dir).sort()).toEqual(["eval", "nested", "notes.txt", "weights.bin"]);
    expect(operations()).toEqual(["ArtifactVersionByName", "ArtifactManifestUrl", "ArtifactFileUrls"]);
    expect(
      storage()
        .map((request) => request.file)
        .sort(),
    ).toEqual(["eval/metrics.json", "manifest", "nested/deep/config.json", "notes.txt", "weights.bin"]);
  });

  it("skips files already there with the right digest, and replaces one that is not only with overwrite", async () => {
    const dir = tempDir();
    const wb = mockClient();
    const art = wb.artifact("acme/vision/report:latest");
    await downloadArtifact(art, { dir });
    writeFileSync(join(dir, "notes.txt"), "edited by hand\n");
    mock.reset();
    await expect(downloadArtifact(art, { dir })).rejects.toThrow(
      /"notes.txt": a different file is already at/,
    );
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("edited by hand\n");
    expect(storage()).toEqual([]);
    mock.reset();
    const again = await downloadArtifact(art, { dir, overwrite: true });
    expect(again.files.map((file) => [file.path, file.status])).toEqual([
      ["eval/metrics.json", "skipped"],
      ["nested/deep/config.json", "skipped"],
      ["notes.txt", "downloaded"],
      ["weights.bin", "skipped"],
    ]);
    expect(again.bytesDownloaded).toBe(25);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("trained on the new split\n");
    // The version and manifest come from the cache; the one URL is asked by name.
    expect(operations()).toEqual(["ArtifactFileUrls"]);
    expect(mock.requests[0]?.variables.fileNames).toEqual(["notes.txt"]);
    expect(storage().map((request) => request.file)).toEqual(["notes.txt"]);
    mock.reset();
    const third = await downloadArtifact(art, { dir });
    expect(third.files.every((file) => file.status === "skipped")).toBe(true);
    expect(mock.requests).toHaveLength(0);
    expect(mock.fileRequests).toHaveLength(0);
  });

  it("downloads only the paths or pattern asked for", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    const byPattern = await downloadArtifact(art, { dir: tempDir(), pattern: "%.JSON" });
    expect(byPattern.files.map((file) => file.path)).toEqual([
      "eval/metrics.json",
      "nested/deep/config.json",
    ]);
    expect(byPattern.references).toEqual([]);
    const byPath = await downloadArtifact(art, { dir: tempDir(), paths: ["notes.txt", "data/raw"] });
    expect(byPath.files.map((file) => file.path)).toEqual(["notes.txt"]);
    expect(byPath.references.map((file) => file.path)).toEqual(["data/raw"]);
    await expect(downloadArtifact(art, { dir: tempDir(), paths: ["nope.txt"] })).rejects.toBeInstanceOf(
      FileNotFoundError,
    );
    await expect(
      downloadArtifact(art, { dir: tempDir(), paths: ["notes.txt"], pattern: "%" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("reports progress up to every byte and file, present files included", async () => {
    const dir = tempDir();
    const art = mockClient().artifact("acme/vision/report:latest");
    const events: DownloadProgress[] = [];
    await downloadArtifact(art, { dir, onProgress: (event) => events.push(event) });
    const last = events.at(-1);
    expect(last).toMatchObject({ bytesDone: 307_269, bytesTotal: 307_269, filesDone: 4, filesTotal: 4 });
    const done = events.map((event) => event.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const second: DownloadProgress[] = [];
    await downloadArtifact(art, { dir, onProgress: (event) => second.push(event) });
    expect(second.at(-1)).toMatchObject({ bytesDone: 307_269, filesDone: 4, filesTotal: 4 });
    // A progress listener that throws does not fail the download.
    await downloadArtifact(art, {
      dir: tempDir(),
      onProgress: () => {
        throw new Error("bar broke");
      },
    });
  });

  it("fetches the URLs of 1,000 files in one request, and stays within `concurrency`", async () => {
    const dir = tempDir();
    // Counts the storage GETs whose body is still streaming.
    let active = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      if (!String(input).startsWith(mock.storageUrl)) return fetch(input, init);
      active++;
      peak = Math.max(peak, active);
      const response = await fetch(input, init);
      const done = new TransformStream<Uint8Array, Uint8Array>({ flush: () => void active-- });
      return new Response(response.body?.pipeThrough(done) ?? null, response);
    };
    const art = mockClient({ fetch: countingFetch }).artifact("acme/vision/big:latest");
    const result = await downloadArtifact(art, { dir, concurrency: 4 });
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    expect(active).toBe(0);
    expect(result.files).toHaveLength(1000);
    expect(operations().filter((name) => name === "ArtifactFileUrls")).toHaveLength(1);
    expect(mock.requests.find((r) => r.operationName === "ArtifactFileUrls")?.variables.first).toBe(5000);
    expect(readFileSync(join(dir, "shards/0999.txt"), "utf8")).toBe("shard 999\n");
    expect(storage()).toHaveLength(1001);
  });

  it("stops paging file URLs that keep claiming more but bring nothing new, before any file", async () => {
    let calls = 0;
    mock.server.use(
      answerOperation("ArtifactFileUrls", (call) => {
        calls = call;
        const node = { name: "shards/0000.txt", directUrl: `${mock.storageUrl}/x`, md5: null, sizeBytes: 8 };
        const files = { pageInfo: { endCursor: `c${call}`, hasNextPage: true }, edges: [{ node }] };
        return { data: { project: { artifactCollection: { artifactMembership: { files } } } } };
      }),
    );
    const dir = tempDir();
    await expect(downloadArtifact(mockClient().artifact("acme/vision/big:latest"), { dir })).rejects.toThrow(
      /^ArtifactFileUrls: 3 pages of files of acme\/vision\/big:v0 in a row brought nothing new/,
    );
    expect(calls).toBe(4);
    expect(storage().map((request) => request.file)).toEqual(["manifest"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses manifest paths that escape the folder before writing anything", async () => {
    const parent = tempDir();
    const dir = join(parent, "inside");
    const art = mockClient().artifact("acme/vision/escape:latest");
    const failure = downloadArtifact(art, { dir });
    await expect(failure).rejects.toBeInstanceOf(WandbResponseError);
    await expect(downloadArtifact(art, { dir })).rejects.toThrow(
      /would be written outside .*"\.\.\/escape\.txt" \(it climbs out with "\.\."\), "\/etc\/abs\.txt" \(it is absolute\), "C:\\\\Windows\\\\win\.txt" \(it holds a backslash\), "a\\\\\.\.\\\\\.\.\\\\b\.txt" \(it holds a backslash\); nothing was downloaded/,
    );
    expect(readdirSync(parent)).toEqual([]);
    // Only the manifest was fetched: no file, no URL.
    expect(storage().map((request) => request.file)).toEqual(["manifest"]);
    expect(operations()).not.toContain("ArtifactFileUrls");
  });

  it("sends W&B credentials to the W&B host only, never to the storage host", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    await downloadArtifact(art, { dir: tempDir() });
    await readArtifactFile(art, "notes.txt");
    expect(mock.fileRequests.length).toBeGreaterThan(0);
    expect(mock.fileRequests.every((request) => request.host === "storage" && !request.authorization)).toBe(
      true,
    );
  });

  it("checks its options before any request", async () => {
    const art = mockClient().artifact("acme/vision/report:latest");
    await expect(downloadArtifact(art, undefined as never)).rejects.toThrow(
      /options with a dir are required/,
    );
    await expect(downloadArtifact(art, { dir: "" })).rejects.toThrow(/dir must be a non-empty path/);
    await expect(downloadArtifact(art, { dir: "x", concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(downloadArtifact(art, { dir: "x", concurrency: 65 })).rejects.toThrow(/at most 64/);
    await expect(downloadArtifact(art, { dir: "x", onProgress: 1 as never })).rejects.toThrow(/onProgress/);
    await expect(downloadArtifact(art, { dir: "x", paths: [""] })).rejects.toThrow(/paths must be an array/);
    expect(mock.requests).toHaveLength(0);
  });
});
