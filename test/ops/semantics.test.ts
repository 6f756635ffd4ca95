// SPEC §3 and §3.1: what each run operation returns, on W&B's wire quirks.
import { describe, expect, it } from "vitest";
import {
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistory,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runName,
  runRuntime,
  runState,
  runSummary,
  runTags,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
  runUser,
  scanRunHistory,
  WandbResponseError,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const created = "2024-01-15T10:30:00";
const longHistory = Array.from({ length: 2500 }, (_, step) => ({
  _step: step,
  loss: 1 / (step + 1),
  ...(step % 10 === 0 ? { "val/acc": step / 2500 } : {}),
  ...(step % 100 === 0 ? { eval: { f1: step / 2500 } } : {}),
}));

const mock = useMockWandb({
  runs: [
    {
      entity: "acme",
      project: "quirks",
      id: "full0001",
      displayName: "eager-fox-1",
      state: "finished",
      createdAt: created,
      heartbeatAt: "2024-01-15T12:00:30.123456",
      jobType: "train",
      tags: ["baseline", "v2"],
      group: "exp-7",
      user: { username: "alice", name: "Alice Doe" },
      config: {
        lr: 0.001,
        batch_size: 32,
        model: { depth: 12, act: "gelu", inner: { value: 5 } },
        label: "NaN",
      },
      summary: {
        accuracy: 0.913,
        loss: Number.NaN,
        best: Number.POSITIVE_INFINITY,
        worst: Number.NEGATIVE_INFINITY,
        "train/loss": 0.04,
        eval: { f1: 0.88 },
        weights: { _type: "histogram", values: [1, 4, 9], bins: [-1, -0.33, 0.33, 1] },
        _step: 2499,
        _runtime: 6287.4,
      },
      history: longHistory,
      loggedArtifacts: [
        { name: "model", type: "model", version: 2, aliases: ["best"], size: 100 },
        {
          name: "model",
          type: "model",
          version: 3,
          aliases: ["latest"],
          size: 4718592,
          metadata: { epochs: 10 },
        },
        {
          name: "evaluation",
          type: "evaluation",
          version: 0,
          aliases: ["latest"],
          otherCollectionAliases: [
            {
              alias: "production",
              collection: "evals",
              entity: "acme-org",
              project: "wandb-registry-model",
              portfolio: true,
            },
          ],
        },
      ],
      usedArtifacts: [{ name: "training-data", type: "dataset", version: 3, aliases: ["latest"] }],
    },
    {
      entity: "acme",
      project: "quirks",
      id: "bare0002",
      displayName: null,
      state: "pending",
      createdAt: "2024-01-15T10:30:00Z",
      heartbeatAt: null,
      jobType: null,
      tags: null,
      group: null,
      user: null,
      config: {},
      summary: {},
      history: [],
    },
    {
      entity: "acme",
      project: "quirks",
      id: "raw00003",
      displayName: "raw-wire",
      createdAt: "2024-01-15T10:30:00.5+02:00",
      heartbeatAt: "2024-01-15T08:30:10.5Z",
      configRaw:
        '{"lr": {"value": 0.1, "desc": "learning rate"}, "legacy": 7, "opt": {"value": "adam"}, "_wandb": {"value": {"cli_version": "0.21.0"}}, "wandb_version": 1, "nan_text": {"value": "NaN"}, "bare_nan": {"value": NaN}}',
      summaryRaw:
        '{"a": NaN, "b": "NaN", "c": "-Infinity", "d": Infinity, "note": "line\nbreak", "_wandb": {"runtime": 3}, "_timestamp": 1714664878.12}',
    },
    {
      entity: "acme",
      project: "quirks",
      id: "broken04",
      displayName: "broken",
      summaryRaw: '{"a": nan}',
    },
  ],
});

const wb = () => mockClient();

describe("config", () => {
  it("unwraps {value, desc}, drops _wandb and wandb_version, leaves nested values alone", async () => {
    const client = wb();
    await expect(runConfig(client.run("acme/quirks/full0001"))).resolves.toEqual({
      lr: 0.001,
      batch_size: 32,
      model: { depth: 12, act: "gelu", inner: { value: 5 } },
      label: "NaN",
    });
  });

  it("unwraps only entries that have a value key; the string NaN stays a string, a bare NaN is a number", async () => {
    const config = await runConfig(wb().run("acme/quirks/raw00003"));
    expect(config).toEqual({ lr: 0.1, legacy: 7, opt: "adam", nan_text: "NaN", bare_nan: Number.NaN });
  });

  it("is {} for a run without config", async () => {
    await expect(runConfig(wb().run("acme/quirks/bare0002"))).resolves.toEqual({});
  });
});

describe("summary", () => {
  it("reads bare NaN and Infinity tokens, keeps _step and _runtime and _type objects, drops _wandb", async () => {
    const summary = await runSummary(wb().run("acme/quirks/full0001"));
    expect(summary).toEqual({
      accuracy: 0.913,
      loss: Number.NaN,
      best: Number.POSITIVE_INFINITY,
      worst: Number.NEGATIVE_INFINITY,
      "train/loss": 0.04,
      eval: { f1: 0.88 },
      weights: { _type: "histogram", values: [1, 4, 9], bins: [-1, -0.33, 0.33, 1] },
      _step: 2499,
      _runtime: 6287.4,
      // The mock writes W&B's standard _timestamp into every summary.
      _timestamp: expect.any(Number),
    });
    expect(summary).not.toHaveProperty("_wandb");
  });

  it("turns the strings NaN and -Infinity into numbers, tolerates raw control characters", async () => {
    const summary = await runSummary(wb().run("acme/quirks/raw00003"));
    expect(summary).toEqual({
      a: Number.NaN,
      b: Number.NaN,
      c: Number.NEGATIVE_INFINITY,
      d: Number.POSITIVE_INFINITY,
      note: "line\nbreak",
      _timestamp: 1714664878.12,
    });
  });

  it("names the run and field it cannot parse, failing only that field", async () => {
    const client = wb();
    const run = client.run("acme/quirks/broken04");
    const [summary, name] = await Promise.allSettled([runSummary(run), runName(run)]);
    expect(name).toEqual({ status: "fulfilled", value: "broken" });
    expect(summary.status).toBe("rejected");
    const error = (summary as PromiseRejectedResult).reason as WandbResponseError;
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.runPath).toBe("acme/quirks/broken04");
    expect(error.field).toBe("summaryMetrics");
    expect(error.message).toMatch(/cannot read field summaryMetrics of run acme\/quirks\/broken04/);
  });
});

