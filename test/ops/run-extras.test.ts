// The rest of a run: notes, system metrics and their history, history keys, the sweep. What each
// returns from W&B's wire forms, and what many runs cost in requests.
import { describe, expect, it } from "vitest";
import { mockHistory, mockRun } from "../../mocks/index.js";
import {
  runConfig,
  runHistoryKeys,
  runNotes,
  runSweep,
  runSystemHistory,
  runSystemMetrics,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const t0 = Date.UTC(2025, 0, 1) / 1000;
const systemRows = [
  { _timestamp: t0 + 60, _runtime: 60, "system.cpu": 50, "system.gpu.0.temp": Number.NaN },
  { _timestamp: t0, _runtime: 0, "system.cpu": 10 },
  { _timestamp: t0 + 30, _runtime: 30, "system.cpu": 30 },
];
const many = Array.from({ length: 100 }, (_, i) =>
  mockRun({
    id: `r${String(i).padStart(3, "0")}`,
    notes: i % 2 === 0 ? `note ${i}` : null,
    sweepName: i < 60 ? "sweepaaa" : i < 90 ? "sweepbbb" : null,
    systemMetrics: { "system.cpu": i },
    systemHistory: systemRows,
    config: { lr: i },
    history: mockHistory(3, (step) => ({ loss: 1 / (step + 1), eval: { f1: step / 10 } })),
  }),
);
const mock = useMockWandb({
  runs: [
    ...many,
    mockRun({
      id: "full",
      notes: "baseline, seed 0\nsecond line",
      systemMetrics: {
        "system.cpu": 12.5,
        "system.gpu.0.gpu": Number.POSITIVE_INFINITY,
        "system.disk": Number.NaN,
      },
      systemHistory: systemRows,
      sweepName: "sweepaaa",
      history: [
        { _step: 0, loss: 2, img: { _type: "image-file", path: "a.png" } },
        { _step: 1, loss: Number.NaN, acc: "high" },
        { _step: 7, loss: 1, eval: { f1: 0.5 } },
      ],
    }),
    mockRun({ id: "bare", history: [], sweepName: "gone" }),
    mockRun({ id: "other", project: "nlp", sweepName: "sweepccc" }),
  ],
  sweeps: [
    {
      entity: "acme",
      project: "vision",
      name: "sweepaaa",
      state: "RUNNING",
      method: "bayes",
      bestLoss: 0.12,
      config: "method: bayes\n",
    },
    { entity: "acme", project: "vision", name: "sweepbbb", state: "FINISHED" },
    { entity: "acme", project: "nlp", name: "sweepccc", state: "PAUSED" },
  ],
});

describe("runNotes", () => {
  it("returns the notes, or null for a run without", async () => {
    const wb = mockClient();
    await expect(runNotes(wb.run("acme/vision/full"))).resolves.toBe("baseline, seed 0\nsecond line");
    await expect(runNotes(wb.run("acme/vision/bare"))).resolves.toBeNull();
  });
});

describe("runSystemMetrics", () => {
  it("reads the latest system metrics, bare NaN and Infinity tokens as numbers", async () => {
    const wb = mockClient();
    const metrics = await runSystemMetrics(wb.run("acme/vision/full"));
    expect(metrics["system.cpu"]).toBe(12.5);
    expect(metrics["system.gpu.0.gpu"]).toBe(Number.POSITIVE_INFINITY);
    expect(metrics["system.disk"]).toBeNaN();
    await expect(runSystemMetrics(wb.run("acme/vision/bare"))).resolves.toEqual({});
  });
});

describe("runSystemHistory", () => {
  it("returns rows sorted by _timestamp, W&B's _wandb marker dropped, NaN kept", async () => {
    const wb = mockClient();
    const rows = await runSystemHistory(wb.run("acme/vision/full"));
    expect(rows.map((row) => row._timestamp)).toEqual([t0, t0 + 30, t0 + 60]);
    expect(rows.every((row) => !("_wandb" in row))).toBe(true);
    expect(rows[2]?.["system.gpu.0.temp"]).toBeNaN();
    expect(mock.requests[0]?.variables).toMatchObject({ withEvents: true, eventsSamples: 500 });
  });

  it("asks W&B for at most `samples` rows; another cap in the same tick goes in its own part", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/full");
    const [two, all] = await Promise.all([runSystemHistory(run, { samples: 2 }), runSystemHistory(run)]);
    expect(two.map((row) => row._runtime)).toEqual([0, 60]);
    expect(all).toHaveLength(3);
    expect(mock.requests).toHaveLength(1); // two aliased parts, one request
    await expect(runSystemHistory(run, { samples: 0 })).rejects.toThrow(
      /samples must be a whole number >= 1/,
    );
  });
});

