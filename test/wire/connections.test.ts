// Connection pages read at the edge: a null where the schema promises a value names its path.
import { describe, expect, it } from "vitest";
import { WandbResponseError } from "../../src/index.js";
import { readConnection } from "../../src/wire/connections.js";

const source = { path: "p1.runs", operation: "RunsByName" };
const pageInfo = { endCursor: "c", hasNextPage: false };

describe("readConnection", () => {
  it("hands on the answer's own edges when none is left out", () => {
    const edges = [{ node: { name: "a" } }, { node: { name: "b" }, cursor: "cb" }];
    const page = readConnection<{ node: { name: string } }>({ edges, pageInfo }, source, "error");
    expect(page?.edges).toBe(edges);
    expect(page).toMatchObject({ hasNextPage: false, endCursor: "c", lastEdgeCursor: "cb" });
  });

  it("leaves out null nodes where the schema allows them, and keeps order", () => {
    const edges = [{ node: { id: 1 } }, { node: null }, { node: { id: 3 } }];
    const page = readConnection<{ node: { id: number } }>({ edges, pageInfo }, source, "skip");
    expect(page?.edges.map((edge) => edge.node.id)).toEqual([1, 3]);
  });

  it("reads a null connection as null", () => {
    expect(readConnection(null, source, "error")).toBeNull();
  });

  it.each([
    { name: "null edges", value: { edges: null, pageInfo }, path: "p1.runs.edges" },
    { name: "null pageInfo", value: { edges: [], pageInfo: null }, path: "p1.runs.pageInfo" },
    {
      name: "hasNextPage missing",
      value: { edges: [], pageInfo: { endCursor: null } },
      path: "p1.runs.pageInfo.hasNextPage",
    },
    {
      name: "a numeric cursor",
      value: { edges: [], pageInfo: { endCursor: 5, hasNextPage: true } },
      path: "p1.runs.pageInfo.endCursor",
    },
    { name: "a null edge", value: { edges: [null], pageInfo }, path: "p1.runs.edges.0" },
    {
      name: "a null node",
      value: { edges: [{ node: {} }, { node: null }], pageInfo },
      path: "p1.runs.edges.1.node",
    },
    { name: "a string node", value: { edges: [{ node: "x" }], pageInfo }, path: "p1.runs.edges.0.node" },
    { name: "a connection that is a string", value: "runs", path: "p1.runs" },
  ])("$name is a WandbResponseError naming $path", ({ value, path }) => {
    let thrown: unknown;
    try {
      readConnection(value, source, "error");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WandbResponseError);
    expect((thrown as WandbResponseError).field).toBe(path);
    expect((thrown as Error).message).toContain(` at ${path},`);
  });
});
