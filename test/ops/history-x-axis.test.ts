// runHistory's xAxis, as Python's run.history(x_axis=…): each row holds the x-axis key, rows
// without it are left out, and the spec W&B receives puts the x-axis beside _step.
import { describe, expect, it } from "vitest";
import { mockHistory, mockRun } from "../../mocks/index.js";
import { InvalidArgumentError, runHistory } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const mock = useMockWandb({
  runs: [
    mockRun({
      id: "epochs",
      // epoch logged every 10 steps, loss every step, acc every 5 steps.
      history: mockHistory(30, (step) => ({
        loss: 1 / (step + 1),
        acc: step % 5 === 0 ? step / 30 : undefined,
        epoch: step % 10 === 0 ? step / 10 : undefined,
      })),
    }),
  ],
});

describe("runHistory xAxis", () => {
  it("keeps the rows that hold the x-axis key, with it, for each key asked", async () => {
    const run = mockClient().run("acme/vision/epochs");
    const rows = await runHistory(run, { keys: ["loss", "acc"], xAxis: "epoch" });
    expect(rows).toEqual([
      { _step: 0, epoch: 0, loss: 1, acc: 0 },
      { _step: 10, epoch: 1, loss: 1 / 11, acc: 10 / 30 },
      { _step: 20, epoch: 2, loss: 1 / 21, acc: 20 / 30 },
    ]);
    expect(mock.requests).toHaveLength(1);
    const specs = ((mock.requests[0]?.variables.historySpecs ?? []) as string[]).map((spec) =>
      JSON.parse(spec),
    );
    expect(specs).toEqual([
      { keys: ["_step", "epoch", "loss"], samples: 500 },
      { keys: ["_step", "epoch", "acc"], samples: 500 },
    ]);
  });

  it("without keys, drops the rows that lack the x-axis; _step is the default and changes nothing", async () => {
    const run = mockClient().run("acme/vision/epochs");
    const rows = await runHistory(run, { xAxis: "epoch" });
    expect(rows.map((row) => row._step)).toEqual([0, 10, 20]);
    expect(await runHistory(run, { xAxis: "_step" })).toHaveLength(30);
    expect(mock.requests).toHaveLength(1); // the second call is answered from the cache
  });

  it("refuses an x-axis that is not a key name, before sending", async () => {
    const run = mockClient().run("acme/vision/epochs");
    await expect(runHistory(run, { xAxis: "" })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(runHistory(run, { xAxis: 3 as never })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(mock.requests).toHaveLength(0);
  });
});
