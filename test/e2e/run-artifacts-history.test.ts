// `wandb-query run`, `artifacts` and `history` end to end against the demo dataset.
import { describe, expect, it } from "vitest";
import { demoRuns } from "../../mocks/demo-data.js";
import { demoFacts } from "../../mocks/demo-facts.js";
import type { MockRun } from "../../mocks/types.js";
import { runBin, useMockServer } from "./support.js";

const mock = useMockServer();
const known = demoFacts.knownRun;

type Row = Record<string, unknown>;

function ndjson(text: string): Row[] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Row);
}

describe("wandb-query run", () => {
  it("shows the light fields, notes, last step, config, summary and system metrics in one request", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(["run", known.path], { baseUrl: mock.server.url });
    expect(mock.server.requests.length - before).toBe(1); // the run is in no sweep
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`${known.path}  ${known.displayName}`);
    expect(lines).toContain("  state      finished");
    expect(lines).toContain("  user       john_doe (John Doe)");
    expect(lines).toContain(`  created    ${known.createdAt}.000Z`);
    expect(lines).toContain("  runtime    1h 0m 27s");
    expect(lines).toContain("  tags       baseline, resnet");
    expect(lines).toContain("config");
    expect(lines).toContain("  learning_rate  0.001");
    expect(lines).toContain("summary");
    expect(lines.some((line) => /^ {2}accuracy +0\.953$/.test(line))).toBe(true);
    expect(lines.some((line) => /^ {2}eval +\{"f1":0\.941,"precision":0\.944\}$/.test(line))).toBe(true);
    expect(lines).toContain(`  notes      ${known.notes}`);
    expect(lines).toContain(`  last step  ${known.lastStep} (7 history keys)`);
    expect(lines).toContain("system metrics");
    expect(lines.some((line) => /^ {2}system\.gpu\.0\.temp +NaN$/.test(line))).toBe(true);
    // The run is in no sweep: no empty row for it; every fact row before the config has a value.
    expect(lines.filter((line) => /^ {2}sweep\b/.test(line))).toEqual([]);
    const facts = lines.slice(1, lines.indexOf("config"));
    expect(facts.length).toBeGreaterThan(5);
    expect(facts.filter((line) => !/^ {2}[a-z]+( [a-z]+)? {2,}\S/.test(line))).toEqual([]);
  });

  it("shows the sweep of a sweep run", async () => {
    const sweepRun = demoRuns().find((run) => run.sweepName === "k3j2h1g0") as MockRun;
    const result = await runBin(["run", `acme/${sweepRun.project}/${sweepRun.id}`], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toContain("  sweep      k3j2h1g0 (FINISHED)");
  });

  it("prints JSON with --json", async () => {
    const result = await runBin(["run", known.path, "--json"], { baseUrl: mock.server.url });
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as Row;
    expect(run).toMatchObject({
      path: known.path,
      id: known.id,
      name: known.displayName,
      state: known.state,
      jobType: known.jobType,
      user: { username: known.user.username, name: known.user.name },
      createdAt: `${known.createdAt}.000Z`,
      heartbeatAt: `${known.heartbeatAt}.000Z`,
      runtime: known.runtimeSeconds,
      tags: [...known.tags],
      group: known.group,
      config: known.config,
      notes: known.notes,
      sweep: null,
      lastStep: known.lastStep,
      systemMetrics: { ...known.systemMetrics, "system.gpu.0.temp": "NaN" },
    });
    expect(run.historyKeys).toEqual(expect.arrayContaining(["loss", "train/loss", "val/acc", "eval.f1"]));
    expect(run.summary).toMatchObject(known.summary);
    expect(JSON.stringify(run)).not.toContain("_wandb");
  });
});

describe("wandb-query artifacts", () => {
  it("lists logged versions as a table", async () => {
    const result = await runBin(["artifacts", known.path], { baseUrl: mock.server.url });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]?.split(/ {2,}/)).toEqual(["artifact", "version", "type", "size", "created"]);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.split(/ {2,}/)).toEqual([
      "model:latest",
      "v5",
      "model",
      "256.2 KiB",
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    ]);
  });

  it("lists used versions with --used, and every page of a long list as JSON", async () => {
    const used = await runBin(["artifacts", known.path, "--used"], { baseUrl: mock.server.url });
    const [header, row] = used.stdout.trimEnd().split("\n");
    expect(header?.split(/ {2,}/)).toEqual(["artifact", "version", "type", "size", "created", "used as"]);
    expect(row?.split(/ {2,}/)).toEqual([
      "training-data:latest",
      "v3",
      "dataset",
      expect.stringMatching(/B$/),
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      known.usedArtifact.usedAs.join(", "),
    ]);
    const many = demoFacts.manyArtifactsRun;
    const json = await runBin(["artifacts", many.path, "--json"], { baseUrl: mock.server.url });
    const versions = JSON.parse(json.stdout) as Array<{ name: string; version: number; aliases: string[] }>;
    expect(versions).toHaveLength(many.count);
    expect(versions.find((version) => version.aliases.includes("best"))?.version).toBe(
      many.secondPageTargetVersion,
    );
  });

  it("says on stderr when a run has none", async () => {
    const result = await runBin(["artifacts", demoFacts.pendingRun.path], { baseUrl: mock.server.url });
    expect(result).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `${demoFacts.pendingRun.path} logged no artifacts\n`,
    });
  });
});

