// Hostile servers on 127.0.0.1 against every page loop of the SDK (issue #12, items 1 and 4):
// cursors that cycle or do not move, pages that bring nothing new while claiming more, listings
// past what the server said it holds, and nulls where a connection promises a value. Each ends in
// a WandbResponseError within a few requests; none pages forever or escapes as a TypeError.
// Every server stops answering properly after `requestCap` requests, so a regression fails the
// test (wrong error, too many requests) instead of hanging it.
import { describe, expect, it } from "vitest";
import {
  createClient,
  runLoggedArtifactVersions,
  runName,
  scanRunHistory,
  WandbResponseError,
} from "../../src/index.js";
import { ceilingFor, fruitlessPageLimit } from "../../src/loaders/paging.js";
import {
  artifactVersionNode,
  type GraphQLCall,
  lightRunNode,
  readGraphQLCall,
  replyJson,
  useLoopbackServers,
} from "../helpers/loopback.js";

const apiKey = "hostile-0123456789abcdef0123456789abcdef0123";
const requestCap = 40;
const loopback = useLoopbackServers();

/** A server whose every answer `script` writes; past `requestCap` requests it answers an error. */
async function hostile(script: (request: GraphQLCall, index: number) => unknown) {
  const received: GraphQLCall[] = [];
  const baseUrl = await loopback.listen(async (req, res) => {
    const request = await readGraphQLCall(req);
    received.push(request);
    if (received.length > requestCap) {
      replyJson(res, 200, { errors: [{ message: "probe: too many requests, the client is looping" }] });
      return;
    }
    replyJson(res, 200, { data: script(request, received.length - 1) });
  });
  const client = createClient({ apiKey, baseUrl, retry: false });
  return { client, received };
}

/** How a promise settled: its value, or the error it was rejected with. */
async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

async function listAll(client: ReturnType<typeof createClient>, project = "acme/p") {
  const ids: string[] = [];
  const result = await outcome(
    (async () => {
      for await (const run of client.runs(project)) ids.push(run.id);
    })(),
  );
  return { ids, error: result.error };
}

function expectResponseError(error: unknown, message: RegExp, field?: string): void {
  expect(error).toBeInstanceOf(WandbResponseError);
  expect((error as Error).message).toMatch(message);
  if (field !== undefined) expect((error as WandbResponseError).field).toBe(field);
}

const runsPage = (names: string[], cursor: string | null, hasNextPage: boolean) => ({
  edges: names.map((name) => ({ cursor, node: lightRunNode(name) })),
  pageInfo: { endCursor: cursor, hasNextPage },
});

/** Runs connections with a null where the schema promises a value, and the path each names. */
const brokenRunConnections = [
  {
    name: "null edges",
    runs: { edges: null, pageInfo: { endCursor: null, hasNextPage: false } },
    field: "project.runs.edges",
  },
  { name: "null pageInfo", runs: { edges: [], pageInfo: null }, field: "project.runs.pageInfo" },
  {
    name: "a null node",
    runs: { edges: [{ cursor: "c", node: null }], pageInfo: { endCursor: "c", hasNextPage: false } },
    field: "project.runs.edges.0.node",
  },
];

