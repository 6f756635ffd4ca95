// The mock's sweeps (Project.sweep) and system-metric rows (Run.events), as W&B writes them.
import { describe, expect, it } from "vitest";
import { demoFacts, demoRuns, demoSweeps, mockRun } from "../../mocks/index.js";
import { gql, useMsw } from "./support.js";

const msw = useMsw();

describe("Run.events", () => {
  it("serves rows as JSON text with W&B's _wandb marker and bare NaN, sorted and sampled", async () => {
    msw.serve({
      runs: [
        mockRun({
          id: "r1",
          systemHistory: [
            { _timestamp: 30, "system.cpu": 3 },
            { _timestamp: 10, "system.cpu": Number.NaN },
            { _timestamp: 20, "system.cpu": 2 },
          ],
        }),
        mockRun({ id: "r2" }),
      ],
    });
    const query = `query E($samples: Int) { project(name: "vision", entityName: "acme") {
      r1: run(name: "r1") { events(samples: $samples) } r2: run(name: "r2") { events } } }`;
    const all = await gql(query, {});
    const project = all.body.data?.project as Record<string, { events: string[] }>;
    expect(project.r1?.events).toEqual([
      '{"_timestamp": 10, "system.cpu": NaN, "_wandb": true}',
      '{"_timestamp": 20, "system.cpu": 2, "_wandb": true}',
      '{"_timestamp": 30, "system.cpu": 3, "_wandb": true}',
    ]);
    expect(project.r2?.events).toEqual([]);
    const two = await gql(query, { samples: 2 });
    const sampled = (two.body.data?.project as Record<string, { events: string[] }> | undefined)?.r1?.events;
    expect(sampled?.map((row) => JSON.parse(row.replace("NaN", "null"))._timestamp)).toEqual([10, 30]);
  });
});

describe("Project.sweep", () => {
  it("serves described sweeps, a default one for a sweep only runs name, and null for none", async () => {
    msw.serve({
      runs: [
        mockRun({ id: "a", sweepName: "s1" }),
        mockRun({ id: "b", sweepName: "s1" }),
        mockRun({ id: "c", sweepName: "s2" }),
      ],
      sweeps: [
        { entity: "acme", project: "vision", name: "s1", state: "RUNNING", method: "bayes", bestLoss: 0.5 },
      ],
    });
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") {
        s1: sweep(sweepName: "s1") { id name displayName method state description bestLoss config createdAt updatedAt runCount runCountExpected }
        s2: sweep(sweepName: "s2") { name state method config runCount }
        s3: sweep(sweepName: "nope") { name } } }`,
      {},
    );
    const project = answer.body.data?.project as Record<string, Record<string, unknown> | null>;
    expect(project.s1).toMatchObject({
      name: "s1",
      state: "RUNNING",
      method: "bayes",
      bestLoss: 0.5,
      runCount: 2,
    });
    expect(project.s1?.config).toMatch(/^method: bayes\n/);
    expect(project.s1?.createdAt).toBe("2024-01-01T00:00:00");
    expect(project.s2).toMatchObject({ name: "s2", state: "FINISHED", method: "random", runCount: 1 });
    expect(project.s3).toBeNull();
  });

  it("gives the demo's sweep runs the sweeps demoFacts describes", () => {
    const sweeps = demoSweeps();
    expect(sweeps.map((sweep) => [sweep.name, sweep.state])).toEqual(
      Object.entries(demoFacts.sweepDetails).map(([name, details]) => [name, details.state]),
    );
    const named = new Set(
      demoRuns().flatMap((run) => (run.sweepName ? [`${run.project}/${run.sweepName}`] : [])),
    );
    expect([...named].sort()).toEqual(sweeps.map((sweep) => `${sweep.project}/${sweep.name}`).sort());
  });

  it("gives the demo's known run system metrics with a NaN and a row every 30 s", () => {
    const known = demoRuns().find((run) => run.id === demoFacts.knownRun.id);
    expect(known?.systemMetrics?.["system.gpu.0.temp"]).toBeNaN();
    expect(known?.systemHistory).toHaveLength(demoFacts.knownRun.systemHistoryRows);
  });
});