describe("wandb-query history", () => {
  it("prints sampled rows as CSV with a _step column", async () => {
    const result = await runBin(["history", known.path, "--keys", "loss,val/acc", "--samples", "20"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\r\n");
    expect(lines[0]).toBe("_step,loss,val/acc");
    expect(lines.at(-1)).toBe("");
    const rows = lines.slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(rows[0]).toBe("0,2.2871,0.148");
  });

  it("prints every key without --keys, as Python's run.history(), in two requests", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(["history", known.path, "--samples", "20", "--format", "ndjson"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(0);
    const columns = new Set(rows.flatMap((row) => Object.keys(row)));
    // The 7 history keys `run` reports, each a column, and the step.
    expect([...columns]).toEqual(
      expect.arrayContaining(["_step", "loss", "train/loss", "val/acc", "eval.f1"]),
    );
    expect(columns.size).toBeGreaterThanOrEqual(7);
    expect(rows[0]).toMatchObject({ _step: 0, loss: 2.2871, "val/acc": 0.148 });
    // The run's history keys, then its rows.
    expect(mock.server.requests.length - before).toBeLessThanOrEqual(2);
  });

  it("streams every row with --all, equal to the run's history", async () => {
    const long = demoFacts.longHistoryRun;
    const result = await runBin(
      ["history", long.path, "--keys", "loss,val/acc", "--all", "--format", "ndjson"],
      {
        baseUrl: mock.server.url,
      },
    );
    expect(result.code).toBe(0);
    const history =
      mock.server.runs.find((run) => `${run.entity}/${run.project}/${run.id}` === long.path)?.history ?? [];
    const expected = history
      .filter((row) => "loss" in row || "val/acc" in row)
      .map((row) => {
        const picked: Row = { _step: row._step };
        if ("loss" in row) picked.loss = row.loss;
        if ("val/acc" in row) picked["val/acc"] = row["val/acc"];
        return picked;
      });
    expect(expected).toHaveLength(long.steps);
    expect(ndjson(result.stdout)).toEqual(expected);
  });

  it("reads nested keys, leaving out rows that lack them", async () => {
    const result = await runBin(["history", known.path, "--keys", "eval.f1", "--all"], {
      baseUrl: mock.server.url,
    });
    const lines = result.stdout.split("\r\n");
    expect(lines[0]).toBe("_step,eval.f1");
    expect(lines.slice(1, -1).map((line) => line.split(",")[0])).toEqual([
      "0",
      "10",
      "20",
      "30",
      "40",
      "50",
      "60",
      "70",
      "80",
      "90",
    ]);
  });

  it("prints a JSON array with --json", async () => {
    const result = await runBin(["history", known.path, "--keys", "loss", "--all", "--json"], {
      baseUrl: mock.server.url,
    });
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows).toHaveLength(known.historyLineCount);
    expect(rows[known.lastStep]).toEqual({ _step: known.lastStep, loss: expect.any(Number) });
  });
});

describe("wandb-query files", () => {
  it("lists the run's files with name, size and updated, and --pattern narrows them, one request each", async () => {
    const before = mock.server.requests.length;
    const all = await runBin(["files", known.path], { baseUrl: mock.server.url });
    const json = await runBin(["files", known.path, "--pattern", "%.json", "--json"], {
      baseUrl: mock.server.url,
    });
    expect(mock.server.requests.length - before).toBe(2);
    expect([all.code, json.code]).toEqual([0, 0]);
    const lines = all.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^name +size +updated$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/)[0])).toEqual([
      "eval.json",
      "output.log",
      "requirements.txt",
      "wandb-metadata.json",
    ]);
    const listed = JSON.parse(json.stdout) as Array<{ name: string; size: number }>;
    expect(listed.map((file) => file.name)).toEqual(["eval.json", "wandb-metadata.json"]);
    expect(listed.every((file) => file.size > 0)).toBe(true);
  });
});
