// Every filter operator and field of reference §6, through Project.runs and Project.runCount.
import { describe, expect, it } from "vitest";
import { fixtureRuns } from "./fixture-runs.js";
import { gql, useMsw } from "./support.js";

const msw = useMsw();
msw.serve({ runs: fixtureRuns });

const listing = `query Filtered($filters: JSONString) {
  project(name: "lab", entityName: "acme") {
    runCount(filters: $filters)
    runs(filters: $filters, order: "+name", first: 100) { edges { node { name } } }
  }
}`;

/** The run IDs a filter matches (sorted), after checking runCount agrees with the listing. */
async function ids(filters: unknown): Promise<string[]> {
  const text = typeof filters === "string" || filters === null ? filters : JSON.stringify(filters);
  const answer = await gql(listing, { filters: text });
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  const project = answer.body.data?.project as {
    runCount: number;
    runs: { edges: Array<{ node: { name: string } }> };
  };
  const names = project.runs.edges.map((edge) => edge.node.name);
  expect(project.runCount).toBe(names.length);
  return names;
}

/** The error message a filter gets, checking the error shape on the way. */
async function filterError(filters: unknown): Promise<string> {
  const answer = await gql(listing, { filters });
  // An execution error: HTTP 200, the error with its path. runCount is an Int! (W&B's schema), so
  // its error nulls the whole project, as on W&B.
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ project: null });
  expect(answer.body.errors?.map((error) => error.path)).toEqual([["project", "runCount"]]);
  return answer.body.errors?.[0]?.message ?? "";
}

