// A run's fields in W&B's wire forms, projections, users, the viewer, projects and ids.
import { describe, expect, it } from "vitest";
import { mockHistory, mockRun } from "../../mocks/run-helpers.js";
import { gql, parseJsonString, projectOf, useMsw } from "./support.js";

const msw = useMsw();

const runFields = `query RunFields($project: String!, $run: String!) {
  project(name: $project, entityName: "acme") {
    run(name: $run) {
      id name displayName projectId state tags group jobType sweepName notes commit host readOnly
      createdAt heartbeatAt updatedAt historyLineCount computeSeconds
      user { id name username email entity }
      config summaryMetrics systemMetrics wandbConfig
      project { name entityName entity { name } }
    }
  }
}`;

async function run(id: string, project = "vision"): Promise<Record<string, unknown>> {
  const answer = await gql(runFields, { project, run: id });
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ run: Record<string, unknown> }>(answer).run;
}

describe("run wire forms", () => {
  it("fills every field with its documented default", async () => {
    msw.serve({ runs: [mockRun({ id: "plain" })] });
    const fields = await run("plain");
    expect(fields).toMatchObject({
      id: Buffer.from("Run:v1:plain:vision:acme").toString("base64"),
      name: "plain",
      displayName: "plain",
      state: "finished",
      tags: [],
      group: null,
      jobType: null,
      sweepName: null,
      notes: null,
      commit: null,
      host: null,
      readOnly: false,
      createdAt: "2024-01-01T00:00:00",
      heartbeatAt: "2024-01-01T01:00:00",
      updatedAt: "2024-01-01T01:00:00",
      historyLineCount: 0,
      computeSeconds: 3600,
      // The default run user is the default viewer, whose address the viewer sees.
      user: { name: "John Doe", username: "john_doe", email: "john.doe@example.com", entity: "acme" },
      systemMetrics: "{}",
      project: { name: "vision", entityName: "acme", entity: { name: "acme" } },
    });
    expect(fields.projectId).toMatch(/^\d+$/);
  });

  it("sends Date times zone-less with whole seconds, and strings verbatim", async () => {
    msw.serve({
      runs: [
        mockRun({
          id: "dates",
          createdAt: new Date("2024-05-02T14:03:11.789Z"),
          heartbeatAt: new Date("2024-05-02T15:47:58Z"),
        }),
        mockRun({
          id: "nine",
          createdAt: "2024-08-15T10:00:00.123456789",
          heartbeatAt: "2024-08-15T11:00:00Z",
        }),
        mockRun({ id: "pending", state: "pending" }),
      ],
    });
    expect(await run("dates")).toMatchObject({
      createdAt: "2024-05-02T14:03:11",
      heartbeatAt: "2024-05-02T15:47:58",
    });
    expect(await run("nine")).toMatchObject({
      createdAt: "2024-08-15T10:00:00.123456789",
      heartbeatAt: "2024-08-15T11:00:00Z",
    });
    expect(await run("pending")).toMatchObject({ heartbeatAt: null, computeSeconds: 0 });
  });

  it("wraps config keys as {value, desc}, with W&B's _wandb bag and a bare wandb_version", async () => {
    msw.serve({
      runs: [mockRun({ id: "cfg", config: { lr: 0.1, model: { depth: 12, act: "gelu" }, note: "NaN" } })],
    });
    const fields = await run("cfg");
    const config = parseJsonString(fields.config) as Record<string, unknown>;
    expect(Object.keys(config)).toEqual(["wandb_version", "lr", "model", "note", "_wandb"]);
    expect(config.wandb_version).toBe(1);
    expect(config.lr).toEqual({ value: 0.1, desc: null });
    expect(config.model).toEqual({ value: { depth: 12, act: "gelu" }, desc: null });
    // A string "NaN" in a config stays a string on the wire.
    expect(config.note).toEqual({ value: "NaN", desc: null });
    expect(config._wandb).toEqual({
      value: expect.objectContaining({
        cli_version: "0.19.1",
        python_version: "3.11.9",
        m: [],
        t: expect.any(Object),
      }),
    });
    // Python's separators, as W&B writes JSONString fields.
    expect(fields.config).toContain('"lr": {"value": 0.1, "desc": null}');
    expect(parseJsonString(fields.wandbConfig)).toMatchObject({ cli_version: "0.19.1" });
  });

  it('writes non-finite summary numbers as bare tokens and keeps strings "NaN" as strings', async () => {
    msw.serve({
      runs: [
        mockRun({
          id: "nan",
          summary: {
            loss: Number.NaN,
            up: Number.POSITIVE_INFINITY,
            down: Number.NEGATIVE_INFINITY,
            text: "NaN",
          },
        }),
      ],
    });
    const text = (await run("nan")).summaryMetrics as string;
    expect(text).toContain('"loss": NaN');
    expect(text).toContain('"up": Infinity');
    expect(text).toContain('"down": -Infinity');
    expect(text).toContain('"text": "NaN"');
    expect(() => JSON.parse(text)).toThrow();
    const summary = parseJsonString(text) as Record<string, unknown>;
    expect(summary.loss).toBeNaN();
    expect(summary.up).toBe(Number.POSITIVE_INFINITY);
    expect(summary.text).toBe("NaN");
  });

  it("adds _step, _runtime, _timestamp and _wandb to the summary unless given", async () => {
    msw.serve({
      runs: [
        mockRun({
          id: "s",
          createdAt: new Date("2024-01-01T00:00:00Z"),
          heartbeatAt: new Date("2024-01-01T00:10:00Z"),
          history: mockHistory(5, (step) => ({ loss: 1 / (step + 1) }), 10),
          summary: { acc: 0.5 },
        }),
        mockRun({ id: "given", summary: { _step: 7, _runtime: 12.5 } }),
      ],
    });
    expect(parseJsonString((await run("s")).summaryMetrics)).toEqual({
      _step: 14,
      _runtime: 600,
      _timestamp: 1704067800,
      _wandb: { runtime: 600 },
      acc: 0.5,
    });
    const given = await run("given");
    expect(parseJsonString(given.summaryMetrics)).toMatchObject({ _step: 7, _runtime: 12.5 });
    // Without a heartbeat of its own, a run's heartbeat is its creation plus summary _runtime.
    expect(given.heartbeatAt).toBe("2024-01-01T00:00:12");
  });

  it("projects config(keys:) and summaryMetrics(keys:) to the top-level keys asked for", async () => {
    msw.serve({ runs: [mockRun({ id: "p", config: { a: 1, b: 2 }, summary: { x: 1, "train/loss": 2 } })] });
    const answer = await gql(`{ project(name: "vision", entityName: "acme") { run(name: "p") {
      c1: config(keys: ["b", "missing"]) c2: config(keys: []) c3: config(keys: ["_wandb"])
      s1: summaryMetrics(keys: ["train/loss", "_step"]) s2: summaryMetrics(keys: ["nope"]) } } }`);
    const fields = projectOf<{ run: Record<string, string> }>(answer).run;
    expect(fields.c1).toBe('{"b": {"value": 2, "desc": null}}');
    expect(fields.c2).toBe("{}");
    expect(Object.keys(parseJsonString(fields.c3) as object)).toEqual(["_wandb"]);
    expect(parseJsonString(fields.s1)).toEqual({ "train/loss": 2, _step: 0 });
    expect(fields.s2).toBe("{}");
  });

  it("sends raw wire overrides verbatim", async () => {
    msw.serve({
      runs: [
        mockRun({
          id: "raw",
          config: { lr: 0.5 },
          configRaw: '{"lr": 0.1, "ctl": "a\tb"}',
          summaryRaw: null,
          historyRaw: ['{"_step": 0, "loss": NaN}', '{"_step": 1.0, "loss": 0.5}'],
        }),
      ],
    });
    const answer = await gql(`{ project(name: "vision", entityName: "acme") { run(name: "raw") {
      config k: config(keys: ["x"]) summaryMetrics history h: history(minStep: 1, maxStep: 2) } } }`);
    expect(projectOf<{ run: unknown }>(answer).run).toEqual({
      config: '{"lr": 0.1, "ctl": "a\tb"}',
      k: '{"lr": 0.1, "ctl": "a\tb"}',
      summaryMetrics: null,
      history: ['{"_step": 0, "loss": NaN}', '{"_step": 1.0, "loss": 0.5}'],
      h: ['{"_step": 1.0, "loss": 0.5}'],
    });
    // Filters still read the plain description.
    const filtered = await gql(`{ project(name: "vision", entityName: "acme") {
      runCount(filters: "{\\"config.lr.value\\": 0.5}") } }`);
    expect(filtered.body.data).toEqual({ project: { runCount: 1 } });
  });

  it("writes systemMetrics as a JSONString", async () => {
    msw.serve({
      runs: [mockRun({ id: "sys", systemMetrics: { "system.cpu": 12.5, "system.gpu.0.gpu": 97 } })],
    });
    expect(parseJsonString((await run("sys")).systemMetrics)).toEqual({
      "system.cpu": 12.5,
      "system.gpu.0.gpu": 97,
    });
  });
});

