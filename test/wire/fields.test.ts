import { describe, expect, it } from "vitest";
import { WandbResponseError } from "../../src/errors.js";
import {
  cleanSummary,
  readJsonObject,
  readOptionalTime,
  readTime,
  unwrapConfig,
} from "../../src/wire/fields.js";

const source = { field: "summaryMetrics", runPath: "acme/vision/r1", operation: "RunsByName" };

describe("readJsonObject", () => {
  it("treats null, undefined, empty text and JSON null as {}", () => {
    for (const raw of [null, undefined, "", "null"]) expect(readJsonObject(raw, source)).toEqual({});
  });

  it("parses JSONString text with W&B's extensions", () => {
    expect(readJsonObject('{"loss": NaN, "acc": "Infinity"}', source, { specialStrings: true })).toEqual({
      loss: Number.NaN,
      acc: Number.POSITIVE_INFINITY,
    });
    expect(readJsonObject('{"opt": "NaN"}', { field: "config" })).toEqual({ opt: "NaN" });
  });

  it("accepts an object a server already parsed", () => {
    expect(readJsonObject({ a: "NaN" }, source, { specialStrings: true })).toEqual({ a: Number.NaN });
  });

  it("leaves an object it was handed as it was, copying only what special strings change", () => {
    const raw = JSON.parse(
      '{"a": "NaN", "b": {"c": ["Infinity", 1]}, "d": {"e": 1}, "__proto__": "-Infinity"}',
    ) as Record<string, unknown>;
    const before = structuredClone(raw);
    const read = readJsonObject(raw, source, { specialStrings: true });
    expect(raw).toStrictEqual(before);
    expect(read.a).toBeNaN();
    expect((read.b as { c: unknown[] }).c).toEqual([Number.POSITIVE_INFINITY, 1]);
    expect(Object.hasOwn(read, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(read, "__proto__")?.value).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    // What nothing changed is shared, not copied; an object without special strings comes back as it is.
    expect(read.d).toBe(raw.d);
    const plain = { x: { y: "z" } };
    expect(readJsonObject(plain, source, { specialStrings: true })).toBe(plain);
  });

  it("names the run and the field when the text cannot be parsed", () => {
    let caught: unknown;
    try {
      readJsonObject('{"loss": nan}', source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WandbResponseError);
    const error = caught as WandbResponseError;
    expect(error.message).toMatch(/cannot read field summaryMetrics of run acme\/vision\/r1/);
    expect(error.field).toBe("summaryMetrics");
    expect(error.runPath).toBe("acme/vision/r1");
    expect(error.operation).toBe("RunsByName");
  });

  it("refuses a value that is not an object", () => {
    expect(() => readJsonObject("[1, 2]", source)).toThrow(/expected a JSON object, got an array/);
    expect(() => readJsonObject("3", source)).toThrow(WandbResponseError);
  });
});

describe("readTime", () => {
  it("reads zone-less times as UTC and keeps null heartbeats null", () => {
    expect(readTime("2024-01-15T10:30:00", { field: "createdAt" }).toISOString()).toBe(
      "2024-01-15T10:30:00.000Z",
    );
    expect(readOptionalTime(null, { field: "heartbeatAt" })).toBeNull();
  });

  it("raises WandbResponseError naming the field for a bad time", () => {
    expect(() => readTime("nullZ", { field: "createdAt", runPath: "a/b/c" })).toThrow(
      /cannot read field createdAt of run a\/b\/c/,
    );
    expect(() => readTime(42, { field: "createdAt" })).toThrow(WandbResponseError);
  });
});

describe("unwrapConfig", () => {
  it("unwraps {value, desc}, drops _wandb and wandb_version, keeps nested values", () => {
    const wire = readJsonObject(
      '{"lr": {"value": 0.001, "desc": null}, "batch_size": {"value": 32}, "model": {"value": {"depth": 12, "act": "gelu"}},' +
        ' "_wandb": {"value": {"cli_version": "0.21.0"}}, "wandb_version": 1}',
      { field: "config" },
    );
    expect(unwrapConfig(wire)).toEqual({ lr: 0.001, batch_size: 32, model: { depth: 12, act: "gelu" } });
  });

  it("unwraps only objects that have a value key", () => {
    const wire = {
      bare: 5,
      list: [{ value: 1 }],
      desc_only: { desc: "x" },
      nested: { value: { value: 2 } },
      nul: null,
    };
    expect(unwrapConfig(wire)).toEqual({
      bare: 5,
      list: [{ value: 1 }],
      desc_only: { desc: "x" },
      nested: { value: 2 },
      nul: null,
    });
  });

  it("keeps an explicit null value", () => {
    expect(unwrapConfig({ a: { value: null, desc: "d" } })).toEqual({ a: null });
  });
});

describe("cleanSummary", () => {
  it("drops the top-level _wandb only, keeping _step, _runtime and _timestamp", () => {
    const wire = {
      _step: 3,
      _runtime: 1.5,
      _timestamp: 1714658594.5,
      _wandb: { runtime: 2 },
      nested: { _wandb: 1 },
    };
    expect(cleanSummary(wire)).toEqual({
      _step: 3,
      _runtime: 1.5,
      _timestamp: 1714658594.5,
      nested: { _wandb: 1 },
    });
  });
});

describe("zipSampledRows", () => {
  it("joins one spec's rows per key by step, reading inline objects and JSON text alike", async () => {
    const { zipSampledRows } = await import("../../src/wire/history.js");
    const rows = zipSampledRows(
      [
        [{ _step: 0, loss: 1 }, '{"_step": 2, "loss": NaN}'],
        [{ _step: 2, acc: "NaN" }, { _step: 3, acc: 0.5 }, { noStep: true }],
      ],
      "a/b/c",
      "RunsByName",
    );
    expect(rows).toEqual([
      { _step: 0, loss: 1 },
      { _step: 2, loss: Number.NaN, acc: Number.NaN },
      { _step: 3, acc: 0.5 },
    ]);
  });
});

describe("artifact names", () => {
  it("match a version by collection and vN or an own alias, and by its own project when qualified", async () => {
    const { matchesArtifactName } = await import("../../src/wire/artifacts.js");
    const model = {
      entity: "acme",
      project: "vision",
      name: "model",
      version: 5,
      aliases: ["latest"],
    } as Parameters<typeof matchesArtifactName>[0];
    const matches = (name: string, alias: string, entity?: string, project?: string) =>
      matchesArtifactName(model, { entity, project, name, alias }, "acme");
    expect(matches("model", "v5")).toBe(true);
    expect(matches("model", "latest")).toBe(true);
    expect(matches("model", "v4")).toBe(false);
    expect(matches("model", "best")).toBe(false);
    expect(matches("other", "v5")).toBe(false);
    expect(matches("model", "v5", "acme", "vision")).toBe(true);
    expect(matches("model", "v5", undefined, "vision")).toBe(true);
    expect(matches("model", "v5", "other-team", "vision")).toBe(false);
    expect(matches("model", "v5", undefined, "nlp")).toBe(false);
    expect(matchesArtifactName(model, { project: "vision", name: "model", alias: "v5" }, "someone")).toBe(
      false,
    );
  });
});