describe("runs filters", () => {
  it("matches everything for {}, null, an empty string and no argument", async () => {
    const all = ["a1", "b2", "c3", "d4", "e5"];
    expect(await ids({})).toEqual(all);
    expect(await ids(null)).toEqual(all);
    expect(await ids("")).toEqual(all);
    const answer = await gql(`{ project(name: "lab", entityName: "acme") { runCount } }`);
    expect(answer.body.data).toEqual({ project: { runCount: 5 } });
  });

  it("reads a bare value as $eq, and takes $eq and $ne", async () => {
    expect(await ids({ name: "c3" })).toEqual(["c3"]);
    expect(await ids({ state: { $eq: "finished" } })).toEqual(["a1", "e5"]);
    expect(await ids({ state: { $ne: "finished" } })).toEqual(["b2", "c3", "d4"]);
  });

  it("takes $in and $nin, on run IDs too", async () => {
    expect(await ids({ name: { $in: ["a1", "e5", "nope", "z9"] } })).toEqual(["a1", "e5"]);
    expect(await ids({ name: { $nin: ["a1", "e5"] } })).toEqual(["b2", "c3", "d4"]);
    expect(await ids({ state: { $in: ["running", "crashed"] } })).toEqual(["b2", "c3"]);
    expect(await ids({ $and: [{ name: { $in: ["a1", "b2"] } }, { state: "running" }] })).toEqual(["b2"]);
  });

  it("compares numbers with $gt, $gte, $lt, $lte", async () => {
    expect(await ids({ "summary_metrics.accuracy": { $gt: 0.9 } })).toEqual(["a1", "e5"]);
    expect(await ids({ "summary_metrics.accuracy": { $gte: 0.7, $lte: 0.91 } })).toEqual(["a1", "b2"]);
    expect(await ids({ "summary_metrics.accuracy": { $lt: 0.7 } })).toEqual(["c3"]);
  });

  it("combines with $and, $or, $nor and several keys", async () => {
    expect(await ids({ $nor: [{ state: "finished" }, { state: "running" }] })).toEqual(["c3", "d4"]);
    expect(
      await ids({ $or: [{ jobType: "eval" }, { $and: [{ state: "finished" }, { tags: "vit" }] }] }),
    ).toEqual(["b2", "e5"]);
    expect(await ids({ username: "alice", jobType: "train" })).toEqual(["a1"]);
  });

  it("matches $regex (a JavaScript RegExp standing in for RE2) with $options", async () => {
    expect(await ids({ display_name: { $regex: "^bert-" } })).toEqual(["a1", "b2"]);
    expect(await ids({ displayName: { $regex: "^BERT", $options: "i" } })).toEqual(["a1", "b2"]);
    expect(await ids({ displayName: { $regex: "net$" } })).toEqual(["c3"]);
  });

  it("tells missing values apart with $exists and null", async () => {
    expect(await ids({ displayName: { $exists: false } })).toEqual(["d4"]);
    expect(await ids({ "config.optimizer.value": { $exists: true } })).toEqual(["a1", "b2", "e5"]);
    expect(await ids({ "summary_metrics.eval": { $exists: true } })).toEqual(["a1", "b2", "e5"]);
    expect(await ids({ group: null })).toEqual(["c3", "d4", "e5"]);
    expect(await ids({ group: { $ne: null } })).toEqual(["a1", "b2"]);
    expect(await ids({ jobType: { $in: [null, "eval"] } })).toEqual(["b2", "c3"]);
  });

  it("treats tags as membership: bare value, $in any of, $nin none of, null for no tags", async () => {
    expect(await ids({ tags: "bert" })).toEqual(["a1", "b2"]);
    expect(await ids({ tags: { $in: ["baseline", "vit"] } })).toEqual(["a1", "e5"]);
    expect(await ids({ tags: { $nin: ["bert"] } })).toEqual(["e5"]);
    expect(await ids({ tags: null })).toEqual(["c3", "d4"]);
    expect(await ids({ tags: { $exists: false } })).toEqual(["c3", "d4"]);
    expect(await ids({ tags: { $regex: "^vi" } })).toEqual(["e5"]);
    // W&B's own "has no tag broken": a missing value matches no comparison, hence the null branch.
    expect(await ids({ tags: { $ne: "broken" } })).toEqual(["a1", "b2"]);
    expect(await ids({ $or: [{ tags: null }, { tags: { $ne: "broken" } }] })).toEqual([
      "a1",
      "b2",
      "c3",
      "d4",
    ]);
  });

  it("reads group, jobType (and job_type), sweep and username", async () => {
    expect(await ids({ group: "g1" })).toEqual(["a1", "b2"]);
    expect(await ids({ jobType: "train" })).toEqual(["a1", "e5"]);
    expect(await ids({ job_type: "sweep" })).toEqual(["d4"]);
    expect(await ids({ jobType: null })).toEqual(["c3"]);
    expect(await ids({ sweep: "sw1" })).toEqual(["d4"]);
    expect(await ids({ username: "alice" })).toEqual(["a1", "d4"]);
    expect(await ids({ username: { $exists: false } })).toEqual(["c3"]);
  });

  it("compares createdAt (and created_at) as instants; zone-less operands are UTC", async () => {
    const range = {
      $and: [{ createdAt: { $gte: "2024-01-20T00:00:00" } }, { createdAt: { $lt: "2024-02-15T12:00:00.5" } }],
    };
    expect(await ids(range)).toEqual(["b2", "c3"]);
    // d4 was created half a second after noon: the fraction counts.
    expect(await ids({ created_at: { $gt: "2024-02-15T12:00:00" } })).toEqual(["d4", "e5"]);
    expect(await ids({ createdAt: "2024-01-05T00:00:00" })).toEqual(["a1"]);
    expect(await ids({ createdAt: { $eq: "2024-01-05T01:00:00+01:00" } })).toEqual(["a1"]);
    expect(await ids({ createdAt: { $lt: "2024-01-06" } })).toEqual(["a1"]);
  });

  it("reads config as config.K.value, config.K, and nested paths below either", async () => {
    expect(await ids({ "config.learning_rate.value": { $lt: 0.01 } })).toEqual(["a1", "e5"]);
    expect(await ids({ "config.learning_rate": { $gte: 0.01 } })).toEqual(["b2", "c3"]);
    expect(await ids({ "config.model.value.depth": 12 })).toEqual(["a1"]);
    expect(await ids({ "config.model.depth": { $gt: 12 } })).toEqual(["b2"]);
    expect(await ids({ "config.model.value": { depth: 12, act: "gelu" } })).toEqual(["a1"]);
    expect(await ids({ "config.batch_size.value": { $in: [32, 128] } })).toEqual(["a1", "c3", "e5"]);
  });

  it("reads summary_metrics keys holding slashes or dots, and nested keys", async () => {
    // c3's NaN loss compares with nothing.
    expect(await ids({ "summary_metrics.train/loss": { $lt: 0.3 } })).toEqual(["a1", "e5"]);
    expect(await ids({ "summary_metrics.eval.f1": { $gte: 0.8 } })).toEqual(["a1", "e5"]);
    expect(await ids({ "summary_metrics.a.b": 3 })).toEqual(["e5"]);
    expect(await ids({ "summary_metrics._step": 0 })).toEqual(["a1", "b2", "c3", "d4", "e5"]);
  });

  it("answers an unknown operator, field or bad operand with a GraphQL error, not a crash", async () => {
    expect(await filterError(JSON.stringify({ state: { $foo: 1 } }))).toContain("unknown operator $foo");
    expect(await filterError(JSON.stringify({ $not: { state: "x" } }))).toContain("unknown operator $not");
    expect(await filterError(JSON.stringify({ nonsense: 1 }))).toContain('unknown run field "nonsense"');
    expect(await filterError(JSON.stringify({ state: { $in: "finished" } }))).toContain(
      "$in on state needs a list",
    );
    expect(await filterError(JSON.stringify({ displayName: { $regex: "(" } }))).toContain(
      "not a valid pattern",
    );
    expect(await filterError(JSON.stringify({ $or: [] }))).toContain("non-empty list");
    expect(await filterError(JSON.stringify({ createdAt: { $gt: "yesterday" } }))).toContain(
      "not an ISO 8601 time",
    );
    expect(await filterError("{not json")).toContain("filters is not valid JSON");
    expect(await filterError({ state: "finished" })).toContain("filters must be a JSON string");
  });
});
