// exportProject read back as users read it, with DuckDB: every run, every history row, NaN kept, no
// duplicate step; request counts showing several runs' windows share a request; incremental and
// resumable exports; bad options refused before any request.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { type MockHistoryRow, type MockRun, mockRun } from "../../mocks/index.js";
import { exportProject, InvalidArgumentError } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const history = (runIndex: number, steps: number): MockHistoryRow[] =>
  Array.from({ length: steps }, (_, step) => ({
    _step: step,
    loss: step === 3 ? Number.NaN : 1 / (step + 1 + runIndex),
    ...(step % 10 === 0 ? { "val/acc": runIndex / 100, eval: { f1: step / 1000 } } : {}),
  }));
const runs: MockRun[] = Array.from({ length: 12 }, (_, i) =>
  mockRun({
    id: `run${String(i).padStart(2, "0")}`,
    displayName: `run-${i}`,
    config: { lr: 0.001 * (i + 1), optimizer: i % 2 ? "adam" : "sgd", model: { depth: 18 + i } },
    summary: { accuracy: 0.5 + i / 100, tag: i % 3 === 0 ? "x" : 7 },
    history: i === 11 ? [] : history(i, 40 + i * 10),
  }),
);
const mock = useMockWandb({ runs });
const tempDir = useTempDirs("export");

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function historyRequests() {
  return mock.requests.filter((r) => r.operationName === "RunHistoryPage");
}

