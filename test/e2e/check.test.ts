// `wandb-query check` end to end: the built bin against the fake W&B's demo dataset.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { startMockServer } from "../../mocks/server.js";
import { e2eApiKey, operationsSince, runBin, useMockServer } from "./support.js";

const mock = useMockServer();
const known = demoFacts.knownRun;

function daysSince(wireTime: string): number {
  return Math.floor((Date.now() - Date.parse(`${wireTime}Z`)) / 86_400_000);
}

describe("wandb-query check", () => {
  it("passes every check of a good run in one request and exits 0", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(
      [
        "check",
        known.path,
        "--state",
        "finished",
        "--artifact",
        "model:latest",
        "--artifact",
        "model:best",
        "--used-artifact",
        "training-data:v3",
        "--metric",
        "accuracy>=0.95",
        "--metric",
        "eval.f1>0.9",
        "--metric",
        "train/loss<0.1",
      ],
      { baseUrl: mock.server.url },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "✔ state is finished",
        "✔ logged artifact model:latest (v5)",
        "✔ logged artifact model:best (v5)",
        "✔ used artifact training-data:v3 (v3)",
        "✔ accuracy is 0.953, wanted >= 0.95",
        "✔ eval.f1 is 0.941, wanted > 0.9",
        "✔ train/loss is 0.0871, wanted < 0.1",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(0);
    // Light fields, the summary keys, and the first page of outputs and inputs: one batched request.
    expect(operationsSince(mock.server, before)).toHaveLength(1);
  });

  it("says each failure in one line and exits 1", async () => {
    const result = await runBin(
      [
        "check",
        known.path,
        "--state",
        "running",
        "--artifact",
        "evaluation:latest",
        "--used-artifact",
        "data:v3",
        "--used-artifact",
        "training-data:v1",
        "--metric",
        "accuracy>=0.99",
        "--metric",
        "missing_metric>0",
        "--metric",
        "eval>0",
        "--max-age",
        "2h",
      ],
      { baseUrl: mock.server.url },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "✘ state is finished, wanted running",
        "✘ logged artifact evaluation:latest not found",
        "✘ used artifact data:v3 not found",
        "✘ used artifact training-data:v1 not found; used training-data:v3",
        "✘ accuracy is 0.953, wanted >= 0.99",
        "✘ missing_metric is missing, wanted > 0",
        "✘ eval is not a number (an object), wanted > 0",
        `✘ heartbeat ${daysSince(known.heartbeatAt)}d ago, wanted within 2h`,
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
  });

  it("fails a NaN metric whatever the operator, and an infinite one unless --allow-infinite", async () => {
    const args = [
      "check",
      demoFacts.nonFiniteRun.path,
      "--metric",
      "val_loss!=0",
      "--metric",
      "grad_norm>1e308",
    ];
    const result = await runBin(args, { baseUrl: mock.server.url });
    expect(result.stdout).toBe(
      "✘ val_loss is NaN, wanted != 0\n✘ grad_norm is Infinity, wanted > 1e+308 (infinite values fail unless --allow-infinite)\n",
    );
    expect(result.code).toBe(1);
    const allowed = await runBin([...args, "--allow-infinite"], { baseUrl: mock.server.url });
    expect(allowed.stdout).toBe("✘ val_loss is NaN, wanted != 0\n✔ grad_norm is Infinity, wanted > 1e+308\n");
    expect(allowed.code).toBe(1);
  });

  it("prints the checks as JSON with --json", async () => {
    const result = await runBin(
      ["--json", "check", known.path, "--state", "finished", "--metric", "accuracy>=0.99"],
      { baseUrl: mock.server.url },
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      run: known.path,
      ok: false,
      checks: [
        { check: "state is finished", ok: true, detail: "state is finished", line: "state is finished" },
        {
          check: "accuracy >= 0.99",
          ok: false,
          detail: "accuracy is 0.953",
          line: "accuracy is 0.953, wanted >= 0.99",
        },
      ],
    });
  });

  it("accepts --json after the command and a run page URL", async () => {
    const result = await runBin(
      [
        "check",
        `https://wandb.ai/${demoFacts.entity}/vision/runs/${known.id}`,
        "--state",
        "finished",
        "--json",
      ],
      { baseUrl: mock.server.url },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ run: known.path, ok: true });
  });

  it("appends a Markdown table of the checks to GITHUB_STEP_SUMMARY", async () => {
    const summaryFile = join(mkdtempSync(join(tmpdir(), "wandb-query-summary-")), "summary.md");
    const env = { GITHUB_STEP_SUMMARY: summaryFile };
    const passed = await runBin(["check", known.path, "--state", "finished", "--artifact", "model:latest"], {
      baseUrl: mock.server.url,
      env,
    });
    const failed = await runBin(["check", known.path, "--metric", "accuracy>=0.99"], {
      baseUrl: mock.server.url,
      env,
    });
    const missing = await runBin(["check", "acme/vision/nosuchrun", "--state", "finished"], {
      baseUrl: mock.server.url,
      env,
    });
    expect([passed.code, failed.code, missing.code]).toEqual([0, 1, 2]);
    expect(readFileSync(summaryFile, "utf8")).toBe(
      [
        `### wandb-query check <code>${known.path}</code>: passed`,
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
        "| state is finished | ✔ pass | state is finished |",
        "| logged artifact model\\:latest | ✔ pass | v5 |",
        "",
        `### wandb-query check <code>${known.path}</code>: failed`,
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
        "| accuracy &gt;= 0.99 | ✘ fail | accuracy is 0.953 |",
        "",
        "### wandb-query check <code>acme/vision/nosuchrun</code>: error",
        "",
        "run acme/vision/nosuchrun not found \\(it does not exist, or this API key may not read it\\)",
        "",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 with one line when the run does not exist", async () => {
    const result = await runBin(["check", "acme/vision/x", "--state", "finished"], {
      baseUrl: mock.server.url,
    });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "wandb-query: run acme/vision/x not found (it does not exist, or this API key may not read it)\n",
    });
  });

  it("judges --max-age by the last heartbeat, or by the creation time before the first one", async () => {
    const now = Date.now();
    const server = await startMockServer({
      apiKey: e2eApiKey,
      runs: [
        {
          entity: "acme",
          project: "ci",
          id: "fresh01",
          state: "running",
          createdAt: new Date(now - 3 * 3_600_000),
          heartbeatAt: new Date(now - 12 * 60_000 - 5_000),
        },
        {
          entity: "acme",
          project: "ci",
          id: "queued1",
          state: "pending",
          createdAt: new Date(now - 90_000),
          heartbeatAt: null,
        },
      ],
    });
    try {
      const fresh = await runBin(["check", "acme/ci/fresh01", "--max-age", "2h"], { baseUrl: server.url });
      expect(fresh.stdout).toBe("✔ heartbeat 12m ago, within 2h\n");
      expect(fresh.code).toBe(0);
      const stale = await runBin(["check", "acme/ci/fresh01", "--max-age", "90s"], { baseUrl: server.url });
      expect(stale.stdout).toBe("✘ heartbeat 12m ago, wanted within 90s\n");
      expect(stale.code).toBe(1);
      const queued = await runBin(["check", "acme/ci/queued1", "--max-age", "15m"], { baseUrl: server.url });
      expect(queued.stdout).toBe("✔ no heartbeat, created 1m ago, within 15m\n");
      expect(queued.code).toBe(0);
    } finally {
      await server.close();
    }
  });
});
