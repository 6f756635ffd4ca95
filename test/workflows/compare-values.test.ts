// The comparison rules of diffRuns on plain values: nesting, NaN, tolerance, arrays, key order.
import { describe, expect, it } from "vitest";
import { diffObjects, numbersEqual, valuesEqual } from "../../src/workflows/compare-values.js";

describe("numbersEqual", () => {
  it.each([
    // a, b, tolerance, equal
    [1, 1, undefined, true],
    [0, -0, undefined, true],
    [Number.NaN, Number.NaN, undefined, true],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined, true],
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, { absolute: 1e300 }, false],
    [Number.NaN, 0, { absolute: 1 }, false],
    [Number.POSITIVE_INFINITY, 1e308, { relative: 1 }, false],
    [0.1 + 0.2, 0.3, undefined, false],
    [0.1 + 0.2, 0.3, { absolute: 1e-12 }, true],
    [1.0, 1.05, { absolute: 0.05 }, false], // 1.05 - 1 is 0.050000000000000044: exact means exact
    [100, 101, { relative: 0.01 }, true], // 1 <= 0.01 * 101
    [100, 102, { relative: 0.01 }, false],
    [100, 102, { relative: 0.01, absolute: 2 }, true], // either bound suffices
    [-100, -101, { relative: 0.01 }, true],
    [0, 1e-10, { relative: 0.5 }, false], // relative to 1e-10: 5e-11 < 1e-10
    [0, 1e-10, { absolute: 1e-9 }, true],
  ])("%s vs %s within %j: %s", (a, b, tolerance, equal) => {
    expect(numbersEqual(a, b, tolerance)).toBe(equal);
    expect(numbersEqual(b, a, tolerance)).toBe(equal); // symmetric
  });
});

describe("valuesEqual", () => {
  it.each([
    [[1, 2, 3], [1, 2, 3], true],
    [[1, 2, 3], [1, 2], false],
    [[1, Number.NaN], [1, Number.NaN], true],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [{ a: 1 }, { a: 1, b: undefined as never }, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true], // key order does not matter
    [null, null, true],
    [null, {}, false],
    [[], {}, false],
    ["1", 1, false],
    [true, 1, false],
    ["NaN", Number.NaN, false],
  ])("%j vs %j: %s", (a, b, equal) => {
    expect(valuesEqual(a, b)).toBe(equal);
  });

  it("applies the tolerance inside arrays and objects", () => {
    expect(valuesEqual([1, { x: 2 }], [1.001, { x: 2.001 }], { absolute: 0.01 })).toBe(true);
    expect(valuesEqual([1, { x: 2 }], [1.001, { x: 2.1 }], { absolute: 0.01 })).toBe(false);
  });
});

describe("diffObjects", () => {
  it("reports added, removed and changed keys with paths into nested objects", () => {
    const a = {
      lr: 0.001,
      optimizer: { name: "adam", betas: [0.9, 0.999], schedule: { warmup: 100 } },
      dropout: 0.1,
      "train/loss": 0.5,
    };
    const b = {
      lr: 0.0003,
      optimizer: { name: "adam", betas: [0.9, 0.99], schedule: { warmup: 100, decay: "cosine" } },
      "train/loss": 0.5,
      "eval.f1": 0.8,
    };
    expect(diffObjects(a, b)).toEqual([
      { path: ["lr"], kind: "changed", a: 0.001, b: 0.0003 },
      { path: ["optimizer", "betas"], kind: "changed", a: [0.9, 0.999], b: [0.9, 0.99] },
      { path: ["optimizer", "schedule", "decay"], kind: "added", b: "cosine" },
      { path: ["dropout"], kind: "removed", a: 0.1 },
      { path: ["eval.f1"], kind: "added", b: 0.8 },
    ]);
  });

  it("treats NaN as equal to NaN and reports a value that became NaN", () => {
    expect(diffObjects({ loss: Number.NaN, acc: 0.9 }, { loss: Number.NaN, acc: Number.NaN })).toEqual([
      { path: ["acc"], kind: "changed", a: 0.9, b: Number.NaN },
    ]);
  });

  it("reports an object replaced by a scalar (and back) at its own path", () => {
    expect(diffObjects({ model: { depth: 12 }, seed: 1 }, { model: "resnet", seed: { value: 1 } })).toEqual([
      { path: ["model"], kind: "changed", a: { depth: 12 }, b: "resnet" },
      { path: ["seed"], kind: "changed", a: 1, b: { value: 1 } },
    ]);
  });

  it("keeps keys with dots and slashes whole, and a null apart from a missing key", () => {
    expect(diffObjects({ "a.b": 1, "x/y": null }, { "a.b": 2 })).toEqual([
      { path: ["a.b"], kind: "changed", a: 1, b: 2 },
      { path: ["x/y"], kind: "removed", a: null },
    ]);
  });

  it("finds nothing between equal objects, or within the tolerance", () => {
    expect(diffObjects({ a: { b: [1, 2] }, c: "x" }, { c: "x", a: { b: [1, 2] } })).toEqual([]);
    expect(diffObjects({ acc: 0.95 }, { acc: 0.951 }, { relative: 0.01 })).toEqual([]);
  });
});
