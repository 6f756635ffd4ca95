import { describe, expect, it } from "vitest";
import { lookUpKeyPath, topLevelKeys, topLevelKeysOf } from "../../src/cli/key-path.js";

describe("lookUpKeyPath", () => {
  const summary = {
    accuracy: 0.95,
    "train/loss": 0.1,
    eval: { f1: 0.9, nested: { deep: 1 } },
    "eval.f1": 0.5,
    "a.b": { c: 3 },
    list: [1, 2],
    nothing: null,
  };

  it("reads a top-level key, slashes included", () => {
    expect(lookUpKeyPath(summary, "accuracy")).toBe(0.95);
    expect(lookUpKeyPath(summary, "train/loss")).toBe(0.1);
    expect(lookUpKeyPath(summary, "nothing")).toBeNull();
  });

  it("prefers the whole path as a literal key over a nested path", () => {
    expect(lookUpKeyPath(summary, "eval.f1")).toBe(0.5);
    expect(lookUpKeyPath({ eval: { f1: 0.9 } }, "eval.f1")).toBe(0.9);
  });

  it("walks nested objects, with dotted keys at any level", () => {
    expect(lookUpKeyPath(summary, "eval.nested.deep")).toBe(1);
    expect(lookUpKeyPath(summary, "a.b.c")).toBe(3);
  });

  it("is undefined for missing keys, arrays and values that are not objects", () => {
    expect(lookUpKeyPath(summary, "missing")).toBeUndefined();
    expect(lookUpKeyPath(summary, "eval.missing")).toBeUndefined();
    expect(lookUpKeyPath(summary, "accuracy.x")).toBeUndefined();
    expect(lookUpKeyPath(summary, "list.0")).toBeUndefined();
    expect(lookUpKeyPath(summary, "toString")).toBeUndefined();
    expect(lookUpKeyPath(summary, "")).toBeUndefined();
  });
});

describe("topLevelKeys", () => {
  it("names the path and each head before a dot", () => {
    expect(topLevelKeys("accuracy")).toEqual(["accuracy"]);
    expect(topLevelKeys("train/loss")).toEqual(["train/loss"]);
    expect(topLevelKeys("a.b.c")).toEqual(["a.b.c", "a", "a.b"]);
    expect(topLevelKeysOf(["eval.f1", "eval.precision", "accuracy"])).toEqual([
      "eval.f1",
      "eval",
      "eval.precision",
      "accuracy",
    ]);
  });
});