describe("light fields", () => {
  it("reads names, times, job type, user, state, tags and group", async () => {
    const run = wb().run("acme/quirks/full0001");
    expect(await runName(run)).toBe("eager-fox-1");
    expect((await runCreatedAt(run)).toISOString()).toBe("2024-01-15T10:30:00.000Z");
    expect((await runHeartbeatAt(run))?.toISOString()).toBe("2024-01-15T12:00:30.123Z");
    expect(await runRuntime(run)).toBeCloseTo(5430.123, 3);
    expect(await runJobType(run)).toBe("train");
    expect(await runUser(run)).toMatchObject({ username: "alice", name: "Alice Doe" });
    expect(await runState(run)).toBe("finished");
    expect(await runTags(run)).toEqual(["baseline", "v2"]);
    expect(await runGroup(run)).toBe("exp-7");
    expect(mock.requests).toHaveLength(1);
  });

  it("falls back to the run ID without a display name; null heartbeat, runtime 0, undefined job type, null user", async () => {
    const run = wb().run("acme/quirks/bare0002");
    expect(await runName(run)).toBe("bare0002");
    expect(await runHeartbeatAt(run)).toBeNull();
    expect(await runRuntime(run)).toBe(0);
    expect(await runJobType(run)).toBeUndefined();
    expect(await runUser(run)).toBeNull();
    expect(await runTags(run)).toEqual([]);
    expect(await runGroup(run)).toBeUndefined();
    expect(await runState(run)).toBe("pending");
  });

  it("reads Z and offset timestamps, in a zone 14 hours from UTC", async () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-14 * 60);
    const run = wb().run("acme/quirks/raw00003");
    expect((await runCreatedAt(run)).toISOString()).toBe("2024-01-15T08:30:00.500Z");
    expect(await runRuntime(run)).toBe(10);
    expect((await runCreatedAt(wb().run("acme/quirks/bare0002"))).toISOString()).toBe(
      "2024-01-15T10:30:00.000Z",
    );
  });
});

