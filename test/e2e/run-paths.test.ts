// Run and artifact names on the built bin as W&B writes them: the key's default entity for a path
// without one, a project given where a run is needed, and `download` reading names as `artifact`.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { useTempDirs } from "../helpers/temp-dirs.js";
import { runBin, useMockServer } from "./support.js";

const mock = useMockServer();
const tempDir = useTempDirs("e2e-run-paths");
const known = demoFacts.knownRun;

describe("run paths on the command line", () => {
  it("check acme/vision says a run is needed and a project was given", async () => {
    const result = await runBin(["check", "acme/vision", "--state", "finished"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^wandb-query: check needs a run, and acme\/vision is a project \(\d+ runs\): name one as acme\/vision\/<runId>/,
    );
    expect(result.stderr).not.toMatch(/no entity/);
  });

  it("reads project:id and project/id with the key's default entity, and entity/project:id", async () => {
    for (const path of [`vision:${known.id}`, `vision/${known.id}/`, `acme/vision:${known.id}`]) {
      const result = await runBin(["check", path, "--state", "finished"], { baseUrl: mock.server.url });
      expect(result.stderr, path).toBe("");
      expect([result.code, result.stdout], path).toEqual([0, "✔ state is finished\n"]);
    }
  });
});

describe("download reads names as artifact does", () => {
  it("downloads entity/project/name as name:latest when no run has that ID", async () => {
    const dir = tempDir();
    const result = await runBin(["download", "acme/vision/model", "--to", dir], { baseUrl: mock.server.url });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^downloaded 3 files \(256\.2 KiB\) to /);
  });

  it("still downloads a run by entity/project/runId, and reads W&B app URLs", async () => {
    const run = await runBin(["download", known.path, "--file", "eval.json", "--to", tempDir()], {
      baseUrl: mock.server.url,
    });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toMatch(/^downloaded 1 file /);
    const url = "https://wandb.ai/acme/vision/artifacts/model/model/latest/files";
    const artifact = await runBin(["download", url, "--to", tempDir()], { baseUrl: mock.server.url });
    expect([artifact.code, artifact.stderr]).toEqual([0, ""]);
    expect(artifact.stdout).toMatch(/^downloaded 3 files /);
  });

  it("names both forms when neither a run nor an artifact has the name", async () => {
    const result = await runBin(["download", "acme/vision/nothing", "--to", tempDir()], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "wandb-query: no run acme/vision/nothing and no artifact acme/vision/nothing:latest: name a run as " +
        "acme/vision/runs/<runId> and an artifact version as acme/vision/<name>:<alias> (e.g. acme/vision/nothing:latest)\n",
    );
  });
});
