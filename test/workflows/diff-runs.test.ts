// diffRuns against the mock: what it reports, what it costs in requests, what it refuses.
import { describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/index.js";
import { diffRuns, InvalidArgumentError, RunNotFoundError } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const baseline = mockRun({
  id: "base",
  config: { lr: 0.001, optimizer: { name: "adam", beta: 0.9 }, epochs: 10, "data.path": "/d/v1" },
  summary: { accuracy: 0.9, "val/loss": Number.NaN, eval: { f1: 0.8 }, _runtime: 100 },
});
const candidate = mockRun({
  id: "cand",
  config: { lr: 0.0003, optimizer: { name: "adam", beta: 0.95 }, epochs: 10, warmup: 100 },
  summary: { accuracy: 0.905, "val/loss": Number.NaN, eval: { f1: 0.8, precision: 0.7 }, _runtime: 200 },
});
const others = Array.from({ length: 120 }, (_, i) =>
  mockRun({ id: `c${i}`, config: { lr: i / 1000, epochs: 10 }, summary: { accuracy: i / 200 } }),
);
const mock = useMockWandb({ runs: [baseline, candidate, ...others] });

describe("diffRuns", () => {
  it("lists config and summary differences with array paths, NaN equal to NaN", async () => {
    const wb = mockClient();
    const diff = await diffRuns(wb.run("acme/vision/base"), wb.run("acme/vision/cand"));
    expect(diff.config).toEqual([
      { path: ["lr"], kind: "changed", a: 0.001, b: 0.0003 },
      { path: ["optimizer", "beta"], kind: "changed", a: 0.9, b: 0.95 },
      { path: ["data.path"], kind: "removed", a: "/d/v1" },
      { path: ["warmup"], kind: "added", b: 100 },
    ]);
    expect(diff.summary).toEqual(
      expect.arrayContaining([
        { path: ["accuracy"], kind: "changed", a: 0.9, b: 0.905 },
        { path: ["eval", "precision"], kind: "added", b: 0.7 },
        { path: ["_runtime"], kind: "changed", a: 100, b: 200 },
      ]),
    );
    expect(diff.summary.some((d) => d.path[0] === "val/loss")).toBe(false);
    // Both runs, both sections: one request.
    expect(mock.requests).toHaveLength(1);
  });

  it("projects keys on the server, compares with a tolerance, and skips sections left out", async () => {
    const wb = mockClient();
    const diff = await diffRuns(wb.run("acme/vision/base"), wb.run("acme/vision/cand"), {
      keys: ["accuracy", "lr"],
      sections: ["summary"],
      tolerance: { relative: 0.01 },
    });
    expect(diff).toEqual({ config: [], summary: [] });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.variables).toMatchObject({
      withSummary: false,
      withSummaryKeys: true,
      summaryKeys: ["accuracy", "lr"],
      withConfig: false,
      withConfigKeys: false,
    });
  });

  it("diffs 120 runs against one baseline in ceil(121 / 50) = 3 requests, the baseline read once", async () => {
    const wb = mockClient();
    const base = wb.run("acme/vision/base");
    const diffs = await Promise.all(
      others.map((run) => diffRuns(base, wb.run(`acme/vision/${run.id}`), { keys: ["lr", "accuracy"] })),
    );
    expect(diffs).toHaveLength(120);
    expect(diffs[1]?.config).toEqual([]); // c1 has the baseline's lr
    expect(diffs[2]?.config).toEqual([{ path: ["lr"], kind: "changed", a: 0.001, b: 0.002 }]);
    expect(mock.requests).toHaveLength(3);
    const touched = mock.requests.flatMap((request) => request.runs);
    expect(touched.filter((path) => path === "acme/vision/base")).toHaveLength(1);
    expect(new Set(touched).size).toBe(121);
  });

  it("rejects with RunNotFoundError naming the missing run", async () => {
    const wb = mockClient();
    const error = await diffRuns(wb.run("acme/vision/base"), wb.run("acme/vision/gone")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunNotFoundError);
    expect((error as RunNotFoundError).runPath).toBe("acme/vision/gone");
  });

  it.each([
    [{ sections: [] }, /sections must be a non-empty array/],
    [{ sections: ["history"] }, /sections must be/],
    [{ tolerance: 0.01 }, /tolerance must be \{ absolute\?, relative\? \}/],
    [{ tolerance: { relative: -1 } }, /tolerance must be/],
    [{ tolerance: { percent: 1 } }, /tolerance must be/],
    [{ keys: "lr" }, /keys must be an array/],
    [{ ignore: ["_runtime"] }, /unknown diffRuns option "ignore"/],
  ])("refuses %j before any request", async (options, message) => {
    const wb = mockClient();
    await expect(
      diffRuns(wb.run("acme/vision/base"), wb.run("acme/vision/cand"), options as never),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      diffRuns(wb.run("acme/vision/base"), wb.run("acme/vision/cand"), options as never),
    ).rejects.toThrow(message);
    expect(mock.requests).toHaveLength(0);
  });
});
