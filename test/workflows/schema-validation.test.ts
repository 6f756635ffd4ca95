// runConfig and runSummary with a Standard Schema validator: zod and valibot, sync and async, the
// output type, and a RunSchemaError that names the run and lists every issue with its path.
import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { mockRun } from "../../mocks/index.js";
import { InvalidArgumentError, RunSchemaError, runConfig, runSummary } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const mock = useMockWandb({
  runs: [
    mockRun({
      id: "good",
      config: { learning_rate: 0.001, batch_size: 64, optimizer: { name: "adam" }, tags: ["a"] },
      summary: { accuracy: 0.95, loss: Number.NaN },
    }),
    mockRun({
      id: "renamed",
      config: { lr: 0.001, batch_size: "64", optimizer: { name: 7 } },
      summary: { accuracy: "high" },
    }),
  ],
});

const zodConfig = z.object({
  learning_rate: z.number().positive(),
  batch_size: z.number().int(),
  optimizer: z.object({ name: z.string() }),
});
const valibotConfig = v.object({
  learning_rate: v.pipe(v.number(), v.minValue(0)),
  batch_size: v.pipe(v.number(), v.integer()),
  optimizer: v.object({ name: v.string() }),
});

describe("runConfig with a schema", () => {
  it("returns zod's output, typed as it", async () => {
    const wb = mockClient();
    const config = await runConfig(wb.run("acme/vision/good"), { schema: zodConfig });
    expectTypeOf(config).toEqualTypeOf<{
      learning_rate: number;
      batch_size: number;
      optimizer: { name: string };
    }>();
    // zod's object strips unknown keys: the output, not the input, comes back.
    expect(config).toEqual({ learning_rate: 0.001, batch_size: 64, optimizer: { name: "adam" } });
  });

  it("returns valibot's output, typed as it", async () => {
    const wb = mockClient();
    const config = await runConfig(wb.run("acme/vision/good"), { schema: valibotConfig });
    expectTypeOf(config.optimizer.name).toEqualTypeOf<string>();
    expect(config.batch_size).toBe(64);
  });

  it.each([
    ["zod", zodConfig],
    ["valibot", valibotConfig],
  ])("rejects a mismatch with RunSchemaError listing each issue with its path (%s)", async (_, schema) => {
    const wb = mockClient();
    const error = await runConfig(wb.run("acme/vision/renamed"), { schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunSchemaError);
    const schemaError = error as RunSchemaError;
    expect(schemaError).toMatchObject({
      section: "config",
      runPath: "acme/vision/renamed",
      operation: "runConfig",
    });
    expect(schemaError.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([["learning_rate"], ["batch_size"], ["optimizer", "name"]]),
    );
    expect(schemaError.issues.every((issue) => issue.message.length > 0)).toBe(true);
    expect(schemaError.message).toMatch(/^run acme\/vision\/renamed: config does not match the schema: /);
    expect(schemaError.message).toContain("optimizer.name: ");
    expect(schemaError.toJSON()).toMatchObject({ name: "RunSchemaError", section: "config" });
  });

  it("awaits async validators (zod refine, valibot pipeAsync)", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/good");
    const checkedRemotely = async (rate: number) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return rate < 0.01;
    };
    const zodAsync = z.object({ learning_rate: z.number().refine(checkedRemotely, "rate not allowed") });
    const valibotAsync = v.objectAsync({
      learning_rate: v.pipeAsync(v.number(), v.checkAsync(checkedRemotely, "rate not allowed")),
    });
    await expect(runConfig(run, { schema: zodAsync })).resolves.toEqual({ learning_rate: 0.001 });
    await expect(runConfig(run, { schema: valibotAsync })).resolves.toEqual({ learning_rate: 0.001 });
    const strict = z.object({ learning_rate: z.number().refine(async (rate) => rate > 1, "too small") });
    const error = await runConfig(run, { schema: strict }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunSchemaError);
    expect((error as RunSchemaError).issues).toEqual([{ message: "too small", path: ["learning_rate"] }]);
  });

  it("validates only the projected keys with keys, still one request per tick", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/good");
    const [rate, summary] = await Promise.all([
      runConfig(run, { keys: ["learning_rate"], schema: z.object({ learning_rate: z.number() }) }),
      runSummary(run, { keys: ["accuracy"], schema: v.object({ accuracy: v.number() }) }),
    ]);
    expect(rate).toEqual({ learning_rate: 0.001 });
    expect(summary).toEqual({ accuracy: 0.95 });
    expect(mock.requests).toHaveLength(1);
  });

  it("refuses a schema that is not a Standard Schema before any request", async () => {
    const wb = mockClient();
    await expect(
      runConfig(wb.run("acme/vision/good"), { schema: { parse: () => ({}) } as never }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(runConfig(wb.run("acme/vision/good"), { schema: null as never })).rejects.toThrow(
      /schema must be a Standard Schema v1 validator/,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("runSummary with a schema", () => {
  it("hands NaN to the schema as a number (zod's number refuses it; a union takes it)", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/good");
    const plain = await runSummary(run, { schema: z.object({ loss: z.number() }) }).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(RunSchemaError);
    expect((plain as RunSchemaError).issues[0]?.path).toEqual(["loss"]);
    const lenient = await runSummary(run, { schema: z.object({ loss: z.union([z.number(), z.nan()]) }) });
    expect(lenient.loss).toBeNaN();
  });

  it("names the summary and the run in its error", async () => {
    const wb = mockClient();
    const error = await runSummary(wb.run("acme/vision/renamed"), {
      schema: v.object({ accuracy: v.number() }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ section: "summary", runPath: "acme/vision/renamed" });
    expect((error as Error).message).toMatch(
      /^run acme\/vision\/renamed: summary does not match the schema: accuracy: /,
    );
  });

  it("keeps the caller's type without a schema", async () => {
    const wb = mockClient();
    const summary = await runSummary<{ accuracy: number }>(wb.run("acme/vision/good"));
    expectTypeOf(summary).toEqualTypeOf<{ accuracy: number }>();
  });
});
