// Bad input fails at once with InvalidArgumentError, before any request is sent.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createClient,
  InvalidArgumentError,
  runConfig,
  runHistory,
  runLoggedArtifactVersion,
  runName,
  runSummary,
  runUsedArtifactVersion,
  scanRunHistory,
} from "../../src/index.js";

let requests = 0;
const server = setupServer(
  http.post("*/graphql", () => {
    requests++;
    return HttpResponse.json({ data: null });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const wb = createClient({ apiKey: "k".repeat(40), entity: "acme" });
const run = wb.run("acme/vision/r1");

async function rejectsBeforeSending(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
  await expect(promise).rejects.toThrow(message);
}

describe("bad input", () => {
  it("run paths", () => {
    expect(() => wb.run("a/b/c/d/e")).toThrow(InvalidArgumentError);
    expect(() => wb.run("vision/")).toThrow(InvalidArgumentError);
    expect(() => wb.run("r1")).toThrow(/no default project/);
    expect(() => wb.run({ entity: "a", project: "b" } as never)).toThrow(InvalidArgumentError);
  });

  it("a run that is not a handle", async () => {
    await rejectsBeforeSending(runName("acme/vision/r1" as never), /expects a Run from client.run\(path\)/);
    await rejectsBeforeSending(
      runConfig({ entity: "a", project: "b", id: "c" } as never),
      /not a Run handle/,
    );
  });

  it("options: unknown names, wrong types, non-positive counts", async () => {
    await rejectsBeforeSending(runConfig(run, { key: ["lr"] } as never), /unknown runConfig option "key"/);
    await rejectsBeforeSending(runSummary(run, { keys: "acc" } as never), /keys must be an array/);
    await rejectsBeforeSending(runSummary(run, { keys: [""] }), /keys must be an array of non-empty strings/);
    await rejectsBeforeSending(runName(run, { signal: "stop" } as never), /signal must be an AbortSignal/);
    await rejectsBeforeSending(runName(run, { fresh: 1 } as never), /fresh must be true or false/);
    await rejectsBeforeSending(runHistory(run, { samples: 0 }), /samples must be a whole number >= 1/);
    await rejectsBeforeSending(runHistory(run, { samples: 2.5 }), /samples/);
    await rejectsBeforeSending(runLoggedArtifactVersion(run, ""), /cannot read artifact name ""/);
    await rejectsBeforeSending(
      runLoggedArtifactVersion(run, "model:"),
      /accepted forms: "entity\/project\/name:alias"/,
    );
    await rejectsBeforeSending(
      runUsedArtifactVersion(run, "a/b/c/d:v1"),
      /cannot read artifact name "a\/b\/c\/d:v1"/,
    );
    expect(() => scanRunHistory(run, { pageSize: -5 })).toThrow(/pageSize must be a whole number >= 1/);
    expect(() => scanRunHistory(run, { minStep: 10, maxStep: 5 })).toThrow(
      /maxStep must be a whole number >= minStep/,
    );
    expect(() => wb.runs("acme/vision", { limit: 0 })).toThrow(/limit must be a whole number >= 1/);
    expect(() => wb.runs("acme/vision", { filters: { createdAt: new Date(Number.NaN) } })).toThrow(
      /invalid Date/,
    );
    // An operator W&B's filters do not have is named, with the near one and the whole list.
    const typo = () => wb.runs("acme/vision", { filters: { "summary_metrics.lr": { $gtt: 0.01 } } });
    expect(typo).toThrow(InvalidArgumentError);
    expect(typo).toThrow(
      'filters.summary_metrics.lr: unknown operator "$gtt" (did you mean $gt?); W&B\'s run filters accept $and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex',
    );
    expect(() => wb.runs("acme/vision", { filters: { $and: [{ state: { $nott: "x" } }] } })).toThrow(
      /^filters\.\$and\[0\]\.state: unknown operator "\$nott"; W&B's run filters accept/,
    );
    expect(() => wb.runs("acme/vision", { filters: { $contains: "x" } })).toThrow(
      /unknown operator "\$contains"/,
    );
    // Every listed operator, and $regex's $options, still passes.
    expect(() =>
      wb.runs("acme/vision", {
        filters: {
          $and: [
            { a: { $eq: 1, $ne: 2, $gt: 0, $gte: 0, $lt: 9, $lte: 9, $in: [1], $nin: [2], $exists: true } },
          ],
          $or: [{ b: { $regex: "^x", $options: "i" } }],
          $nor: [{ c: 1 }],
        },
      }),
    ).not.toThrow();
  });

  it("client options", () => {
    expect(() => createClient({ maxBatchSize: -1 })).toThrow(InvalidArgumentError);
    expect(() => createClient({ retries: 3 } as never)).toThrow(/unknown createClient option "retries"/);
    expect(() => createClient(null as never)).toThrow(InvalidArgumentError);
  });

  it("sent nothing", () => {
    expect(requests).toBe(0);
  });
});
