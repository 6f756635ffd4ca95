// W&B's history key index, system-metric rows and sweeps, read at the edge.
import { describe, expect, it } from "vitest";
import { WandbResponseError } from "../../src/index.js";
import { readHistoryKeys, readSweep, readSystemRows } from "../../src/wire/run-extras.js";

const source = { field: "historyKeys", runPath: "acme/vision/r1", operation: "RunsByName" };

describe("readHistoryKeys", () => {
  // A new object each time: the reader replaces the string NaN in the answer it is handed.
  const index = () => ({
    lastStep: 1199,
    keys: {
      _step: { typeCounts: [{ type: "number", count: 1200 }], previousValue: 1199, monotonic: true },
      loss: {
        typeCounts: [
          { type: "number", count: 1198 },
          { type: "nil", count: 2 },
        ],
        previousValue: "NaN",
      },
      "eval.f1": { typeCounts: [{ type: "number", count: 12 }], previousValue: 0.88 },
      weights: { typeCounts: [{ type: "histogram", count: 3, keys: {} }] },
    },
  });

  it("reads W&B's inline object: types with counts, the last value (string NaN as a number), monotonic", () => {
    const keys = readHistoryKeys(index(), source);
    expect(keys.lastStep).toBe(1199);
    expect(keys.keys._step).toEqual({
      types: [{ type: "number", count: 1200 }],
      lastValue: 1199,
      monotonic: true,
    });
    expect(keys.keys.loss?.types).toEqual([
      { type: "number", count: 1198 },
      { type: "nil", count: 2 },
    ]);
    expect(keys.keys.loss?.lastValue).toBeNaN();
    expect(keys.keys["eval.f1"]?.lastValue).toBe(0.88);
    expect(keys.keys.weights).toEqual({ types: [{ type: "histogram", count: 3 }] });
  });

  it("reads the same index sent as JSON text, as some servers and test stubs do", () => {
    expect(readHistoryKeys(JSON.stringify(index()), source)).toEqual(readHistoryKeys(index(), source));
  });

  it.each([null, undefined, "", "{}", {}])("reads %j as no history", (raw) => {
    expect(readHistoryKeys(raw, source)).toEqual({ lastStep: null, keys: {} });
  });

  it("skips entries it cannot read, keeps a key named __proto__, and refuses keys that are not an object", () => {
    const odd = readHistoryKeys(
      {
        lastStep: "3",
        keys: { a: 7, b: { typeCounts: [{ type: 1 }, null] }, ["__proto__"]: { typeCounts: [] } },
      },
      source,
    );
    expect(odd.lastStep).toBeNull();
    expect(Object.keys(odd.keys)).toEqual(["b", "__proto__"]);
    expect(odd.keys.b).toEqual({ types: [] });
    expect(() => readHistoryKeys({ keys: [1] }, source)).toThrow(WandbResponseError);
    expect(() => readHistoryKeys("{not json", source)).toThrow(
      /cannot read field historyKeys of run acme\/vision\/r1/,
    );
  });
});

describe("readSystemRows", () => {
  it("sorts by _timestamp, drops W&B's _wandb marker and rows without a timestamp, reads bare NaN", () => {
    const rows = readSystemRows(
      [
        '{"system.cpu": 3, "_wandb": true, "_timestamp": 20, "_runtime": 10}',
        '{"system.cpu": NaN, "_wandb": true, "_timestamp": 10, "_runtime": 0}',
        '{"system.cpu": 1}',
        '{"system.cpu": "Infinity", "_timestamp": 30}',
      ],
      { field: "events", runPath: "acme/vision/r1" },
    );
    expect(rows.map((row) => row._timestamp)).toEqual([10, 20, 30]);
    expect(rows[0]?.["system.cpu"]).toBeNaN();
    expect(rows[2]?.["system.cpu"]).toBe(Number.POSITIVE_INFINITY);
    expect(rows.some((row) => "_wandb" in row)).toBe(false);
    expect(readSystemRows(null, { field: "events" })).toEqual([]);
  });
});

describe("readSweep", () => {
  it("maps the sweep, or keeps only the name when W&B has none", () => {
    expect(
      readSweep("s1", { name: "s1", state: "RUNNING", config: "method: grid\n", bestLoss: null }),
    ).toEqual({
      name: "s1",
      state: "RUNNING",
      configYaml: "method: grid\n",
      bestLoss: null,
    });
    expect(readSweep("s1", null)).toEqual({ name: "s1", state: null, configYaml: null, bestLoss: null });
  });
});
