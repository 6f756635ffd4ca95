// Used versions come from Run.inputArtifacts, an InputArtifactConnection whose edges say what the
// run used each version as (usedAs); logged versions from an ArtifactConnection, which has none.
import { describe, expect, it } from "vitest";
import {
  runLoggedArtifactVersions,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const manyUsed = Array.from({ length: 130 }, (_, version) => ({
  name: "shards",
  type: "dataset",
  version,
  usedAs: [`shard-${version}`],
}));

const mock = useMockWandb({
  runs: [
    {
      entity: "acme",
      project: "lineage",
      id: "train001",
      usedArtifacts: [
        { name: "training-data", type: "dataset", version: 3, usedAs: ["train", "eval"] },
        { name: "tokenizer", type: "model", version: 0 },
      ],
      loggedArtifacts: [{ name: "model", type: "model", version: 0 }],
    },
    { entity: "acme", project: "lineage", id: "shards01", usedArtifacts: manyUsed },
  ],
});

describe("runUsedArtifactVersions: usedAs", () => {
  it("carries the names the run used each version under, empty when it gave none", async () => {
    const run = mockClient().run("acme/lineage/train001");
    const used = await runUsedArtifactVersions(run);
    expect(used.map((version) => [version.qualifiedName, version.usedAs])).toEqual([
      ["acme/lineage/training-data:v3", ["train", "eval"]],
      ["acme/lineage/tokenizer:v0", []],
    ]);
    expect((await runUsedArtifactVersion(run, "training-data:v3"))?.usedAs).toEqual(["train", "eval"]);
    expect(mock.requests).toHaveLength(1);
  });

  it("asks for used and logged versions of a run in one request, each with its own page selection", async () => {
    const run = mockClient().run("acme/lineage/train001");
    const [used, logged] = await Promise.all([runUsedArtifactVersions(run), runLoggedArtifactVersions(run)]);
    expect(used).toHaveLength(2);
    expect(logged.map((version) => version.qualifiedName)).toEqual(["acme/lineage/model:v0"]);
    expect(logged[0]).not.toHaveProperty("usedAs");
    expect(mock.requests.map((request) => request.operationName)).toEqual(["RunsByName"]);
  });

  it("keeps usedAs on the pages after the first (RunInputArtifacts)", async () => {
    const used = await runUsedArtifactVersions(mockClient().run("acme/lineage/shards01"));
    expect(used).toHaveLength(130);
    expect(used.map((version) => version.usedAs)).toEqual(manyUsed.map((version) => version.usedAs));
    expect(mock.requests.map((request) => request.operationName)).toEqual([
      "RunsByName",
      "RunInputArtifacts",
    ]);
  });
});
