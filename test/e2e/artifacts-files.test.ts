// `wandb-query artifact`, `download` and `check --file-json`, and the qualified names of
// `--artifact`, end to end: the built bin against the demo dataset on 127.0.0.1.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { useTempDirs } from "../helpers/temp-dirs.js";
import { runBin, useMockServer } from "./support.js";

const mock = useMockServer();
const known = demoFacts.knownRun;

const tempDir = useTempDirs("e2e-download");

const operationsSince = (from: number) => mock.server.requests.slice(from).map((r) => r.operationName);

describe("wandb-query artifact", () => {
  it("shows the version, its aliases, the run that logged it and its files", async () => {
    const from = mock.server.requests.length;
    const result = await runBin(["artifact", "acme/vision/model:latest"], { baseUrl: mock.server.url });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("version   acme/vision/model:v5 (model)");
    expect(lines).toContain("aliases   latest, best");
    expect(lines).toContain("size      256.2 KiB in 4 files");
    expect(lines).toContain(`producer  ${known.path}`);
    expect(lines.some((line) => /^model\.pt +256\.0 KiB +\S+==$/.test(line))).toBe(true);
    expect(
      lines.some((line) => /^data\/val +0 B +reference s3:\/\/acme-datasets\/imagenet\/val$/.test(line)),
    ).toBe(true);
    expect(operationsSince(from).sort()).toEqual([
      "ArtifactCreatedBy",
      "ArtifactManifestUrl",
      "ArtifactVersionByName",
    ]);
  });

  it("prints JSON with --json, and fails with exit 2 for a version that does not exist", async () => {
    const json = await runBin(["artifact", "acme/vision/model:v5", "--json"], { baseUrl: mock.server.url });
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as {
      version: { qualifiedName: string };
      producer: string;
      files: unknown[];
    };
    expect(body.version.qualifiedName).toBe("acme/vision/model:v5");
    expect(body.producer).toBe(known.path);
    expect(body.files).toHaveLength(4);
    const missing = await runBin(["artifact", "acme/vision/model:v99"], { baseUrl: mock.server.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^wandb-query: artifact acme\/vision\/model:v99 not found/);
    const malformed = await runBin(["artifact", "a/b/c/d:v1"], { baseUrl: mock.server.url });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/cannot read artifact name "a\/b\/c\/d:v1"/);
  });
});

describe("wandb-query download", () => {
  it("downloads an artifact version, verified, and says what it skipped and did not fetch", async () => {
    const dir = tempDir();
    const result = await runBin(["download", "acme/vision/model:latest", "--to", dir], {
      baseUrl: mock.server.url,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `downloaded 3 files (256.2 KiB) to ${dir}\nnot fetched (reference): data/val -> s3://acme-datasets/imagenet/val\n`,
    );
    expect(readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()).toEqual([
      "config.json",
      "eval",
      "eval/metrics.json",
      "model.pt",
    ]);
    expect(JSON.parse(readFileSync(join(dir, "eval/metrics.json"), "utf8"))).toEqual(known.files.evalJson);
    const again = await runBin(["download", "acme/vision/model:latest", "--to", dir], {
      baseUrl: mock.server.url,
    });
    expect(again.stdout).toMatch(/^downloaded 0 files \(0 B\) to .*, 3 already there\n/);
  });

  it("downloads a run's files by name or pattern, and prints JSON with --json", async () => {
    const dir = tempDir();
    const one = await runBin(["download", known.path, "--file", "eval.json", "--to", dir], {
      baseUrl: mock.server.url,
    });
    expect(one.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["eval.json"]);
    const json = await runBin(["download", known.path, "--pattern", "%.json", "--to", dir, "--json"], {
      baseUrl: mock.server.url,
    });
    const body = JSON.parse(json.stdout) as { files: Array<{ path: string; status: string }> };
    expect(body.files.map((file) => [file.path, file.status])).toEqual([
      ["eval.json", "skipped"],
      ["wandb-metadata.json", "downloaded"],
    ]);
  });

  it("refuses --file with --pattern, and a file that is not there", async () => {
    const both = await runBin(["download", known.path, "--file", "a", "--pattern", "%"], {
      baseUrl: mock.server.url,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("wandb-query: give --file or --pattern, not both\n");
    const missing = await runBin(["download", known.path, "--file", "nope.txt", "--to", tempDir()], {
      baseUrl: mock.server.url,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no file "nope\.txt"/);
  });

  it("never sends the key to the storage host", () => {
    const storage = mock.server.fileRequests.filter((request) => request.host === "storage");
    expect(storage.length).toBeGreaterThan(0);
    expect(storage.some((request) => request.authorization)).toBe(false);
  });
});

describe("wandb-query check --file-json and qualified --artifact", () => {
  it("passes when the metric in the run's JSON file holds", async () => {
    const result = await runBin(
      [
        "check",
        known.path,
        "--file-json",
        "eval.json:accuracy>=0.9",
        "--file-json",
        "eval.json:per_class.cat>0.95",
      ],
      { baseUrl: mock.server.url },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "✔ eval.json: accuracy is 0.953, wanted >= 0.9\n✔ eval.json: per_class.cat is 0.96, wanted > 0.95\n",
    );
  });

  it("fails (exit 1) when it does not hold or the file is missing", async () => {
    const result = await runBin(
      ["check", known.path, "--file-json", "eval.json:accuracy>=0.99", "--file-json", "missing.json:x>1"],
      { baseUrl: mock.server.url },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "✘ eval.json: accuracy is 0.953, wanted >= 0.99\n✘ missing.json not found, wanted x > 1\n",
    );
    const bad = await runBin(["check", known.path, "--file-json", "accuracy>=0.9"], {
      baseUrl: mock.server.url,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad --file-json "accuracy>=0.9"/);
  });

  it("takes entity/project/name:alias and project/name:alias in --artifact and --used-artifact", async () => {
    const ok = await runBin(
      [
        "check",
        known.path,
        "--artifact",
        "acme/vision/model:latest",
        "--artifact",
        "vision/model:best",
        "--used-artifact",
        "acme/vision/training-data:v3",
      ],
      { baseUrl: mock.server.url },
    );
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const miss = await runBin(["check", known.path, "--artifact", "acme/nlp/model:latest"], {
      baseUrl: mock.server.url,
    });
    expect(miss.code).toBe(1);
    expect(miss.stdout).toBe("✘ logged artifact acme/nlp/model:latest not found; logged model:v5\n");
    const malformed = await runBin(["check", known.path, "--artifact", "model:"], {
      baseUrl: mock.server.url,
    });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad artifact "model:"/);
  });
});