describe("artifacts", () => {
  it("maps logged versions: bare name, numeric version, alias, own-collection aliases only, qualified name", async () => {
    const logged = await runLoggedArtifactVersions(wb().run("acme/quirks/full0001"));
    expect(logged.map((a) => [a.name, a.version, a.alias, a.aliases])).toEqual([
      ["model", 2, "best", ["best"]],
      ["model", 3, "latest", ["latest"]],
      ["evaluation", 0, "latest", ["latest"]],
    ]);
    const model = logged[1];
    expect(model).toMatchObject({
      type: "model",
      size: 4718592,
      metadata: { epochs: 10 },
      entity: "acme",
      project: "quirks",
      qualifiedName: "acme/quirks/model:v3",
      state: "COMMITTED",
    });
    expect(model?.createdAt).toBeInstanceOf(Date);
  });

  it("finds a version by name:alias, name:vN, or a bare name meaning latest", async () => {
    const run = wb().run("acme/quirks/full0001");
    expect((await runLoggedArtifactVersion(run, "model:latest"))?.version).toBe(3);
    expect((await runLoggedArtifactVersion(run, "model"))?.version).toBe(3);
    expect((await runLoggedArtifactVersion(run, "model:v2"))?.alias).toBe("best");
    expect((await runLoggedArtifactVersion(run, "model:best"))?.version).toBe(2);
    expect(await runLoggedArtifactVersion(run, "model:v9")).toBeUndefined();
    expect(await runLoggedArtifactVersion(run, "dataset:latest")).toBeUndefined();
    // An alias of another collection (a registry link) does not name this run's version.
    expect(await runLoggedArtifactVersion(run, "evaluation:production")).toBeUndefined();
    expect(await runLoggedArtifactVersion(run, "evals:production")).toBeUndefined();
    expect(mock.requests).toHaveLength(1);
  });

  it("lists used versions, and finds one by name:alias", async () => {
    const run = wb().run("acme/quirks/full0001");
    const used = await runUsedArtifactVersions(run);
    expect(used.map((a) => `${a.name}:v${a.version}`)).toEqual(["training-data:v3"]);
    expect((await runUsedArtifactVersion(run, "training-data:v3"))?.id).toBe(used[0]?.id);
    expect((await runUsedArtifactVersion(run, "training-data"))?.version).toBe(3);
    expect(await runUsedArtifactVersion(run, "training-data:v2")).toBeUndefined();
    expect(await runUsedArtifactVersion(run, "model:latest")).toBeUndefined();
    expect(mock.requests).toHaveLength(1);
  });

  it("rejects a name that is not name:alias", async () => {
    await expect(runLoggedArtifactVersion(wb().run("acme/quirks/full0001"), ":latest")).rejects.toThrow(
      /name:alias/,
    );
  });
});

describe("history", () => {
  it("samples at most `samples` rows, sorted by _step, sparse, each with _step", async () => {
    const rows = await runHistory(wb().run("acme/quirks/full0001"), { samples: 100 });
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.every((row) => typeof row._step === "number")).toBe(true);
    expect(rows.map((row) => row._step)).toEqual([...rows.map((row) => row._step)].sort((a, b) => a - b));
    expect(rows[0]).toEqual({ _step: 0, loss: 1, "val/acc": 0, eval: { f1: 0 } });
  });

  it("with keys keeps rows that hold any of them (not only all), projected to _step and the keys", async () => {
    const rows = await runHistory(wb().run("acme/quirks/full0001"), {
      keys: ["loss", "val/acc"],
      samples: 3000,
    });
    expect(rows).toHaveLength(2500);
    expect(rows[1]).toEqual({ _step: 1, loss: 0.5 });
    expect(rows[10]).toEqual({ _step: 10, loss: 1 / 11, "val/acc": 10 / 2500 });
    const sparse = await runHistory(wb().run("acme/quirks/full0001"), { keys: ["val/acc"], samples: 1000 });
    expect(sparse).toHaveLength(250);
    expect(sparse.every((row) => Object.keys(row).length === 2)).toBe(true);
  });

  it("scanRunHistory yields every row exactly, in order, a page per request after the export list", async () => {
    const run = wb().run("acme/quirks/full0001");
    const steps: number[] = [];
    for await (const row of scanRunHistory(run, { pageSize: 1000 })) steps.push(row._step);
    expect(steps).toEqual(longHistory.map((row) => row._step));
    // The run has no Parquet exports: the list says so, and pages serve every row.
    expect(mock.requests.map((r) => r.operationName)).toEqual([
      "RunParquetHistory",
      "RunHistoryPage",
      "RunHistoryPage",
      "RunHistoryPage",
    ]);
    expect(mock.requests.slice(1).map((r) => [r.variables.minStep, r.variables.maxStep])).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
  });

  it("scanRunHistory with keys and a step range keeps rows holding any key", async () => {
    const rows = [];
    for await (const row of scanRunHistory(wb().run("acme/quirks/full0001"), {
      keys: ["eval"],
      minStep: 50,
      maxStep: 450,
    })) {
      rows.push(row);
    }
    expect(rows).toEqual([100, 200, 300, 400].map((step) => ({ _step: step, eval: { f1: step / 2500 } })));
  });

  it("scanRunHistory yields nothing for a run without history, in two requests (exports, one page)", async () => {
    const rows = [];
    for await (const row of scanRunHistory(wb().run("acme/quirks/bare0002"))) rows.push(row);
    expect(rows).toEqual([]);
    expect(mock.requests.map((r) => r.operationName)).toEqual(["RunParquetHistory", "RunHistoryPage"]);
  });
});
