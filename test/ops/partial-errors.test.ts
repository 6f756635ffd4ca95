// GraphQL `errors` that come with partial data fail only what their `path` points at.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, runName, runSummary, WandbGraphQLError } from "../../src/index.js";
import { lightRunNode } from "../helpers/loopback.js";

interface Answer {
  errors?: Array<{ message: string; path?: Array<string | number> }>;
  /** As a server must when a non-null `node` fails: the nullable connection becomes null. */
  nullRuns?: boolean;
}
let answer: Answer = {};
let requests = 0;

function node(name: string, index: number) {
  const summaryFails = index === 1 && answer.errors?.some((e) => e.path?.[5] === "summaryMetrics");
  return lightRunNode(name, {
    displayName: `display-${name}`,
    summaryMetrics: summaryFails ? null : `{"acc": ${index}}`,
  });
}

const server = setupServer(
  http.post("*/graphql", async ({ request }) => {
    requests++;
    const { variables } = (await request.json()) as { variables: { filters: string } };
    const names = (JSON.parse(variables.filters) as { name: { $in: string[] } }).name.$in;
    const edges = names.map((name, index) => ({ node: node(name, index) }));
    const runs = answer.nullRuns ? null : { pageInfo: { endCursor: null, hasNextPage: false }, edges };
    return HttpResponse.json({
      data: { project: { runs } },
      errors: answer.errors,
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  answer = {};
  requests = 0;
});
afterAll(() => server.close());

function batch() {
  const wb = createClient({ apiKey: "k".repeat(40), retry: false });
  const runs = ["r0", "r1", "r2"].map((id) => wb.run(`acme/p/${id}`));
  return Promise.allSettled(runs.flatMap((run) => [runName(run), runSummary(run)]));
}

describe("GraphQL errors with partial data", () => {
  it("an error on one run's field fails that field of that run only", async () => {
    answer = {
      errors: [
        { message: "summary too large", path: ["project", "runs", "edges", 1, "node", "summaryMetrics"] },
      ],
    };
    const [name0, summary0, name1, summary1, name2, summary2] = await batch();
    expect(requests).toBe(1);
    expect(name0).toEqual({ status: "fulfilled", value: "display-r0" });
    expect(summary0).toEqual({ status: "fulfilled", value: { acc: 0 } });
    expect(name1).toEqual({ status: "fulfilled", value: "display-r1" });
    expect(summary1?.status).toBe("rejected");
    const error = (summary1 as PromiseRejectedResult).reason as WandbGraphQLError;
    expect(error).toBeInstanceOf(WandbGraphQLError);
    expect(error.runPath).toBe("acme/p/r1");
    expect(error.errors[0]?.message).toBe("summary too large");
    expect(name2).toEqual({ status: "fulfilled", value: "display-r2" });
    expect(summary2).toEqual({ status: "fulfilled", value: { acc: 2 } });
  });

  it("an error inside one run's non-null node nulls the connection: every run gets the error, not 'not found'", async () => {
    answer = {
      errors: [{ message: "run hidden", path: ["project", "runs", "edges", 2, "node", "id"] }],
      nullRuns: true,
    };
    const results = await batch();
    expect(results.map((result) => result.status)).toEqual(Array(6).fill("rejected"));
    for (const result of results) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
      expect(((result as PromiseRejectedResult).reason as Error).message).toMatch(/run hidden/);
    }
  });

  it("an error that points nowhere fails the whole batch: no answer in it can be trusted", async () => {
    answer = { errors: [{ message: "internal error" }] };
    const results = await batch();
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
  });
});
