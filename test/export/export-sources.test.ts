// exportProject with source "auto": runs that have W&B Parquet exports are read from them (with
// their live rows), the others from batched pages; the dataset is the same rows either way.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { type MockHistoryRow, type MockRun, mockRun } from "../../mocks/index.js";
import { exportProject, InvalidArgumentError } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const history = (i: number, steps: number): MockHistoryRow[] =>
  Array.from({ length: steps }, (_, step) => ({
    _step: step,
    loss: step === 2 ? Number.NaN : 1 / (step + 1 + i),
  }));
const runs: MockRun[] = Array.from({ length: 6 }, (_, i) =>
  mockRun({
    id: `src${i}`,
    history: history(i, 30 + i),
    // Runs 0-2 have exports: run 0 fully, run 1 up to step 20 (the rest live), run 2 in 2 files.
    ...(i === 0 ? { historyExport: {} } : {}),
    ...(i === 1 ? { historyExport: { throughStep: 20 } } : {}),
    ...(i === 2 ? { historyExport: { files: 2, stepType: "DOUBLE" as const } } : {}),
  }),
);
const mock = useMockWandb({ runs });
const tempDir = useTempDirs("export-sources");

async function rowsOf(dir: string) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `select run_id, _step, loss from read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true) order by run_id, _step`,
    );
    return reader.getRowObjectsJS().map((row) => [row.run_id, Number(row._step), row.loss]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("exportProject source", () => {
  it('"auto" reads exports where runs have them, pages for the rest: the same rows', async () => {
    const pagesDir = tempDir();
    await exportProject(mockClient(), "acme/vision", { dir: pagesDir, history: true });
    const before = mock.requests.length;
    const autoDir = tempDir();
    const result = await exportProject(mockClient(), "acme/vision", {
      dir: autoDir,
      history: true,
      source: "auto",
    });
    const auto = mock.requests.slice(before);
    expect(result.historyRows).toBe(runs.reduce((sum, run) => sum + (run.history?.length ?? 0), 0));
    const expected = runs.flatMap((run) => (run.history ?? []).map((row) => [run.id, row._step, row.loss]));
    const fromPages = await rowsOf(pagesDir);
    const fromAuto = await rowsOf(autoDir);
    for (const rows of [fromPages, fromAuto]) {
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, k) => {
        const want = expected[k] as [string, number, number];
        expect(row.slice(0, 2)).toEqual(want.slice(0, 2));
        if (Number.isNaN(want[2])) expect(Number.isNaN(row[2])).toBe(true);
        else expect(row[2]).toBe(want[2]);
      });
    }
    // One parquetHistory lookup per run; the export files came from storage; only runs without
    // exports (3 to 5) and run 1's live rows went through pages.
    const byOperation = (name: string) => auto.filter((r) => r.operationName === name);
    expect(byOperation("RunParquetHistory")).toHaveLength(6);
    expect(mock.fileRequests.some((request) => request.host === "storage")).toBe(true);
    const paged = new Set(byOperation("RunHistoryPage").flatMap((r) => r.runs));
    expect([...paged].sort()).toEqual([
      "acme/vision/src1",
      "acme/vision/src3",
      "acme/vision/src4",
      "acme/vision/src5",
    ]);
  });

  it("refuses an unknown source before any request", async () => {
    await expect(
      exportProject(mockClient(), "acme/vision", { dir: tempDir(), source: "exports" as never }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(mock.requests).toHaveLength(0);
  });
});
