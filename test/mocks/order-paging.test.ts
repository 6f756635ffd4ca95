// The runs `order` argument, cursor pages over the stable sorted list, and their memoization.
import { describe, expect, it } from "vitest";
import { FileStore } from "../../mocks/file-store.js";
import { createMockCore } from "../../mocks/graphql-core.js";
import { mockRun } from "../../mocks/run-helpers.js";
import { RunNode } from "../../mocks/run-node.js";
import { RunQueries } from "../../mocks/run-query.js";
import type { MockRun } from "../../mocks/types.js";
import { fixtureRuns } from "./fixture-runs.js";
import { gql, projectOf, useMsw } from "./support.js";

const msw = useMsw();

const page = `query Page($project: String!, $filters: JSONString, $order: String, $first: Int, $after: String) {
  project(name: $project, entityName: "acme") {
    runs(filters: $filters, order: $order, first: $first, after: $after) {
      edges { cursor node { name } }
      pageInfo { endCursor hasNextPage startCursor hasPreviousPage }
    }
  }
}`;

interface RunsPage {
  edges: Array<{ cursor: string; node: { name: string } }>;
  pageInfo: {
    endCursor: string | null;
    hasNextPage: boolean;
    startCursor: string | null;
    hasPreviousPage: boolean;
  };
}

async function runsPage(variables: Record<string, unknown>): Promise<RunsPage> {
  const answer = await gql(page, { project: "lab", ...variables });
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ runs: RunsPage }>(answer).runs;
}

async function ordered(order: string | null): Promise<string[]> {
  return (await runsPage({ order })).edges.map((edge) => edge.node.name);
}

/** Every page of a listing, following the last edge's cursor as W&B's clients do. */
async function allPages(variables: Record<string, unknown>, maxPages = 500): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const runs = await runsPage({ ...variables, after });
    names.push(...runs.edges.map((edge) => edge.node.name));
    expect(runs.pageInfo.endCursor).toBe(runs.edges.at(-1)?.cursor ?? null);
    if (!runs.pageInfo.hasNextPage) return names;
    after = runs.pageInfo.endCursor;
  }
  throw new Error("too many pages");
}

describe("runs order", () => {
  it("defaults to +created_at, oldest first", async () => {
    msw.serve({ runs: fixtureRuns });
    expect(await ordered(null)).toEqual(["a1", "b2", "c3", "d4", "e5"]);
    expect(await ordered("")).toEqual(["a1", "b2", "c3", "d4", "e5"]);
    expect(await ordered("-created_at")).toEqual(["e5", "d4", "c3", "b2", "a1"]);
    expect(await ordered("createdAt")).toEqual(["a1", "b2", "c3", "d4", "e5"]);
  });

  it("sorts runs without a value last, in either direction", async () => {
    msw.serve({ runs: fixtureRuns });
    expect(await ordered("+display_name")).toEqual(["b2", "a1", "c3", "e5", "d4"]);
    expect(await ordered("-displayName")).toEqual(["e5", "c3", "a1", "b2", "d4"]);
    expect(await ordered("summary_metrics.accuracy")).toEqual(["c3", "b2", "a1", "e5", "d4"]);
    // NaN counts as no value; the two without one fall back to their IDs.
    expect(await ordered("-summary_metrics.train/loss")).toEqual(["b2", "a1", "e5", "c3", "d4"]);
    expect(await ordered("+config.learning_rate.value")).toEqual(["e5", "a1", "c3", "b2", "d4"]);
    expect(await ordered("+state")).toEqual(["c3", "d4", "a1", "e5", "b2"]);
    expect(await ordered("+name")).toEqual(["a1", "b2", "c3", "d4", "e5"]);
    expect(await ordered("-name")).toEqual(["e5", "d4", "c3", "b2", "a1"]);
  });

  it("breaks ties by run ID, ascending, whatever the direction", async () => {
    const created = new Date("2024-06-01T00:00:00Z");
    const runs = ["q", "c", "x", "a", "m"].map((id) => mockRun({ project: "lab", id, createdAt: created }));
    msw.serve({ runs });
    expect(await ordered("+created_at")).toEqual(["a", "c", "m", "q", "x"]);
    expect(await ordered("-created_at")).toEqual(["a", "c", "m", "q", "x"]);
    expect(await ordered("-heartbeat_at")).toEqual(["a", "c", "m", "q", "x"]);
  });

  it("answers an unknown order field with a GraphQL error", async () => {
    msw.serve({ runs: fixtureRuns });
    const answer = await gql(page, { project: "lab", order: "-nonsense" });
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]?.message).toContain('unknown run field "nonsense"');
    expect(answer.body.errors?.[0]?.path).toEqual(["project", "runs"]);
  });
});