describe("users and the viewer", () => {
  it("shares one User per username, numbers ids in order of first use, and answers null users", async () => {
    msw.serve({
      viewer: { username: "vic", name: "Vic", email: "vic@example.com", entity: "team" },
      runs: [
        mockRun({ id: "u1", user: { username: "alice", name: "Alice", email: "alice@example.com" } }),
        mockRun({ id: "u2", user: { username: "alice" } }),
        mockRun({ id: "u3", user: { username: "bob", id: "VXNlcjo5OTk=" } }),
        mockRun({ id: "u4", user: null }),
        mockRun({ id: "u5", user: { username: "vic" } }),
      ],
    });
    const alice = {
      id: "VXNlcjoy",
      name: "Alice",
      username: "alice",
      email: "alice@example.com",
      entity: "alice",
    };
    expect((await run("u1")).user).toEqual(alice);
    expect((await run("u2")).user).toEqual(alice);
    expect((await run("u3")).user).toEqual({
      id: "VXNlcjo5OTk=",
      name: "bob",
      username: "bob",
      email: null,
      entity: "bob",
    });
    expect((await run("u4")).user).toBeNull();
    const vic = { id: "VXNlcjox", name: "Vic", username: "vic", email: "vic@example.com", entity: "team" };
    expect((await run("u5")).user).toEqual(vic);
    const viewer = await gql("{ viewer { id name username email entity admin } }");
    expect(viewer.body.data).toEqual({ viewer: { ...vic, admin: false } });
  });

  it("answers a null viewer when told to", async () => {
    msw.serve({ viewer: null, runs: [] });
    expect((await gql("{ viewer { id } }")).body.data).toEqual({ viewer: null });
  });
});

