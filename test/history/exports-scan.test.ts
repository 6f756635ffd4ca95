// scanRunHistory and readRunHistoryColumns over the mock's Parquet history exports.
import { describe, expect, it } from "vitest";
import type { MockHistoryRow, MockRun } from "../../mocks/index.js";
import { readRunHistoryColumns, scanRunHistory } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

function rows(count: number): MockHistoryRow[] {
  const out: MockHistoryRow[] = [];
  for (let step = 0; step < count; step++) {
    const row: MockHistoryRow = { _step: step, loss: 1 / (step + 1) };
    if (step % 3 === 0) row.acc = step / count;
    if (step === 5) row.loss = Number.NaN;
    if (step === 6) row.loss = Number.POSITIVE_INFINITY;
    if (step % 10 === 0) row.note = `step ${step}`;
    if (step % 50 === 0) {
      row.eval = { f1: step / 1000, nested: { ok: true } };
      row.image = { _type: "image-file", path: `media/${step}.png`, size: 10 };
      row.bins = [1, 2, step];
      row.done = step > 100;
    }
    out.push(row);
  }
  return out;
}

const history = rows(250);
const base = { entity: "acme", project: "hist" };
const runs: MockRun[] = [
  { ...base, id: "int64", history, historyExport: { rowGroupSize: 50 } },
  { ...base, id: "double", history, historyExport: { stepType: "DOUBLE", rowGroupSize: 50 } },
  { ...base, id: "split", history, historyExport: { throughStep: 200, files: 3, rowGroupSize: 40 } },
  { ...base, id: "pages", history },
];

const mock = useMockWandb({ runs });

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function ops(): string[] {
  return mock.requests.map((r) => r.operationName ?? "");
}

describe("scanRunHistory from exports", () => {
  it("gives the same rows as pages, for INT64 and DOUBLE _step", async () => {
    const wb = mockClient();
    const fromPages = await collect(scanRunHistory(wb.run("acme/hist/pages")));
    for (const id of ["int64", "double", "split"]) {
      const got = await collect(scanRunHistory(wb.run(`acme/hist/${id}`)));
      expect(got).toEqual(fromPages);
      for (const row of got as Array<{ _step: unknown }>) expect(typeof row._step).toBe("number");
    }
    expect(fromPages).toHaveLength(250);
  });

  it("reads one file and no pages when every row is exported", async () => {
    const wb = mockClient();
    const got = await collect(scanRunHistory(wb.run("acme/hist/int64"), { keys: ["acc"] }));
    expect(got).toEqual(history.filter((r) => "acc" in r).map((r) => ({ _step: r._step, acc: r.acc })));
    expect(ops()).toEqual(["RunParquetHistory"]);
    expect(mock.fileRequests.every((r) => r.host === "storage" && !r.authorization && r.status === 206)).toBe(
      true,
    );
  });

  it("merges exported and live rows at the step where they meet, without duplicates", async () => {
    const wb = mockClient();
    const got = (await collect(
      scanRunHistory(wb.run("acme/hist/split"), { minStep: 150, maxStep: 230 }),
    )) as Array<{
      _step: number;
    }>;
    expect(got.map((r) => r._step)).toEqual(Array.from({ length: 80 }, (_, i) => 150 + i));
    const pages = mock.requests.filter((r) => r.operationName === "RunHistoryPage");
    expect(pages).toHaveLength(1);
    expect(pages[0]?.variables).toMatchObject({ minStep: 200, maxStep: 230 });
  });

  it("builds columns: numbers with presence, NaN kept apart from missing", async () => {
    const wb = mockClient();
    const { steps, columns } = await readRunHistoryColumns(wb.run("acme/hist/split"), {
      keys: ["loss", "acc", "note"],
    });
    expect(Array.from(steps)).toEqual(history.map((r) => r._step));
    const loss = columns.loss;
    const acc = columns.acc;
    expect(loss?.kind).toBe("number");
    if (loss?.kind !== "number" || acc?.kind !== "number") throw new Error("numeric columns expected");
    expect(Number.isNaN(loss.values[5])).toBe(true);
    expect(loss.present[5]).toBe(1);
    expect(loss.values[6]).toBe(Number.POSITIVE_INFINITY);
    expect(acc.present[1]).toBe(0);
    expect(acc.present[3]).toBe(1);
    expect(columns.note?.kind).toBe("values");
  });
});