describe("client.runs()", () => {
  it("stops a cursor that cycles A, B, A while every page brings new runs", async () => {
    const cycle = ["A", "B"];
    const { client, received } = await hostile((_request, index) => ({
      project: { runCount: 1000, runs: runsPage([`r${index}`], cycle[index % 2] as string, true) },
    }));
    const { ids, error } = await listAll(client);
    expectResponseError(error, /go round in a cycle: cursor A came back/);
    expect(received).toHaveLength(3);
    expect(ids).toEqual(["r0", "r1", "r2"]);
  });

  it("stops pages that bring no new run while claiming more, after a small bound", async () => {
    const { client, received } = await hostile((_request, index) => ({
      project: { runCount: 1000, runs: runsPage(index === 0 ? ["a"] : ["a"], `c${index}`, true) },
    }));
    const { ids, error } = await listAll(client);
    expectResponseError(error, /in a row brought nothing new/);
    expect(received).toHaveLength(fruitlessPageLimit + 1);
    expect(ids).toEqual(["a"]);
  });

  it("stops a listing that goes on past the runs W&B counted", async () => {
    const { client, received } = await hostile((_request, index) => ({
      project: { runCount: 5, runs: runsPage([`r${index}`], `c${index}`, true) },
    }));
    const { ids, error } = await listAll(client);
    expectResponseError(error, /W&B counted 5 runs/);
    expect(received).toHaveLength(ceilingFor(5, "").pages);
    expect(ids).toHaveLength(received.length);
    // Only the first page asks for the count.
    expect(received.map((request) => request.variables.withCount)).toEqual(
      received.map((_request, index) => index === 0),
    );
  });

  it.each(brokenRunConnections)(
    "reads $name as a WandbResponseError naming $field",
    async ({ runs, field }) => {
      const { client, received } = await hostile(() => ({ project: { runCount: 1, runs } }));
      const { error } = await listAll(client);
      expectResponseError(error, /W&B's answer has null at/, field);
      expect(received).toHaveLength(1);
    },
  );
});

/** The RunsByName answer for the names a request asks for, through `page`. */
function batchAnswer(page: (names: string[], index: number) => unknown) {
  return (request: GraphQLCall, index: number) => {
    const filters = JSON.parse(request.variables.filters as string) as { name: { $in: string[] } };
    return { project: { runs: page(filters.name.$in, index) } };
  };
}

describe("a batch's further run pages", () => {
  it("fail the runs still missing when pages bring none of them while claiming more", async () => {
    const { client, received } = await hostile(
      batchAnswer((_names, index) => runsPage(["not-asked"], `c${index}`, true)),
    );
    const { error } = await outcome(runName(client.run("acme/p/wanted")));
    expectResponseError(error, /runs asked for in acme\/p in a row brought nothing new/);
    expect(received).toHaveLength(fruitlessPageLimit);
  });

  it("answer the runs that came and fail the rest when the cursor cycles", async () => {
    const cycle = ["A", "B"];
    const { client, received } = await hostile(
      batchAnswer((names, index) => runsPage([names[index] as string], cycle[index % 2] as string, true)),
    );
    const runs = ["r1", "r2", "r3", "r4"].map((id) => client.run(`acme/p/${id}`));
    const results = await Promise.all(runs.map((run) => outcome(runName(run))));
    expect(results.slice(0, 3).map((result) => result.value)).toEqual(["r1", "r2", "r3"]);
    expectResponseError(results[3]?.error, /cycle: cursor A came back/);
    expect(received).toHaveLength(3);
  });

  it.each(brokenRunConnections)(
    "read $name as a WandbResponseError naming $field, for every run of the part",
    async ({ runs, field }) => {
      const { client, received } = await hostile(() => ({ project: { runs } }));
      const results = await Promise.all(["a", "b"].map((id) => outcome(runName(client.run(`acme/p/${id}`)))));
      for (const result of results) expectResponseError(result.error, /W&B's answer has null at/, field);
      expect(received).toHaveLength(1);
    },
  );

  it("fail only the part whose connection is broken: the other project's runs are answered", async () => {
    const { client, received } = await hostile((request) => {
      const parts: Record<string, unknown> = {};
      for (const alias of ["p0", "p1"]) {
        const project = request.variables[`project_${alias.slice(1)}`];
        const filters = JSON.parse(request.variables[`filters_${alias.slice(1)}`] as string) as {
          name: { $in: string[] };
        };
        parts[alias] = {
          runs:
            project === "broken"
              ? { edges: null, pageInfo: { endCursor: null, hasNextPage: false } }
              : runsPage(filters.name.$in, null, false),
        };
      }
      return parts;
    });
    const [good, bad] = await Promise.all([
      outcome(runName(client.run("acme/fine/r1"))),
      outcome(runName(client.run("acme/broken/r2"))),
    ]);
    expect(good.value).toBe("r1");
    expectResponseError(bad.error, /null at p\d\.runs\.edges/);
    expect(received).toHaveLength(1);
  });
});

function artifactNode(index: number) {
  return artifactVersionNode({
    id: `QXJ0aWZhY3Q6${index}`,
    versionIndex: index,
    digest: `digest-${index}`,
    aliases: [],
  });
}

const artifactPage = (
  versions: number[],
  cursor: string | null,
  hasNextPage: boolean,
  totalCount = 1000,
) => ({
  totalCount,
  pageInfo: { endCursor: cursor, hasNextPage },
  edges: versions.map((version) => ({ node: artifactNode(version) })),
});

describe("a run's further artifact pages", () => {
  function withFirstPage(first: unknown) {
    return (request: GraphQLCall) => {
      const edge = { cursor: null, node: { ...lightRunNode("r1"), outputArtifacts: first } };
      return request.operationName === "RunsByName"
        ? { project: { runs: { edges: [edge], pageInfo: { endCursor: null, hasNextPage: false } } } }
        : undefined;
    };
  }

  async function server(first: unknown, next: (index: number) => unknown) {
    let pages = 0;
    const firstPage = withFirstPage(first);
    return hostile(
      (request) => firstPage(request) ?? { project: { run: { name: "r1", outputArtifacts: next(pages++) } } },
    );
  }

  it("stop a cursor that cycles while every page brings new versions", async () => {
    const cycle = ["B", "A"];
    const { client, received } = await server(artifactPage([0], "A", true), (index) =>
      artifactPage([index + 1], cycle[index % 2] as string, true),
    );
    const { error } = await outcome(runLoggedArtifactVersions(client.run("acme/p/r1")));
    expectResponseError(error, /outputArtifacts of run acme\/p\/r1 go round in a cycle/);
    expect(received).toHaveLength(3);
  });

  it("stop pages that bring no new version while claiming more", async () => {
    const { client, received } = await server(artifactPage([0], "c", true), (index) =>
      artifactPage([0], `c${index}`, true),
    );
    const { error } = await outcome(runLoggedArtifactVersions(client.run("acme/p/r1")));
    expectResponseError(error, /in a row brought nothing new/);
    // The batch's page brought version 0; the pages after it bring it again.
    expect(received).toHaveLength(1 + fruitlessPageLimit);
  });

  it("stop past the versions W&B counted (totalCount)", async () => {
    const { client, received } = await server(artifactPage([0], "c", true, 3), (index) =>
      artifactPage([index + 1], `c${index}`, true, 3),
    );
    const { error } = await outcome(runLoggedArtifactVersions(client.run("acme/p/r1")));
    expectResponseError(error, /W&B counted 3 versions/);
    // The batch brought the first page; every page after it is a request of its own.
    expect(received).toHaveLength(ceilingFor(3, "").pages);
  });

  it.each([
    {
      name: "null edges on the batch's page",
      first: { totalCount: 1, pageInfo: { endCursor: null, hasNextPage: false }, edges: null },
      next: undefined,
      field: "project.runs.edges.0.node.outputArtifacts.edges",
      requests: 1,
    },
    {
      name: "null pageInfo on the batch's page",
      first: { totalCount: 1, pageInfo: null, edges: [] },
      next: undefined,
      field: "project.runs.edges.0.node.outputArtifacts.pageInfo",
      requests: 1,
    },
    {
      name: "null edges on a later page",
      first: artifactPage([0], "c", true),
      next: { totalCount: 1, pageInfo: { endCursor: null, hasNextPage: false }, edges: null },
      field: "project.run.outputArtifacts.edges",
      requests: 2,
    },
  ])("read $name as a WandbResponseError naming $field", async ({ first, next, field, requests }) => {
    const { client, received } = await server(first, () => next);
    const { error } = await outcome(runLoggedArtifactVersions(client.run("acme/p/r1")));
    expectResponseError(error, /W&B's answer has null at/, field);
    expect(received).toHaveLength(requests);
  });
});

describe("scanRunHistory", () => {
  it("refuses a last step that is not a whole number instead of scanning toward it forever", async () => {
    const { client, received } = await hostile(() => ({
      project: {
        run: { name: "r1", history: [], historyKeys: null, lastStepSummary: '{"_step": Infinity}' },
      },
    }));
    const rows: unknown[] = [];
    const { error } = await outcome(
      (async () => {
        for await (const row of scanRunHistory(client.run("acme/p/r1"), { source: "pages" })) rows.push(row);
      })(),
    );
    expectResponseError(error, /gave Infinity as the last step/);
    expect(received).toHaveLength(1);
  });
});
