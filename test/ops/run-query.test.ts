// client.runs(): server-side filters and order, cursor paging, priming, count, limit.
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  ProjectNotFoundError,
  runConfig,
  runCreatedAt,
  runJobType,
  runName,
  runState,
  runUser,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const base = Date.UTC(2024, 0, 1);
const runs = Array.from({ length: 130 }, (_, i) => ({
  entity: "acme",
  project: "sweep",
  id: `s${String(i).padStart(4, "0")}`,
  displayName: `sweep-${i}`,
  // Created out of index order, so ordering is visible.
  createdAt: new Date(base + ((i * 37) % 130) * 3_600_000),
  heartbeatAt: new Date(base + ((i * 37) % 130) * 3_600_000 + 60_000),
  state: i % 4 === 0 ? "crashed" : "finished",
  jobType: i % 2 === 0 ? "train" : "eval",
  tags: i % 5 === 0 ? ["baseline"] : [],
  group: null,
  user: { username: i % 3 === 0 ? "john_doe" : "jane", name: i % 3 === 0 ? "John Doe" : "Jane" },
  config: { learning_rate: i % 2 === 0 ? 0.02 : 0.001, batch_size: 32 },
  summary: { accuracy: i / 130, "train/loss": 1 - i / 130 },
}));
const mock = useMockWandb({ runs });

describe("client.runs()", () => {
  it("lists every run oldest first by default, paging with cursors, each run primed", async () => {
    const wb = mockClient();
    const listed = await wb.runs("acme/sweep").toArray();
    expect(listed).toHaveLength(130);
    expect(mock.requests.map((r) => r.operationName)).toEqual(["ListRuns", "ListRuns", "ListRuns"]);
    expect(mock.requests[0]?.variables).toMatchObject({
      order: "+created_at",
      first: 50,
      filters: "{}",
      after: null,
    });
    const created = await Promise.all(listed.map((run) => runCreatedAt(run)));
    expect(created.map((d) => d.getTime())).toEqual(
      [...created.map((d) => d.getTime())].sort((a, b) => a - b),
    );
    // Light fields come with the page: no request for any of these.
    await Promise.all(listed.flatMap((run) => [runName(run), runState(run), runJobType(run), runUser(run)]));
    expect(mock.requests).toHaveLength(3);
    // Heavy fields are fetched lazily, batched.
    await Promise.all(listed.map((run) => runConfig(run)));
    expect(mock.requests).toHaveLength(6);
  });

  it("sends filters and order to the server and honours limit and pageSize", async () => {
    const wb = mockClient();
    const query = wb.runs("acme/sweep", {
      filters: {
        $and: [
          { jobType: "train" },
          { "config.learning_rate.value": { $gt: 0.01 } },
          { state: { $ne: "crashed" } },
        ],
      },
      order: "-summary_metrics.accuracy",
      pageSize: 10,
      limit: 25,
    });
    const listed = await query.toArray();
    expect(listed).toHaveLength(25);
    const expected = runs
      .filter((r, i) => i % 2 === 0 && r.state !== "crashed")
      .sort((a, b) => b.summary.accuracy - a.summary.accuracy)
      .slice(0, 25)
      .map((r) => r.id);
    expect(listed.map((run) => run.id)).toEqual(expected);
    expect(mock.requests).toHaveLength(3);
    expect(mock.requests.map((r) => r.variables.first)).toEqual([10, 10, 5]);
    await expect(query.count()).resolves.toBe(
      runs.filter((r, i) => i % 2 === 0 && r.state !== "crashed").length,
    );
  });

  it("filters on tags membership, users, regex, dates and summary keys with slashes", async () => {
    const wb = mockClient();
    const ids = async (filters: Record<string, unknown>) =>
      (await wb.runs("acme/sweep", { filters: filters as never }).toArray()).map((run) => run.id).sort();
    expect(await ids({ tags: "baseline" })).toEqual(
      runs
        .filter((_, i) => i % 5 === 0)
        .map((r) => r.id)
        .sort(),
    );
    expect((await ids({ username: "john_doe" })).length).toBe(44);
    expect(await ids({ display_name: { $regex: "^sweep-12[0-9]$" } })).toEqual(
      Array.from({ length: 10 }, (_, i) => `s${String(120 + i).padStart(4, "0")}`),
    );
    expect((await ids({ "summary_metrics.train/loss": { $lt: 0.05 } })).length).toBe(
      runs.filter((r) => r.summary["train/loss"] < 0.05).length,
    );
    const since = new Date(base + 120 * 3_600_000);
    expect((await ids({ createdAt: { $gte: since } })).length).toBe(10);
  });

  it("iterates lazily: breaking early sends no further page", async () => {
    const wb = mockClient();
    let seen = 0;
    for await (const run of wb.runs("acme/sweep", { pageSize: 20 })) {
      expect(run.path).toMatch(/^acme\/sweep\/s\d{4}$/);
      if (++seen === 5) break;
    }
    expect(mock.requests).toHaveLength(1);
  });

  it("counts with the server's runCount", async () => {
    await expect(mockClient().runs("acme/sweep").count()).resolves.toBe(130);
    expect(mock.requests.map((r) => r.operationName)).toEqual(["RunCount"]);
  });

  it("raises ProjectNotFoundError for a project the server does not know", async () => {
    await expect(mockClient().runs("acme/nothing").toArray()).rejects.toBeInstanceOf(ProjectNotFoundError);
  });

  it("refuses bad options before any request", () => {
    const wb = mockClient();
    expect(() => wb.runs("acme/sweep", { pageSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => wb.runs("acme/sweep", { limit: -1 })).toThrow(/limit must be a whole number >= 1/);
    expect(() => wb.runs("acme/sweep", { order: "created at" })).toThrow(/order must be/);
    expect(() => wb.runs("acme/sweep", { filters: { x: undefined } as never })).toThrow(
      /filters.x is undefined/,
    );
    expect(() => wb.runs("acme/sweep", { filters: { x: Number.NaN } })).toThrow(/cannot be sent as JSON/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => wb.runs("acme/sweep", { filters: cyclic as never })).toThrow(/refers to itself/);
    expect(() => wb.runs("acme/sweep", { filters: { x: new Map() } as never })).toThrow(
      /a Map cannot be sent/,
    );
    expect(() => wb.runs("acme/sweep", { filters: { x: 1n } as never })).toThrow(/a bigint cannot be sent/);
    expect(() => wb.runs("acme/sweep", { pagesize: 5 } as never)).toThrow(/unknown runs option "pagesize"/);
    expect(() => wb.runs("a/b/c")).toThrow(InvalidArgumentError);
    expect(mock.requests).toHaveLength(0);
  });
});