describe("runHistoryKeys", () => {
  it("reads W&B's key index: types with counts, last values, nested keys dotted, the last step", async () => {
    const wb = mockClient();
    const { lastStep, keys } = await runHistoryKeys(wb.run("acme/vision/full"));
    expect(lastStep).toBe(7);
    expect(Object.keys(keys).sort()).toEqual(["_step", "acc", "eval.f1", "img", "loss"]);
    expect(keys.loss).toEqual({ types: [{ type: "number", count: 3 }], lastValue: 1 });
    expect(keys._step?.monotonic).toBe(true);
    expect(keys.img?.types).toEqual([{ type: "image-file", count: 1 }]);
    expect(keys.acc).toEqual({ types: [{ type: "string", count: 1 }], lastValue: "high" });
  });

  it("says null for the last step of a run without history", async () => {
    const wb = mockClient();
    await expect(runHistoryKeys(wb.run("acme/vision/bare"))).resolves.toEqual({ lastStep: null, keys: {} });
  });

  it("hands out copies: changing one does not change the next answer", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/full");
    const first = await runHistoryKeys(run);
    (first.keys.loss as { types: unknown[] }).types.length = 0;
    expect((await runHistoryKeys(run)).keys.loss?.types).toHaveLength(1);
    expect(mock.requests).toHaveLength(1);
  });
});

describe("runSweep", () => {
  it("returns the sweep's ID, state, YAML config and best value", async () => {
    const wb = mockClient();
    await expect(runSweep(wb.run("acme/vision/full"))).resolves.toEqual({
      name: "sweepaaa",
      state: "RUNNING",
      configYaml: "method: bayes\n",
      bestLoss: 0.12,
    });
    expect(mock.requests.map((request) => request.operationName)).toEqual(["RunsByName", "SweepByName"]);
  });

  it("is null for a run in no sweep, and keeps only the name of a sweep W&B does not have", async () => {
    const wb = mockClient();
    await expect(runSweep(wb.run("acme/vision/r095"))).resolves.toBeNull();
    // The mock gives every named sweep a default; a sweep W&B lost answers null on the wire.
    const lost = await runSweep(wb.run("acme/vision/bare"));
    expect(lost).toMatchObject({ name: "gone" });
  });
});

describe("cost", () => {
  it("100 runs × notes, system metrics, history keys, system history and config: 2 requests, then none", async () => {
    const wb = mockClient();
    const runs = many.map((run) => wb.run(`acme/vision/${run.id}`));
    const all = () =>
      Promise.all(
        runs.flatMap((run) => [
          runNotes(run),
          runSystemMetrics(run),
          runHistoryKeys(run),
          runSystemHistory(run),
          runConfig(run, { keys: ["lr"] }),
        ]),
      );
    const answers = await all();
    expect(answers[0]).toBe("note 0");
    expect(answers[5]).toBeNull(); // r001's notes
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests.map((request) => request.runs.length)).toEqual([50, 50]);
    await all();
    expect(mock.requests).toHaveLength(2);
  });

  it("100 runs' sweeps: the light fields per 50 runs, then one request for the project's sweeps", async () => {
    const wb = mockClient();
    const sweeps = await Promise.all(many.map((run) => runSweep(wb.run(`acme/vision/${run.id}`))));
    expect(sweeps.filter((sweep) => sweep?.name === "sweepaaa")).toHaveLength(60);
    expect(sweeps.filter((sweep) => sweep?.state === "FINISHED")).toHaveLength(30);
    expect(sweeps.filter((sweep) => sweep === null)).toHaveLength(10);
    expect(mock.requests.map((request) => request.operationName)).toEqual([
      "RunsByName",
      "RunsByName",
      "SweepByName",
    ]);
    expect(mock.requests[2]?.variables).toMatchObject({ sweepName_0: "sweepaaa", sweepName_1: "sweepbbb" });
  });

  it("listed runs know their sweep ID: only the sweeps cost a request, one per project", async () => {
    const wb = mockClient();
    const listed = [
      ...(await wb
        .runs("acme/vision", { filters: { name: { $in: ["r000", "r001", "r059", "r060", "r095"] } } })
        .toArray()),
      ...(await wb.runs("acme/nlp").toArray()),
    ];
    const before = mock.requests.length;
    const sweeps = await Promise.all(listed.map((run) => runSweep(run)));
    expect(sweeps.map((sweep) => sweep?.name)).toEqual([
      "sweepaaa",
      "sweepaaa",
      "sweepaaa",
      "sweepbbb",
      undefined,
      "sweepccc",
    ]);
    expect(mock.requests.slice(before).map((request) => request.operationName)).toEqual([
      "SweepByName",
      "SweepByName",
    ]);
    // Cached: asking again sends nothing; fresh asks again.
    await runSweep(listed[0] as never);
    expect(mock.requests.length - before).toBe(2);
    await runSweep(listed[0] as never, { fresh: true });
    expect(mock.requests.length - before).toBe(4);
  });
});