describe("runs pages", () => {
  // 137 runs, many sharing a creation time, so only the tie-breaker keeps pages stable.
  const many: MockRun[] = Array.from({ length: 137 }, (_, i) =>
    mockRun({
      project: "lab",
      id: `r${String((i * 37) % 137).padStart(3, "0")}`,
      createdAt: new Date(Date.UTC(2024, 0, 1 + (i % 9))),
      summary: { acc: i % 4 === 0 ? Number.NaN : (i % 13) / 13 },
      tags: i % 2 === 0 ? ["even"] : [],
    }),
  );

  it.each([1, 7, 50, 137, 200])("join to the whole sorted list with first: %i", async (first) => {
    msw.serve({ runs: many });
    const everything = await allPages({ first: 1000, order: "-summary_metrics.acc" });
    expect(everything).toHaveLength(137);
    const paged = await allPages({ first, order: "-summary_metrics.acc" });
    expect(paged).toEqual(everything);
    expect(new Set(paged).size).toBe(137);
  });

  it("page filtered listings too, and say where a page stands", async () => {
    msw.serve({ runs: many });
    const filters = JSON.stringify({ tags: "even" });
    const paged = await allPages({ first: 10, filters });
    expect(paged).toHaveLength(69);
    const first = await runsPage({ first: 10, filters });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.startCursor).toBe(first.edges[0]?.cursor);
    const second = await runsPage({ first: 10, filters, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
  });

  it("answer an empty last page after the end, and first: 0 with nothing", async () => {
    msw.serve({ runs: many });
    const all = await runsPage({ first: 137 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const beyond = await runsPage({ first: 10, after: all.pageInfo.endCursor });
    expect(beyond).toEqual({
      edges: [],
      pageInfo: { endCursor: null, hasNextPage: false, startCursor: null, hasPreviousPage: true },
    });
    const none = await runsPage({ first: 0 });
    expect(none.edges).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(true);
  });

  it("default to 50 runs a page", async () => {
    msw.serve({ runs: many });
    expect((await runsPage({})).edges).toHaveLength(50);
  });

  it("refuse a cursor that is not one, or belongs to another list, and a negative first", async () => {
    msw.serve({ runs: [...many, mockRun({ project: "other", id: "o1" })] });
    const bad = await gql(page, { project: "lab", after: "not-a-cursor" });
    expect(bad.body.errors?.[0]?.message).toContain("invalid cursor");
    const otherCursor = (await runsPage({ first: 1 })).pageInfo.endCursor;
    const foreign = await gql(page, { project: "other", after: otherCursor });
    expect(foreign.body.errors?.[0]?.message).toContain("invalid cursor");
    const negative = await gql(page, { project: "lab", first: -1 });
    expect(negative.body.errors?.[0]?.message).toContain("first must be a non-negative integer");
  });
});

describe("memoized listings", () => {
  it("keep one sorted list per filters and order, so later pages do not sort again", () => {
    const project = { name: "lab", entityName: "acme", projectId: "1" };
    const runs = fixtureRuns
      .slice(0, 5)
      .map(
        (description, i) =>
          new RunNode(description, project, null, i, new FileStore("https://files.test", {})),
      );
    const queries = new RunQueries(runs, new Map(runs.map((run) => [run.name, run])));
    const first = queries.select('{"state": "finished"}', "-created_at");
    expect(queries.select('{"state": "finished"}', "-created_at")).toBe(first);
    expect(queries.select('{"state": "finished"}', "+created_at")).not.toBe(first);
    expect(queries.matching(null)).toBe(queries.matching("{}"));
  });

  it("stream 100,000 runs: pages after the first cost their own size, not a sort", () => {
    const runs: MockRun[] = Array.from({ length: 100_000 }, (_, i) => ({
      entity: "acme",
      project: "big",
      id: `run${i.toString(36).padStart(6, "0")}`,
      createdAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 100_000) * 60_000),
      summary: { acc: (i % 1000) / 1000 },
    }));
    const core = createMockCore({ runs }, { runs: () => [], sweeps: () => [] }, "https://files.test");
    const query = `query ListRuns($after: String) { project(name: "big", entityName: "acme") {
      runs(order: "-summary_metrics.acc", first: 50, after: $after) { edges { cursor node { name createdAt } } pageInfo { endCursor hasNextPage } } } }`;
    const started = performance.now();
    let after: string | null = null;
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const answer = core.handle({
        method: "POST",
        header: () => undefined,
        bodyText: JSON.stringify({ query, variables: { after } }),
        origin: "https://api.wandb.ai",
      });
      if (answer.kind !== "respond") throw new Error("dropped");
      const body = JSON.parse(answer.body) as { data: { project: { runs: RunsPage } } };
      for (const edge of body.data.project.runs.edges) seen.add(edge.node.name);
      after = body.data.project.runs.pageInfo.endCursor;
    }
    expect(seen.size).toBe(5000);
    expect(performance.now() - started).toBeLessThan(30_000);
    const [first, ...later] = core.requests.map((request) => request.handlerMs);
    const median = later.sort((a, b) => a - b)[Math.floor(later.length / 2)] ?? 0;
    // The first page sorts 100,000 runs; the others slice the kept list.
    expect(median * 5).toBeLessThan(first ?? 0);
  });
});
