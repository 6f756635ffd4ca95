// The mocks refuse what they do not know, as createClient does: a misspelled option, at any level,
// throws at once instead of serving the demo data or injecting no faults.
import { describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/index.js";
import { createMockWandb } from "../../mocks/msw.js";

const run = { entity: "acme", project: "p", id: "r1" };

describe("createMockWandb", () => {
  it.each<[string, unknown, RegExp]>([
    [
      "runz",
      { runz: [] },
      /createMockWandb: unknown option "runz"; known options: runs, sweeps, projects, apiKey, faults, viewer/,
    ],
    ["a fault option", { faults: { dropRat: 0.1 } }, /faults: unknown option "dropRat"/],
    [
      "a rate-limit option",
      { faults: { rateLimit: { burstEvry: 3 } } },
      /faults\.rateLimit: unknown option "burstEvry"/,
    ],
    [
      "a latency range",
      { faults: { latencyMs: { min: 1, mx: 2 } } },
      /faults\.latencyMs: unknown option "mx"/,
    ],
    ["a run field", { runs: [{ ...run, sumary: { acc: 1 } }] }, /runs\[0\]: unknown option "sumary"/],
    [
      "an artifact field",
      { runs: [{ ...run, loggedArtifacts: [{ name: "m", type: "model", version: 0, alias: "x" }] }] },
      /runs\[0\]\.loggedArtifacts\[0\]: unknown option "alias"/,
    ],
    [
      "a user field",
      { runs: [{ ...run, user: { usename: "x" } }] },
      /runs\[0\]\.user: unknown option "usename"/,
    ],
    ["a viewer field", { viewer: { username: "x", team: "y" } }, /viewer: unknown option "team"/],
    [
      "a file fault",
      { faults: { files: { expiredUrls: 1 } } },
      /faults\.files: unknown option "expiredUrls"/,
    ],
    [
      "a run file field",
      { runs: [{ ...run, files: [{ name: "a.txt", contents: "x" }] }] },
      /runs\[0\]\.files\[0\]: unknown option "contents"/,
    ],
    [
      "an artifact file field",
      {
        runs: [
          { ...run, loggedArtifacts: [{ name: "m", type: "model", version: 0, files: [{ name: "a" }] }] },
        ],
      },
      /runs\[0\]\.loggedArtifacts\[0\]\.files\[0\]: unknown option "name"/,
    ],
    [
      "a standalone artifact field",
      { artifacts: [{ entity: "a", project: "b", name: "m", type: "model", version: 0, creator: {} }] },
      /artifacts\[0\]: unknown option "creator"/,
    ],
    [
      "a project field",
      { projects: [{ entity: "a", projekt: "b" }] },
      /projects\[0\]: unknown option "projekt"/,
    ],
  ])("an unknown name: %s", (_what, options, message) => {
    expect(() => createMockWandb(options as never)).toThrow(TypeError);
    expect(() => createMockWandb(options as never)).toThrow(message);
  });

  it.each<[string, unknown, RegExp]>([
    ["options", "demo", /createMockWandb must be an object/],
    ["runs", { runs: { r1: run } }, /runs must be an array/],
    ["a run", { runs: [null] }, /runs\[0\] must be an object/],
    ["apiKey", { apiKey: 42 }, /apiKey must be string, got number/],
    ["faults", { faults: 0.5 }, /faults must be an object/],
    ["a fault rate", { faults: { dropRate: "10%" } }, /faults\.dropRate must be number, got string/],
    ["config", { runs: [{ ...run, config: [1] }] }, /runs\[0\]\.config must be an object/],
    [
      "createdAt",
      { runs: [{ ...run, createdAt: 1_700_000_000 }] },
      /createdAt must be string or date or null/,
    ],
  ])("a wrong kind: %s", (_what, options, message) => {
    expect(() => createMockWandb(options as never)).toThrow(TypeError);
    expect(() => createMockWandb(options as never)).toThrow(message);
  });

  it("still refuses numbers out of range with a RangeError", () => {
    expect(() => createMockWandb({ faults: { dropRate: 2 } })).toThrow(RangeError);
  });

  it("takes every documented option", () => {
    const mock = createMockWandb({
      runs: [
        {
          ...run,
          summary: { acc: 1 },
          loggedArtifacts: [{ name: "m", type: "model", version: 0 }],
          usedArtifacts: [{ name: "d", type: "dataset", version: 1, usedAs: ["train"] }],
        },
      ],
      projects: [{ entity: "acme", project: "empty" }],
      apiKey: "k",
      faults: { seed: 2, latencyMs: { min: 0, max: 1 }, rateLimit: { burstEvery: 5 }, dropRate: 0 },
      viewer: null,
    });
    expect(mock.runs).toHaveLength(1);
  });
});

describe("startMockServer", () => {
  it("refuses an unknown name, a port of the wrong kind and one out of range, before listening", async () => {
    await expect(startMockServer({ prot: 8080 } as never)).rejects.toThrow(
      /startMockServer: unknown option "prot"; known options: runs, sweeps, projects, apiKey, faults, viewer, serverLacks, artifacts, port/,
    );
    await expect(startMockServer({ port: "8080" } as never)).rejects.toThrow(TypeError);
    await expect(startMockServer({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startMockServer({ faults: { truncRate: 1 } } as never)).rejects.toThrow(TypeError);
  });
});