describe("exportProject", () => {
  it("writes a dataset DuckDB reads: every run, every row, NaN kept, no duplicate step", async () => {
    const dir = tempDir();
    const result = await exportProject(mockClient(), "acme/vision", {
      dir,
      history: true,
      rowsPerRequest: 300,
    });
    expect(result).toMatchObject({ runs: 12, changed: 12 });
    const runsRows = await query(`select * from read_parquet('${dir}/runs.parquet') order by run_id`);
    expect(runsRows.map((row) => row.run_id)).toEqual(runs.map((run) => run.id));
    expect(runsRows[2]).toMatchObject({
      display_name: "run-2",
      state: "finished",
      "config.lr": 0.003,
      "config.model.depth": 20,
      "config.optimizer": "sgd",
      "summary.accuracy": 0.52,
    });
    // A key whose values disagree in kind is JSON text.
    expect(runsRows[0]?.["summary.tag"]).toBe('"x"');
    expect(runsRows[1]?.["summary.tag"]).toBe("7");

    const joined = await query(`
      select h.run_id, h._step, h.loss, h."val/acc", h."eval.f1", r.display_name
      from read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true) h
      join read_parquet('${dir}/runs.parquet') r using (run_id)
      order by h.run_id, h._step`);
    const expected = runs.flatMap((run, i) =>
      (run.history ?? []).map((row) => ({
        run_id: run.id,
        _step: row._step,
        loss: row.loss,
        display_name: `run-${i}`,
      })),
    );
    expect(joined).toHaveLength(expected.length);
    joined.forEach((row, k) => {
      const want = expected[k] as (typeof expected)[number];
      expect([row.run_id, Number(row._step), row.display_name]).toEqual([
        want.run_id,
        want._step,
        want.display_name,
      ]);
      if (Number.isNaN(want.loss)) expect(Number.isNaN(row.loss)).toBe(true);
      else expect(row.loss).toBe(want.loss);
    });
    const dupes = await query(`
      select run_id, _step, count(*) n from read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true)
      group by all having n > 1`);
    expect(dupes).toEqual([]);
    expect(joined.filter((row) => row["eval.f1"] !== null)).toHaveLength(
      expected.filter((row) => row._step % 10 === 0).length,
    );

    // 11 runs with history, 40..140 steps: 990 rows in windows of at most 300 steps a request.
    const windows = historyRequests();
    expect(windows.length).toBeLessThanOrEqual(5);
    expect(Math.max(...windows.map((r) => r.runs.length))).toBeGreaterThan(1);
    expect(existsSync(join(dir, "history", "run_id=run11"))).toBe(false);
  });

  it("a second export fetches only the runs that changed, and rewrites only their files", async () => {
    const dir = tempDir();
    await exportProject(mockClient(), "acme/vision", { dir, history: true });
    const first = mock.requests.length;
    mock.updateRun("acme/vision/run03", {
      state: "finished",
      heartbeatAt: new Date(Date.UTC(2025, 0, 1)),
      history: history(3, 75),
    });
    const before = mock.requests.length;
    const result = await exportProject(mockClient(), "acme/vision", { dir, history: true });
    const second = mock.requests.slice(before);
    expect(result).toMatchObject({ runs: 12, changed: 1, historyRows: 75 });
    // The runs page, config and summary of one run, one history request for it alone.
    expect(second.map((r) => r.operationName)).toEqual(["ListRuns", "RunsByName", "RunHistoryPage"]);
    expect(second[2]?.runs).toEqual(["acme/vision/run03"]);
    expect(first).toBeGreaterThanOrEqual(3);
    const rows = await query(
      `select count(*)::INT n from read_parquet('${dir}/history/run_id=run03/*.parquet')`,
    );
    expect(rows[0]?.n).toBe(75);
    const all = await query(`select count(*)::INT n from read_parquet('${dir}/runs.parquet')`);
    expect(all[0]?.n).toBe(12);
    mock.updateRun("acme/vision/run03", runs[3] as MockRun);
  });

  it("an interrupted export leaves only whole files, and the next one continues", async () => {
    const dir = tempDir();
    const controller = new AbortController();
    let rounds = 0;
    await expect(
      exportProject(mockClient(), "acme/vision", {
        dir,
        history: true,
        rowsPerRequest: 100,
        concurrency: 1,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.phase === "history" && ++rounds === 3) controller.abort();
        },
      }),
    ).rejects.toThrow();
    const partial = readdirSync(join(dir, "history"));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(11);
    // No temporary file is left where a reader would look.
    for (const folder of partial)
      expect(readdirSync(join(dir, "history", folder))).toEqual(["part-0.parquet"]);
    writeFileSync(join(dir, "history", ".partial-123-abc"), "half");
    const interrupted = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const doneBefore = Object.keys(interrupted.runs).filter((id) => interrupted.runs[id].historyDone);
    // Every run the manifest calls done has its file (run11 logged no history: no folder).
    expect(
      doneBefore
        .filter((id) => id !== "run11")
        .map((id) => `run_id=${id}`)
        .sort(),
    ).toEqual([...partial].sort());
    const before = mock.requests.length;
    const result = await exportProject(mockClient(), "acme/vision", {
      dir,
      history: true,
      rowsPerRequest: 100,
    });
    expect(result.changed).toBe(12 - doneBefore.length);
    expect(existsSync(join(dir, "history", ".partial-123-abc"))).toBe(false);
    const count = await query(
      `select count(*)::INT n from read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true)`,
    );
    expect(count[0]?.n).toBe(runs.reduce((sum, run) => sum + (run.history?.length ?? 0), 0));
    expect(mock.requests.length - before).toBeGreaterThan(0);
  });

  it("backs off on 429 and still exports everything", async () => {
    const dir = tempDir();
    let limited = 0;
    // Every third request is refused once with Retry-After: 0, then falls through to the mock.
    mock.server.use(
      http.post("*/graphql", () => {
        if (++limited % 3 !== 1) return undefined;
        return HttpResponse.json(
          { errors: [{ message: "rate limit" }] },
          { status: 429, headers: { "retry-after": "0" } },
        );
      }),
    );
    const retries: number[] = [];
    const client = mockClient({
      retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 },
      onRetry: (event) => retries.push(event.attempt),
    });
    const result = await exportProject(client, "acme/vision", { dir, history: true, rowsPerRequest: 200 });
    expect(result).toMatchObject({ runs: 12, historyRows: 990 });
    expect(retries.length).toBeGreaterThan(0);
    expect(limited).toBe(mock.requests.length + retries.length);
  });

  it("refuses bad options before any request", async () => {
    const dir = tempDir();
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    await expect(exportProject(mockClient(), "acme/vision", { dir: file })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(exportProject(mockClient(), "acme/vision", { dir, keys: [""] })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(exportProject(mockClient(), "acme/vision", { dir, concurrency: 0 })).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(mock.requests).toHaveLength(0);
  });
});
