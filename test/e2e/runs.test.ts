// `wandb-query runs` end to end: formats, filters, batching per page, terminal width, progress.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { startMockServer } from "../../mocks/server.js";
import { binEnv, binPath, e2eApiKey, operationsSince, runBin, runCommand, useMockServer } from "./support.js";

const mock = useMockServer();
const vision = demoFacts.projects.vision;

type Row = Record<string, unknown>;

function ndjson(text: string): Row[] {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as Row);
}

describe("wandb-query runs", () => {
  it("prints a JSON array of the default fields", async () => {
    const result = await runBin(["runs", vision.path, "--format", "json"], { baseUrl: mock.server.url });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows).toHaveLength(vision.runCount);
    const known = rows.find((row) => row.id === demoFacts.knownRun.id);
    expect(known).toEqual({
      id: demoFacts.knownRun.id,
      name: demoFacts.knownRun.displayName,
      state: "finished",
      jobType: "train",
      user: "john_doe",
      createdAt: `${demoFacts.knownRun.createdAt}.000Z`,
    });
  });

  it("lists config and summary fields, nested and with slashes, costing one batched request per page", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(
      [
        "runs",
        vision.path,
        "--fields",
        "id,config.learning_rate,config.model.name,summary.accuracy,summary.train/loss,summary.eval.f1",
        "--format",
        "ndjson",
      ],
      { baseUrl: mock.server.url },
    );
    expect(result.code).toBe(0);
    const rows = ndjson(result.stdout);
    expect(rows).toHaveLength(vision.runCount);
    expect(rows.find((row) => row.id === demoFacts.knownRun.id)).toEqual({
      id: demoFacts.knownRun.id,
      "config.learning_rate": 0.001,
      "config.model.name": "resnet50",
      "summary.accuracy": 0.953,
      "summary.train/loss": 0.0871,
      "summary.eval.f1": 0.941,
    });
    const highLearningRate = rows.filter((row) => Number(row["config.learning_rate"]) > 0.01);
    expect(highLearningRate).toHaveLength(demoFacts.counts.learningRateAbove001.vision);
    // 180 runs in pages of 50: four listing requests, and one batched fields request per page. No
    // count: stderr is not a terminal, so there is no progress line to feed.
    const operations = operationsSince(mock.server, before);
    expect(operations).toHaveLength(8);
    expect(operations.filter((name) => name === "ListRuns")).toHaveLength(4);
    expect(operations).not.toContain("RunCount");
    expect(result.stderr).toBe("");
  });

  it("keeps NaN and Infinity apart from null in JSON", async () => {
    const result = await runBin(
      [
        "runs",
        vision.path,
        "--filter",
        JSON.stringify({ name: demoFacts.nonFiniteRun.id }),
        "--fields",
        "id,summary.val_loss,summary.grad_norm,summary.absent",
        "--json",
      ],
      { baseUrl: mock.server.url },
    );
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id: demoFacts.nonFiniteRun.id,
        "summary.val_loss": "NaN",
        "summary.grad_norm": "Infinity",
        "summary.absent": null,
      },
    ]);
  });

  it("filters, orders and limits on the server", async () => {
    const crashed = await runBin(
      ["runs", vision.path, "--filter", '{"state":"crashed"}', "--fields", "id,state", "--format", "ndjson"],
      { baseUrl: mock.server.url },
    );
    const rows = ndjson(crashed.stdout);
    expect(rows).toHaveLength(demoFacts.counts.perProject.vision.byState.crashed);
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(["crashed"]));

    const newest = await runBin(
      ["runs", vision.path, "--order", "-created_at", "--limit", "3", "--fields", "id", "--json"],
      {
        baseUrl: mock.server.url,
      },
    );
    expect(JSON.parse(newest.stdout)).toHaveLength(3);
    expect((JSON.parse(newest.stdout) as Row[])[0]).toEqual({ id: demoFacts.evalRun.id });
  });

  it("writes CSV by RFC 4180: a header, CRLF, quotes around commas, quotes and newlines", async () => {
    const server = await startMockServer({
      apiKey: e2eApiKey,
      runs: [
        {
          entity: "acme",
          project: "csv",
          id: "r1",
          displayName: 'He said "hi", then\nleft',
          createdAt: "2024-01-02T03:04:05",
          config: { note: "a,b", list: [1, "x"] },
          summary: { acc: 0.5 },
        },
        {
          entity: "acme",
          project: "csv",
          id: "r2",
          displayName: "plain",
          createdAt: "2024-01-03T00:00:00",
          config: {},
        },
      ],
    });
    try {
      const result = await runBin(
        [
          "runs",
          "acme/csv",
          "--fields",
          "id,name,createdAt,config.note,config.list,summary.acc",
          "--format",
          "csv",
        ],
        { baseUrl: server.url },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        "id,name,createdAt,config.note,config.list,summary.acc\r\n" +
          'r1,"He said ""hi"", then\nleft",2024-01-02T03:04:05.000Z,"a,b","[1,""x""]",0.5\r\n' +
          "r2,plain,2024-01-03T00:00:00.000Z,,,\r\n",
      );
    } finally {
      await server.close();
    }
  });

  it("writes the CSV header even when no run matches", async () => {
    const result = await runBin(["runs", vision.path, "--filter", '{"state":"nope"}', "--format", "csv"], {
      baseUrl: mock.server.url,
    });
    expect(result.stdout).toBe("id,name,state,jobType,user,createdAt\r\n");
    const json = await runBin(["runs", vision.path, "--filter", '{"state":"nope"}', "--json"], {
      baseUrl: mock.server.url,
    });
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it("aligns table columns", async () => {
    const args = ["runs", vision.path, "--limit", "12", "--fields", "id,name,state,jobType,user"];
    const [table, json] = await Promise.all([
      runBin(args, { baseUrl: mock.server.url }),
      runBin([...args, "--json"], { baseUrl: mock.server.url }),
    ]);
    const lines = table.stdout.trimEnd().split("\n");
    const header = lines[0] as string;
    expect(header.split(/ {2,}/)).toEqual(["id", "name", "state", "jobType", "user"]);
    const starts = ["id", "name", "state", "jobType", "user"].map((label) => header.indexOf(label));
    const rows = JSON.parse(json.stdout) as Row[];
    expect(lines).toHaveLength(rows.length + 1);
    rows.forEach((row, i) => {
      const line = lines[i + 1] as string;
      ["id", "name", "state", "jobType", "user"].forEach((field, column) => {
        const value = row[field] === null ? "" : String(row[field]);
        const start = starts[column] as number;
        expect(line.slice(start, start + value.length)).toBe(value);
        if (start > 0) expect(line.slice(start - 2, start)).toBe("  ");
      });
    });
  });

  it("fits the table to COLUMNS, leaving out the last columns and saying so", async () => {
    const result = await runBin(
      ["runs", vision.path, "--limit", "20", "--fields", "id,name,state,createdAt,user"],
      {
        baseUrl: mock.server.url,
        env: { COLUMNS: "50" },
      },
    );
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(21);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(50);
    expect(lines[0]?.split(/\s+/)).toEqual(["id", "name", "state"]);
    expect(result.stderr).toBe(
      "wandb-query: columns createdAt, user left out to fit 50 columns; --wide shows every column\n",
    );
  });

  it("shows no progress on stderr when it is not a terminal", async () => {
    const result = await runBin(["runs", vision.path, "--format", "csv"], { baseUrl: mock.server.url });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\r\n")).toHaveLength(vision.runCount + 2);
  });

  // util-linux `script` gives the bin a terminal for stderr; stdout still goes to /dev/null.
  it.skipIf(process.platform !== "linux" || !existsSync("/usr/bin/script"))(
    "shows `fetched N of M runs` on stderr when it is a terminal",
    async () => {
      const command = `"${process.execPath}" "${binPath}" runs ${vision.path} --format csv > /dev/null`;
      const result = await runCommand(
        "/usr/bin/script",
        ["-qec", command, "/dev/null"],
        binEnv({ baseUrl: mock.server.url }),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`fetched 50 of ${vision.runCount} runs`);
      expect(result.stdout).toContain(`fetched ${vision.runCount} of ${vision.runCount} runs`);
    },
  );
});
