// History exports against the mock on loopback: older servers, expired URLs, corrupt files, bad
// options, Range reads, downloads and the cache.
import { readdirSync } from "node:fs";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterEach, describe, expect, it } from "vitest";
import {
  type MockHistoryRow,
  type MockRun,
  type MockServer,
  type MockWandbOptions,
  startMockServer,
} from "../../mocks/index.js";
import {
  createClient,
  downloadHistoryExports,
  IncompleteRunHistoryError,
  InvalidArgumentError,
  NoHistoryExportsError,
  readRunHistoryColumns,
  scanRunHistory,
  WandbResponseError,
} from "../../src/index.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const tempDir = useTempDirs("history-exports");

function rows(count: number): MockHistoryRow[] {
  const out: MockHistoryRow[] = [];
  for (let step = 0; step < count; step++) {
    const row: MockHistoryRow = { _step: step, loss: 1 / (step + 1), lr: 0.1 };
    if (step >= 150) row.late = step * 2;
    out.push(row);
  }
  return out;
}

const base = { entity: "acme", project: "hist" };
const history = rows(300);
const runs: MockRun[] = [
  { ...base, id: "done", history, historyExport: { files: 3, rowGroupSize: 25 } },
  { ...base, id: "live", history, historyExport: { throughStep: 280, rowGroupSize: 50 } },
  { ...base, id: "fresh", history },
  { ...base, id: "junk", history, historyExport: { corrupt: "not-parquet" } },
  { ...base, id: "cut", history, historyExport: { corrupt: "truncated" } },
  { ...base, id: "big", history: rows(20_000), historyExport: { rowGroupSize: 1000 } },
];

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MockWandbOptions = {}) {
  server = await startMockServer({ runs, ...options });
  const wb = createClient({
    apiKey: "key",
    baseUrl: server.url,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
  });
  return { server, wb };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function names(server: MockServer): string[] {
  return server.requests.map((r) => r.operationName ?? "");
}

describe("history exports: servers and sources", () => {
  it("falls back to pages on a server without parquetHistory, and asks it only once per client", async () => {
    const { server, wb } = await start({ serverLacks: ["Run.parquetHistory"] });
    const first = await collect(scanRunHistory(wb.run("acme/hist/done"), { keys: ["loss"] }));
    const second = await collect(scanRunHistory(wb.run("acme/hist/live"), { keys: ["loss"] }));
    expect(first).toEqual(history.map((r) => ({ _step: r._step, loss: r.loss })));
    expect(second).toEqual(first);
    expect(names(server).filter((n) => n === "RunParquetHistory")).toHaveLength(1);
    expect(server.requests.find((r) => r.operationName === "RunParquetHistory")?.status).toBe(400);
    expect(server.fileRequests).toHaveLength(0);
    await expect(readRunHistoryColumns(wb.run("acme/hist/done"), { source: "exports" })).rejects.toThrow(
      NoHistoryExportsError,
    );
  });

  it("says clearly when source exports meets a run without exports; pages never asks for them", async () => {
    const { server, wb } = await start();
    await expect(collect(scanRunHistory(wb.run("acme/hist/fresh"), { source: "exports" }))).rejects.toThrow(
      /no history exports yet/,
    );
    server.reset();
    const got = await collect(scanRunHistory(wb.run("acme/hist/done"), { source: "pages", maxStep: 10 }));
    expect(got).toHaveLength(10);
    expect(names(server)).toEqual(["RunHistoryPage"]);
  });

  it("rejects bad options before any request", async () => {
    const { server, wb } = await start();
    const run = wb.run("acme/hist/done");
    expect(() => scanRunHistory(run, { minStep: 5, maxStep: 2 })).toThrow(InvalidArgumentError);
    expect(() => scanRunHistory(run, { source: "files" as "auto" })).toThrow(/source must be/);
    await expect(readRunHistoryColumns(run, { minStep: 5, maxStep: 2 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(readRunHistoryColumns(run, { source: "both" as "auto" })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(downloadHistoryExports(run, { dir: "" })).rejects.toThrow(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });

  it("reads a key that one file lacks, across three files", async () => {
    const { server, wb } = await start();
    const got = await collect(scanRunHistory(wb.run("acme/hist/done"), { keys: ["late"] }));
    expect(got).toEqual(history.filter((r) => r._step >= 150).map((r) => ({ _step: r._step, late: r.late })));
    const { steps, columns } = await readRunHistoryColumns(wb.run("acme/hist/done"), {
      keys: ["late", "lr"],
    });
    expect(steps).toHaveLength(300);
    const late = columns.late;
    if (late?.kind !== "number") throw new Error("late should be numeric");
    expect(late.present[149]).toBe(0);
    expect(late.values[150]).toBe(300);
    expect(names(server).filter((n) => n !== "RunParquetHistory")).toEqual([]);
    expect(server.fileRequests.every((r) => !r.authorization && r.status === 206)).toBe(true);
  });
});

describe("history exports: faults", () => {
  it("asks W&B again once for an expired URL", async () => {
    const { server, wb } = await start({ faults: { files: { expiredUrl: 1 } } });
    const got = await collect(scanRunHistory(wb.run("acme/hist/live"), { keys: ["loss"] }));
    expect(got.map((r) => r._step)).toEqual(history.map((r) => r._step));
    expect(server.fileRequests.filter((r) => r.fault === "expired-url")).toHaveLength(1);
    expect(names(server)).toEqual(["RunParquetHistory", "RunParquetHistory", "RunHistoryPage"]);
  });

  it("names the run and the file of an export that is not Parquet, or is cut short", async () => {
    const { wb } = await start();
    for (const id of ["junk", "cut"]) {
      const failure = await collect(scanRunHistory(wb.run(`acme/hist/${id}`))).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(WandbResponseError);
      expect((failure as Error).message).toMatch(
        new RegExp(`history export \\S+ of run acme/hist/${id} cannot be read`),
      );
    }
  });

  it("reads only the row groups of a step range over Range requests", async () => {
    const { server, wb } = await start();
    const dir = tempDir();
    await downloadHistoryExports(wb.run("acme/hist/big"), { dir });
    const whole = server.fileRequests.reduce((sum, r) => sum + r.bytes, 0);
    server.reset();
    const got = await collect(
      scanRunHistory(wb.run("acme/hist/big"), { keys: ["loss"], minStep: 10_000, maxStep: 10_100 }),
    );
    expect(got.map((r) => r._step)).toEqual(Array.from({ length: 100 }, (_, i) => 10_000 + i));
    const read = server.fileRequests.reduce((sum, r) => sum + r.bytes, 0);
    expect(server.fileRequests.every((r) => r.status === 206 && !r.authorization)).toBe(true);
    // The footer (64 KiB asked first) is most of it; one row group of 20 is the rest.
    expect(read).toBeLessThan(whole * 0.3);
  });
});

describe("downloadHistoryExports and the cache", () => {
  it("writes each export file, readable by a Parquet reader", async () => {
    const { wb } = await start();
    const dir = tempDir();
    const progress: number[] = [];
    const { files, incomplete } = await downloadHistoryExports(wb.run("acme/hist/done"), {
      dir,
      onProgress: (p) => progress.push(p.filesDone),
    });
    expect(incomplete).toBe(false);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(
      [0, 1, 2].map((i) => `acme_hist_done_${i}.runhistory.parquet`),
    );
    let count = 0;
    for (const file of files)
      count += (await parquetReadObjects({ file: await asyncBufferFromFile(file) })).length;
    expect(count).toBe(300);
    expect(progress.at(-1)).toBe(3);
  });

  it("refuses an incomplete history unless told, and leaves nothing of a corrupt file", async () => {
    const { wb } = await start();
    const dir = tempDir();
    const error = await downloadHistoryExports(wb.run("acme/hist/live"), { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteRunHistoryError);
    expect((error as IncompleteRunHistoryError).liveRows).toBe(20);
    expect(readdirSync(dir)).toEqual([]);
    const partial = await downloadHistoryExports(wb.run("acme/hist/live"), { dir, requireComplete: false });
    expect(partial.incomplete).toBe(true);
    expect(partial.files).toHaveLength(1);
    await expect(downloadHistoryExports(wb.run("acme/hist/junk"), { dir })).rejects.toThrow(
      WandbResponseError,
    );
    expect(readdirSync(dir)).toEqual(["acme_hist_live_0.runhistory.parquet"]);
  });

  it("keeps whole files in cacheDir and reads them locally on the next scan", async () => {
    const { server, wb } = await start();
    const cacheDir = tempDir();
    const first = await collect(scanRunHistory(wb.run("acme/hist/done"), { cacheDir }));
    expect(readdirSync(cacheDir)).toHaveLength(3);
    server.reset();
    const second = await collect(scanRunHistory(wb.run("acme/hist/done"), { cacheDir }));
    expect(second).toEqual(first);
    // Only each file's probe (4 bytes) goes to storage the second time.
    expect(server.fileRequests.map((r) => r.bytes)).toEqual([4, 4, 4]);
    const junk = tempDir();
    await expect(collect(scanRunHistory(wb.run("acme/hist/junk"), { cacheDir: junk }))).rejects.toThrow(
      WandbResponseError,
    );
    expect(readdirSync(junk)).toEqual([]);
  });
});
