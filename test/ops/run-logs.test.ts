// Console logs: the tail, forward pages (improved pagination, pages cut short), the fallback on an
// old server that rejects useImprovedPagination, following a run until it ends; with request counts.
import { describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/index.js";
import {
  followRunLogs,
  InvalidArgumentError,
  runLogs,
  scanRunLogs,
  WandbTimeoutError,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

import { collect, created, expectWhole, logs } from "./log-lines-fixture.js";

const runs = [
  mockRun({ id: "long", createdAt: new Date(created), logs: logs(2500) }),
  mockRun({ id: "short", createdAt: new Date(created), logs: logs(2500), logPageLimit: 300 }),
  mockRun({ id: "quiet" }),
  mockRun({
    id: "escapes",
    logs: ["\u001b[31mred\u001b[0m\rover", { line: "t", timestamp: "2025-03-01T12:00:00.123456" }],
  }),
];
const mock = useMockWandb({ runs });

describe("runLogs (the tail)", () => {
  it("reads the newest lines with number, UTC timestamp, level and label, in one request", async () => {
    const wb = mockClient();
    const lines = await runLogs(wb.run("acme/vision/long"), { last: 10 });
    expect(lines.map((line) => line.number)).toEqual([
      2490, 2491, 2492, 2493, 2494, 2495, 2496, 2497, 2498, 2499,
    ]);
    const error = lines.find((line) => line.number === 2495);
    expect(error).toMatchObject({ level: "error", label: "rank1", text: "err 2495" });
    // Zone-less on the wire, UTC here (the suite runs in Pacific/Kiritimati, UTC+14).
    expect(lines[0]?.timestamp?.toISOString()).toBe(new Date(created + 2490_000).toISOString());
    expect(mock.requests.map((r) => r.operationName)).toEqual(["RunLogTail"]);
    expect(mock.requests[0]?.variables.last).toBe(10);
  });

  it("keeps text as written, and reads fractional timestamps", async () => {
    const lines = await runLogs(mockClient().run("acme/vision/escapes"));
    expect(lines.map((line) => line.text)).toEqual(["\u001b[31mred\u001b[0m\rover", "t"]);
    expect(lines[1]?.timestamp?.toISOString()).toBe("2025-03-01T12:00:00.123Z");
  });

  it("gives no lines for a run that wrote none (logLines is null)", async () => {
    expect(await runLogs(mockClient().run("acme/vision/quiet"))).toEqual([]);
  });

  it("rejects a tail past W&B's cap before any request", async () => {
    await expect(runLogs(mockClient().run("acme/vision/long"), { last: 10_001 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(runLogs(mockClient().run("acme/vision/long"), { last: 0 })).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(() => scanRunLogs(mockClient().run("acme/vision/long"), { pageSize: -1 })).toThrow(
      InvalidArgumentError,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("scanRunLogs (forward pages, server 0.77+)", () => {
  it("reads every line once, in pages of pageSize, with useImprovedPagination", async () => {
    const lines = await collect(scanRunLogs(mockClient().run("acme/vision/long"), { pageSize: 1000 }));
    expectWhole(lines, 2500);
    expect(mock.requests.map((r) => r.operationName)).toEqual(["RunLogPage", "RunLogPage", "RunLogPage"]);
    expect(mock.requests.map((r) => r.variables.first)).toEqual([1000, 1000, 1000]);
  });

  it("continues past a page the server cut short and called the last (line numbers say more)", async () => {
    const lines = await collect(scanRunLogs(mockClient().run("acme/vision/short"), { pageSize: 1000 }));
    expectWhole(lines, 2500);
    // 300 lines a page: ceil(2500 / 300) pages.
    expect(mock.requests).toHaveLength(9);
  });

  it("yields nothing for a run without console output, in one request", async () => {
    expect(await collect(scanRunLogs(mockClient().run("acme/vision/quiet")))).toEqual([]);
    expect(mock.requests).toHaveLength(1);
  });
});

describe("followRunLogs", () => {
  it("prints new lines until the run ends, then stops (bounded polls)", async () => {
    const path = "acme/vision/long";
    mock.updateRun(path, { state: "running", logs: logs(5) });
    const wb = mockClient();
    const seen: number[] = [];
    let polls = 0;
    const follow = followRunLogs(wb.run(path), { last: 2, pollMs: 1, timeoutMs: 10_000 });
    const iterator = follow[Symbol.asyncIterator]();
    const started = mock.requests.length;
    for (let guard = 0; guard < 100; guard++) {
      const next = await iterator.next();
      if (next.done) break;
      seen.push(next.value.number);
      // The run writes between polls, and ends after line 11.
      polls = mock.requests.length - started;
      if (next.value.number === 4) mock.updateRun(path, { logs: logs(9) });
      if (next.value.number === 8) mock.updateRun(path, { logs: logs(12), state: "finished" });
    }
    expect(seen).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(polls).toBeLessThanOrEqual(10);
    mock.updateRun(path, { state: "finished", logs: logs(2500) });
  });

  it("gives up after timeoutMs on a run that never ends", async () => {
    const path = "acme/vision/long";
    mock.updateRun(path, { state: "running" });
    const follow = followRunLogs(mockClient().run(path), { pollMs: 5, timeoutMs: 30 });
    await expect(collect(follow)).rejects.toThrow(WandbTimeoutError);
    expect(mock.requests.length).toBeLessThanOrEqual(8);
    mock.updateRun(path, { state: "finished" });
  });
});
