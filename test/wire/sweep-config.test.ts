// The metric of a sweep config, in the forms W&B stores it, and the run order W&B's client builds.
import { describe, expect, it } from "vitest";
import { bestRunOrder, readSweepMetric } from "../../src/wire/sweep-config.js";

describe("readSweepMetric", () => {
  it("reads PyYAML's block style, flow style and JSON", () => {
    const block =
      "method: bayes\nmetric:\n  goal: maximize\n  name: val/acc\nparameters:\n  lr:\n    values: [1]\n";
    expect(readSweepMetric(block)).toEqual({ name: "val/acc", goal: "maximize" });
    expect(readSweepMetric("metric: {goal: maximize, name: acc}\n")).toEqual({
      name: "acc",
      goal: "maximize",
    });
    expect(readSweepMetric('{"method": "grid", "metric": {"name": "loss", "goal": "minimize"}}')).toEqual({
      name: "loss",
      goal: "minimize",
    });
    expect(readSweepMetric("metric:\n    name: 'it''s'  \n    goal: \"minimize\" # low\n")).toEqual({
      name: "it's",
      goal: "minimize",
    });
  });

  it("defaults the goal to minimize and reads another goal as maximize, as W&B's client does", () => {
    expect(readSweepMetric("metric:\n  name: loss\n")).toEqual({ name: "loss", goal: "minimize" });
    expect(readSweepMetric("metric:\n  name: loss\n  goal: max\n")?.goal).toBe("maximize");
  });

  it("is null without a metric or without its name", () => {
    expect(readSweepMetric(null)).toBeNull();
    expect(readSweepMetric("method: grid\n")).toBeNull();
    expect(readSweepMetric("metric:\n  goal: minimize\n")).toBeNull();
    expect(readSweepMetric("parameters:\n  metric:\n    name: nested\n")).toBeNull();
    expect(readSweepMetric("{not json")).toBeNull();
  });
});

describe("bestRunOrder", () => {
  it("orders by the summary metric in the goal's direction", () => {
    expect(bestRunOrder({ name: "loss", goal: "minimize" })).toBe("+summary_metrics.loss");
    expect(bestRunOrder({ name: "val.acc", goal: "maximize" })).toBe("-summary_metrics.val.acc");
    expect(bestRunOrder({ name: "config.lr", goal: "maximize" })).toBe("-config.lr");
    expect(bestRunOrder({ name: "createdAt", goal: "minimize" })).toBe("+createdAt");
  });
});
