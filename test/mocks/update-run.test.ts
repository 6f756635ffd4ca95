// updateRun: a served run changes between requests, as a live W&B run does.
import { describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/index.js";
import { runLoggedArtifactVersions, runState, runSummary } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const mock = useMockWandb({
  runs: [
    mockRun({
      id: "r1",
      state: "running",
      summary: { acc: 0.5 },
      loggedArtifacts: [{ name: "m", type: "model", version: 0 }],
    }),
    mockRun({ id: "r2", state: "running" }),
  ],
});

describe("updateRun", () => {
  it("serves the new description to later requests; listings and counts see it too", async () => {
    const wb = mockClient({ cache: false });
    const run = wb.run("acme/vision/r1");
    expect(await runState(run)).toBe("running");
    mock.updateRun("acme/vision/r1", { state: "finished", summary: { acc: 0.9 } });
    expect(await runState(run)).toBe("finished");
    expect((await runSummary(run, { keys: ["acc"] })).acc).toBe(0.9);
    expect((await runLoggedArtifactVersions(run)).map((v) => v.name)).toEqual(["m"]);
    expect(await wb.runs("acme/vision", { filters: { state: "finished" } }).count()).toBe(1);
    expect(mock.runs.find((described) => described.id === "r1")?.state).toBe("running"); // as given
  });

  it("refuses an unknown run, and changes to its path or artifacts", () => {
    expect(() => mock.updateRun("acme/vision/nope", { state: "failed" })).toThrow(
      /no mock run "acme\/vision\/nope"/,
    );
    expect(() => mock.updateRun("acme/vision/r2", { id: "r3" })).toThrow(/cannot change id/);
    expect(() => mock.updateRun("acme/vision/r2", { usedArtifacts: [] })).toThrow(
      /cannot change usedArtifacts/,
    );
  });
});
