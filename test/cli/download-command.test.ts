// `download`'s pure pieces, and its progress line: drawn on a terminal's stderr only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoFacts, type MockServer, startMockServer } from "../../mocks/index.js";
import { fileJsonCheck } from "../../src/cli/checks.js";
import { namesArtifact, progressLine } from "../../src/cli/download-command.js";
import { parseFileJsonExpression, parseMetricExpression } from "../../src/cli/metric-expression.js";
import { runCli } from "../../src/cli/program.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { recordingOutput } from "../helpers/cli-output.js";

describe("download's pieces", () => {
  it("tells an artifact from a run", () => {
    expect(namesArtifact("acme/vision/model:latest")).toBe(true);
    expect(namesArtifact("model:v3")).toBe(true);
    expect(namesArtifact("acme/vision/1mbku38n")).toBe(false);
    expect(namesArtifact("https://wandb.ai/acme/vision/runs/1mbku38n")).toBe(false);
  });

  it("draws progress in files and bytes", () => {
    const base = { file: "a", filesDone: 2, filesTotal: 4 };
    expect(progressLine({ ...base, bytesDone: 512, bytesTotal: 2048 })).toBe(
      "downloading: 2/4 files, 512 B / 2.0 KiB 25%",
    );
    expect(progressLine({ ...base, bytesDone: 512, bytesTotal: null })).toBe("downloading: 2/4 files, 512 B");
  });

  it("reads --file-json and judges it", () => {
    const parsed = parseFileJsonExpression("eval.json:per_class.cat>=0.9");
    expect(parsed).toEqual({ file: "eval.json", expression: parseMetricExpression("per_class.cat>=0.9") });
    expect(() => parseFileJsonExpression("accuracy>=0.9")).toThrow(UsageError);
    expect(() => parseFileJsonExpression(":accuracy>=0.9")).toThrow(UsageError);
    expect(() => parseFileJsonExpression("eval.json:accuracy")).toThrow(UsageError);
    const { expression } = parsed;
    expect(fileJsonCheck("eval.json", { per_class: { cat: 0.95 } }, expression)).toMatchObject({ ok: true });
    expect(fileJsonCheck("eval.json", [1, 2], expression)).toMatchObject({
      ok: false,
      line: "eval.json: per_class.cat is missing, wanted >= 0.9",
    });
    expect(fileJsonCheck("eval.json", undefined, expression)).toMatchObject({
      ok: false,
      line: "eval.json not found, wanted per_class.cat >= 0.9",
    });
  });
});

describe("download's progress line", () => {
  let server: MockServer;
  const apiKey = "progress-0123456789abcdef0123456789abcdef";
  beforeAll(async () => {
    server = await startMockServer({ apiKey });
  });
  afterAll(() => server.close());

  async function download(stderrIsTty: boolean): Promise<{ statuses: string[]; statusCalls: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), "wandb-query-progress-"));
    const { output, written } = recordingOutput({ stderrIsTty });
    // The client reads its key and base URL from the process environment, as the bin's does.
    vi.stubEnv("WANDB_API_KEY", apiKey);
    vi.stubEnv("WANDB_BASE_URL", server.url);
    try {
      const code = await runCli(["download", "acme/vision/model:latest", "--to", dir], { output, env: {} });
      expect(code).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
    return written;
  }

  it("is drawn on a terminal, ending on the last file and a cleared line", async () => {
    const { statuses } = await download(true);
    const files = demoFacts.knownRun.modelFiles.paths.length;
    expect(statuses.at(-2)).toMatch(new RegExp(`^downloading: ${files}/${files} files, .* 100%$`));
    expect(statuses.at(-1)).toBe("");
  });

  it("is not asked for when stderr is a log or a file", async () => {
    // The command may clear the line (an empty status, which a log drops), never draw progress.
    const { statusCalls } = await download(false);
    expect(statusCalls.filter((text) => text !== "")).toEqual([]);
  });
});
