// An old W&B server (before 0.77): logLines has no useImprovedPagination, so the document that sends
// it fails validation. scanRunLogs falls back to tails once per client; runLogs works as anywhere.
// A loopback mock server, not msw: msw would intercept the requests for its own mock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, mockRun, startMockServer } from "../../mocks/index.js";
import { createClient, runLogs, scanRunLogs } from "../../src/index.js";
import { collect, expectWhole, logs } from "./log-lines-fixture.js";

const runs = [
  mockRun({ id: "long", logs: logs(2500) }),
  mockRun({ id: "short", logs: logs(2500), logPageLimit: 300 }),
];

describe("an old server (rejects useImprovedPagination)", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      runs: [...runs, mockRun({ id: "huge", logs: logs(12_000) })],
      serverLacks: ["Run.logLines(useImprovedPagination)"],
    });
  });
  afterAll(() => server.close());
  const client = () => createClient({ baseUrl: server.url, apiKey: "k".repeat(40), retry: { retries: 0 } });

  it("falls back to tails once per client and reads every line", async () => {
    server.requests.length = 0;
    const wb = client();
    expectWhole(await collect(scanRunLogs(wb.run("acme/vision/long"), { pageSize: 100 })), 2500);
    expect(server.requests.map((r) => [r.operationName, r.status])).toEqual([
      ["RunLogPage", 400],
      ["RunLogTail", 200],
    ]);
    // Remembered: the next scan does not ask the improved way again.
    expectWhole(await collect(scanRunLogs(wb.run("acme/vision/short"))), 2500);
    expect(server.requests.map((r) => r.operationName).slice(2)).toEqual(["RunLogTail"]);
  });

  it("the tail works as on any server", async () => {
    const lines = await runLogs(client().run("acme/vision/long"), { last: 3 });
    expect(lines.map((line) => line.text)).toEqual(["out 2497", "out 2498", "out 2499"]);
  });

  it("reaches the newest 10,000 lines of a longer log; the numbers show the gap", async () => {
    const lines = await collect(scanRunLogs(client().run("acme/vision/huge")));
    expect(lines).toHaveLength(10_000);
    expect(lines[0]?.number).toBe(2000);
    expect(lines.at(-1)?.number).toBe(11_999);
  });
});
