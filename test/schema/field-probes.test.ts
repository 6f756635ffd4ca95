// The live contract suite's field probes (test/live/), checked offline: derived from the generated
// operations, one per selected leaf field, valid against schema/, with a value for every variable,
// and clean when sent to the mock W&B, which executes them against schema/ as the server would.
import { isObjectType, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/index.js";
import { runLoggedArtifactVersion } from "../../src/index.js";
import { mockClient, testApiKey, useMockWandb } from "../helpers/mock-wandb.js";
import { loadSchema, operationDocuments } from "../helpers/schema.js";
import { fieldProbes } from "../live/field-probes.js";
import { describeFailures, probeVariables, runProbes, typeProblems } from "../live/probe-runner.js";

const schema = loadSchema();
const documents = operationDocuments();
const probes = fieldProbes(schema, documents);
const known = demoFacts.knownRun;
// The mock numbers versions in the order the demo describes them; the known run's model:v5 is the
// version the probes reach (its id is checked below against what the SDK reads).
const knownModelId = Buffer.from("Artifact:1", "utf8").toString("base64");
const variables = probeVariables({
  entity: demoFacts.entity,
  project: "vision",
  run: known.id,
  configKey: "learning_rate",
  summaryKey: "accuracy",
  artifact: {
    id: knownModelId,
    collection: "model",
    alias: `v${known.loggedArtifact.version}`,
    type: "model",
  },
  sweep: demoFacts.sweeps.vision[0],
});

describe("field probes", () => {
  it("probe every operation of queries/", () => {
    expect(probes.length).toBeGreaterThan(documents.length);
    const operations = new Set(probes.map((probe) => probe.operation));
    expect([...operations].sort()).toEqual(documents.map(([name]) => name.replace(/Document$/, "")).sort());
  });

  it("cover the fields the SDK reads", () => {
    const coordinates = new Set(probes.map((probe) => probe.coordinate));
    for (const coordinate of [
      "Run.config",
      "Run.summaryMetrics",
      "Run.createdAt",
      "Run.heartbeatAt",
      "Run.history",
      "Run.sampledHistory",
      "Run.historyKeys",
      "User.username",
      "Artifact.versionIndex",
      "ArtifactAlias.alias",
      "Project.runCount",
      "RunEdge.cursor",
    ]) {
      expect(coordinates).toContain(coordinate);
    }
  });

  it("each select one leaf along their operation's path, and validate against schema/", () => {
    for (const probe of probes) {
      expect(validate(schema, probe.document), probe.path.join(".")).toEqual([]);
      expect(probe.document.definitions).toHaveLength(1);
    }
    const aliased = probes.find((probe) => probe.path.at(-1) === "summarySubset");
    expect(aliased?.coordinate).toBe("Run.summaryMetrics");
    expect(aliased?.variables).toContain("summaryKeys");
  });

  it("have a value for every variable they use", () => {
    const missing = probes.flatMap((probe) => probe.variables.filter((name) => !(name in variables)));
    expect(missing).toEqual([]);
  });

  it("tell values that do not fit schema/", () => {
    const artifact = schema.getType("Artifact");
    const size = isObjectType(artifact) ? artifact.getFields().size?.type : undefined;
    if (!size) throw new Error("schema/ has no Artifact.size");
    expect(typeProblems(1024, size, "size")).toEqual([]);
    expect(typeProblems("1024", size, "size")).toEqual(['size: "1024" does not fit Int64!']);
    expect(typeProblems(null, size, "size")).toEqual(["size: null where schema/ says Int64!"]);
  });
});

describe("field probes against the mock W&B", () => {
  const mock = useMockWandb();

  it("come back clean for the demo's known run, each reaching a value", async () => {
    const results = await runProbes(
      { url: "https://api.wandb.ai/graphql", apiKey: testApiKey },
      probes,
      variables,
    );
    expect(describeFailures(results)).toEqual([]);
    expect(
      results.filter((result) => result.values === 0).map((result) => result.probe.path.join(".")),
    ).toEqual([]);
    expect(mock.requests).toHaveLength(probes.length);
  });

  it("reach the known run's model:v5 by the id the SDK reads for it", async () => {
    const model = await runLoggedArtifactVersion(mockClient().run(known.path), "model:latest");
    expect(model?.id).toBe(knownModelId);
  });

  it("report the field a server's schema lacks", async () => {
    const probe = probes.find((candidate) => candidate.coordinate === "Run.jobType");
    if (!probe) throw new Error("no probe of Run.jobType");
    // The same probe, as it would read if queries/ selected a field W&B does not have.
    const drifted = JSON.parse(
      JSON.stringify(probe.document).replace('"value":"jobType"', '"value":"jobKind"'),
    );
    const [result] = await runProbes(
      { url: "https://api.wandb.ai/graphql", apiKey: testApiKey },
      [{ ...probe, document: drifted }],
      variables,
    );
    expect(describeFailures(result ? [result] : [])).toEqual([
      `Run.jobType at ${probe.path.join(".")}: Cannot query field "jobKind" on type "Run".`,
    ]);
  });
});
