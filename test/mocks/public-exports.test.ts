// The mocks as a user's project gets them: only `wandb-query/mocks` and `wandb-query/mocks/msw`
// (resolved through the package's exports to dist) and msw.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mocks from "wandb-query/mocks";
import { demoFacts, demoRuns, type MockRun, mockHistory, mockRun, startMockServer } from "wandb-query/mocks";
import { createMockWandb } from "wandb-query/mocks/msw";

const runs: MockRun[] = [
  mockRun({
    id: "r1",
    summary: { acc: 0.9, loss: Number.NaN },
    history: mockHistory(3, (step) => ({ loss: 1 / (step + 1) })),
  }),
];
const wandb = createMockWandb({ runs, apiKey: "k".repeat(40) });
const server = setupServer(...wandb.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const query = `query Summary { project(name: "vision", entityName: "acme") { run(name: "r1") { summaryMetrics historyLineCount } } }`;
const authorization = `Basic ${Buffer.from(`api:${"k".repeat(40)}`).toString("base64")}`;

describe("wandb-query/mocks", () => {
  it("keeps the msw handlers off wandb-query/mocks, which imports no msw", () => {
    expect("createMockWandb" in mocks).toBe(false);
  });

  it("answers through msw at any origin, at /graphql only (as W&B does)", async () => {
    const misplaced = await fetch("https://wandb.example.com/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query }),
    });
    expect(misplaced.status).toBe(404);
    expect(await misplaced.text()).toContain("W&B answers GraphQL at /graphql");
    expect(wandb.requests).toHaveLength(0);
    const response = await fetch("https://wandb.example.com/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { project: { run: { summaryMetrics: string; historyLineCount: number } } };
    };
    expect(body.data.project.run.historyLineCount).toBe(3);
    expect(body.data.project.run.summaryMetrics).toContain('"loss": NaN');
    expect(wandb.requests).toHaveLength(1);
    expect(wandb.requests[0]).toMatchObject({
      operationName: "Summary",
      runs: ["acme/vision/r1"],
      status: 200,
    });
    expect(wandb.runs).toBe(runs);
  });

  it("exports the demo dataset and its facts", () => {
    expect(demoRuns()).toHaveLength(demoFacts.totalRuns);
    expect(demoFacts.knownRun.path).toBe("acme/vision/1mbku38n");
  });

  it("starts and closes the loopback server from the build", async () => {
    // msw intercepts every fetch in this file, so the socket itself is exercised by the
    // packaging check (test/mocks/packaging.test.ts) instead.
    const mock = await startMockServer({ runs });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.requests).toEqual([]);
    await mock.close();
  });
});
