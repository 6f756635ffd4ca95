import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createClient } from "wandb-query";
import { mockRun } from "wandb-query/mocks";
import { createMockWandb } from "wandb-query/mocks/msw";

const apiKey = "test-key-0123456789012345678901234567890";
const wandb = createMockWandb({
  apiKey, // requests without this key get HTTP 401
  runs: [
    mockRun({ entity: "acme", project: "vision", id: "r1", summary: { accuracy: 0.95, loss: Number.NaN } }),
    mockRun({ entity: "acme", project: "vision", id: "r2", state: "crashed", user: null }),
  ],
});
const server = setupServer(...wandb.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => wandb.reset()); // clears wandb.requests and rewinds any faults
afterAll(() => server.close());

it("asks W&B once for the viewer", async () => {
  const wb = createClient({ apiKey, baseUrl: "https://api.wandb.ai" });
  expect(await wb.viewer()).toMatchObject({ username: "john_doe", entity: "acme" });
  expect(wandb.requests.length).toBe(1);
  expect(wandb.requests[0]?.operationName).toBe("Viewer");
});

it("answers any GraphQL query the schema accepts", async () => {
  const response = await fetch("https://api.wandb.ai/graphql", {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`api:${apiKey}`)}`, "content-type": "application/json" },
    body: JSON.stringify({
      query: `query Crashed($filters: JSONString) {
        project(name: "vision", entityName: "acme") { runCount(filters: $filters) }
      }`,
      variables: { filters: JSON.stringify({ state: "crashed" }) },
    }),
  });
  expect(await response.json()).toEqual({ data: { project: { runCount: 1 } } });
  expect(wandb.requests.map((request) => request.operationName)).toEqual(["Crashed"]);
});