describe("projects", () => {
  it("answers null for a missing project or run, never an error", async () => {
    msw.serve({ runs: [mockRun({ id: "r1" })] });
    const answer = await gql(`{
      missing: project(name: "nope", entityName: "acme") { name }
      wrongEntity: project(name: "vision", entityName: "other") { name }
      noName: project(entityName: "acme") { name }
      present: project(name: "vision", entityName: "acme") { run(name: "absent") { name } }
    }`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { missing: null, wrongEntity: null, noName: null, present: { run: null } },
    });
  });

  it("finds projects by the viewer's entity when none is named, through model and bucket too", async () => {
    msw.serve({ runs: [mockRun({ id: "r1" })] });
    const answer = await gql(`{
      project(name: "vision") { name entityName }
      model(name: "vision", entityName: "acme") { bucket(name: "r1") { name } }
    }`);
    expect(answer.body.data).toEqual({
      project: { name: "vision", entityName: "acme" },
      model: { bucket: { name: "r1" } },
    });
  });

  it("lets declared projects exist without runs", async () => {
    msw.serve({ runs: [], projects: [{ entity: "acme", project: "empty" }] });
    const answer = await gql(`{ project(name: "empty", entityName: "acme") {
      id internalId name createdAt runCount runs(first: 5) { edges { cursor } pageInfo { hasNextPage endCursor } } } }`);
    expect(answer.body.data).toEqual({
      project: {
        id: Buffer.from("Project:v1:empty:acme").toString("base64"),
        internalId: expect.any(String),
        name: "empty",
        createdAt: "2024-01-01T00:00:00",
        runCount: 0,
        runs: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      },
    });
  });

  it("refuses a description that is not a run", () => {
    expect(() => msw.serve({ runs: [mockRun({ id: "a/b" })] })).toThrow(
      /id: a non-empty string without "\/"/,
    );
    expect(() => msw.serve({ runs: [mockRun({ id: "x" }), mockRun({ id: "x" })] })).toThrow(
      "two mock runs have the path acme/vision/x",
    );
    expect(() => msw.serve({ runs: [mockRun({ id: "t", createdAt: "yesterday" })] })).toThrow(
      /not an ISO 8601 time/,
    );
  });
});
