// The SDK's own generated documents against the demo dataset: what the SDK will really send.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import {
  ListRunsDocument,
  type ListRunsQuery,
  RunCountDocument,
  RunHistoryPageDocument,
  RunInputArtifactsDocument,
  RunOutputArtifactsDocument,
  RunsByNameDocument,
  type RunsByNameQueryVariables,
  ViewerDocument,
} from "../../src/_generated/graphql.js";
import { type Answer, gqlTyped, parseJsonString, useMsw } from "./support.js";

const msw = useMsw();
const wandb = msw.serve();
const { knownRun, manyArtifactsRun, longHistoryRun } = demoFacts;

const batchOff: Omit<RunsByNameQueryVariables, "entity" | "project" | "filters" | "first"> = {
  withLight: false,
  withConfig: false,
  withConfigKeys: false,
  withSummary: false,
  withSummaryKeys: false,
  withOutputArtifacts: false,
  withInputArtifacts: false,
  artifactPageSize: 100,
  withHistory: false,
  withNotes: false,
  withSystemMetrics: false,
  withHistoryKeys: false,
  withEvents: false,
  withSampledHistory: false,
  historySpecs: [],
};

describe("the SDK's documents against the demo dataset", () => {
  it("Viewer answers the default viewer", async () => {
    const answer = await gqlTyped(ViewerDocument, {});
    expect(answer.status).toBe(200);
    expect(answer.body.data?.viewer).toEqual({
      id: "VXNlcjox",
      name: "John Doe",
      username: "john_doe",
      email: "john.doe@example.com",
      entity: "acme",
    });
  });

  it("RunsByName with only the run IDs selected answers those runs and nothing else", async () => {
    const ids = [knownRun.id, demoFacts.noUserRun.id, "nosuchrun"];
    const answer = await gqlTyped(RunsByNameDocument, {
      entity: "acme",
      project: "vision",
      filters: JSON.stringify({ name: { $in: ids } }),
      first: 50,
      ...batchOff,
    });
    expect(answer.status).toBe(200);
    const nodes = answer.body.data?.project?.runs?.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => node.name).sort()).toEqual([knownRun.id, demoFacts.noUserRun.id].sort());
    // @include(if: false) leaves every switched group out of the answer.
    expect(Object.keys(nodes[0] ?? {})).toEqual(["name"]);
    expect(answer.body.data?.project?.runs?.pageInfo.hasNextPage).toBe(false);
  });

  it("RunsByName switches every field group on with @include", async () => {
    const answer = await gqlTyped(RunsByNameDocument, {
      entity: "acme",
      project: "vision",
      filters: JSON.stringify({ name: { $in: [knownRun.id] } }),
      first: 50,
      ...batchOff,
      withLight: true,
      withConfig: true,
      withConfigKeys: true,
      configKeys: ["learning_rate", "missing_key"],
      withSummary: true,
      withSummaryKeys: true,
      summaryKeys: ["accuracy", "train/loss"],
      withOutputArtifacts: true,
      withInputArtifacts: true,
      withHistory: true,
      historySamples: 5,
      withSampledHistory: true,
      historySpecs: [JSON.stringify({ keys: ["_step", "val/acc"], samples: 3 })],
    });
    expect(answer.body.errors).toBeUndefined();
    const node = answer.body.data?.project?.runs?.edges[0]?.node;
    expect(node).toMatchObject({
      name: knownRun.id,
      displayName: knownRun.displayName,
      state: "finished",
      tags: knownRun.tags,
      group: knownRun.group,
      jobType: "train",
      createdAt: knownRun.createdAt,
      heartbeatAt: knownRun.heartbeatAt,
      user: { name: "John Doe", username: "john_doe" },
    });
    expect(parseJsonString(node?.configSubset)).toEqual({ learning_rate: { value: 0.001, desc: null } });
    expect(parseJsonString(node?.summarySubset)).toEqual({ accuracy: 0.953, "train/loss": 0.0871 });
    const config = parseJsonString(node?.config) as Record<string, unknown>;
    expect(config.batch_size).toEqual({ value: 64, desc: null });
    const summary = parseJsonString(node?.summaryMetrics) as Record<string, unknown>;
    expect(summary).toMatchObject({ ...knownRun.summary, _step: 99, _runtime: 3627 });
    expect(node?.outputArtifacts?.edges.map((edge) => edge.node?.versionIndex)).toEqual([5]);
    expect(node?.inputArtifacts?.edges.map((edge) => edge.node?.artifactSequence.name)).toEqual([
      "training-data",
    ]);
    expect(node?.history).toHaveLength(5);
    expect(node?.sampledHistory).toEqual([
      [
        { _step: 0, "val/acc": 0.148 },
        { _step: 50, "val/acc": 0.8823 },
        { _step: 90, "val/acc": 0.9391 },
      ],
    ]);
  });

  it("ListRuns pages through a project: pages join to every run once, and RunCount agrees", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (; pages < 20; pages++) {
      const answer: Answer<ListRunsQuery> = await gqlTyped(ListRunsDocument, {
        entity: "acme",
        project: "vision",
        first: 50,
        after,
        order: "+created_at",
        withCount: pages === 0,
      });
      if (pages === 0) expect(answer.body.data?.project?.runCount).toBe(demoFacts.projects.vision.runCount);
      else expect(answer.body.data?.project).not.toHaveProperty("runCount");
      const runs = answer.body.data?.project?.runs;
      if (!runs) throw new Error("no runs connection");
      seen.push(...runs.edges.map((edge) => edge.node?.name));
      after = runs.edges.at(-1)?.cursor ?? null;
      expect(runs.pageInfo.endCursor).toBe(after);
      if (!runs.pageInfo.hasNextPage) break;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(demoFacts.projects.vision.runCount);
    expect(new Set(seen).size).toBe(seen.length);
    const count = await gqlTyped(RunCountDocument, { entity: "acme", project: "vision", filters: null });
    expect(count.body.data?.project?.runCount).toBe(demoFacts.projects.vision.runCount);
  });

  it("RunCount counts what the filters match", async () => {
    const answer = await gqlTyped(RunCountDocument, {
      entity: "acme",
      project: "nlp",
      filters: JSON.stringify({ name: { $in: [...demoFacts.sameCreatedAt.ids] } }),
    });
    expect(answer.body.data?.project?.runCount).toBe(2);
  });

  it("RunOutputArtifacts pages 130 versions with first: 100 and finds the target on page two", async () => {
    const variables = { entity: "acme", project: "vision", run: manyArtifactsRun.id, first: 100 };
    const first = await gqlTyped(RunOutputArtifactsDocument, { ...variables, after: null });
    const page1 = first.body.data?.project?.run?.outputArtifacts;
    expect(page1?.edges).toHaveLength(100);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await gqlTyped(RunOutputArtifactsDocument, {
      ...variables,
      after: page1?.pageInfo.endCursor,
    });
    const page2 = second.body.data?.project?.run?.outputArtifacts;
    expect(page2?.edges).toHaveLength(30);
    expect(page2?.pageInfo.hasNextPage).toBe(false);
    const target = page2?.edges.find((edge) => edge.node?.aliases.some((a) => a.alias === "best"))?.node;
    expect(target?.versionIndex).toBe(manyArtifactsRun.secondPageTargetVersion);
    expect(target?.aliases.map((a) => a.alias)).toEqual(["best", "v117"]);
    const versions = [...(page1?.edges ?? []), ...(page2?.edges ?? [])].map(
      (edge) => edge.node?.versionIndex,
    );
    expect(versions).toEqual(Array.from({ length: 130 }, (_, i) => i));
  });

  it("RunInputArtifacts answers the used versions", async () => {
    const answer = await gqlTyped(RunInputArtifactsDocument, {
      entity: "acme",
      project: "vision",
      run: knownRun.id,
      first: 100,
      after: null,
    });
    const edges = answer.body.data?.project?.run?.inputArtifacts?.edges ?? [];
    expect(edges.map((edge) => [edge.node?.artifactSequence.name, edge.node?.versionIndex])).toEqual([
      ["training-data", 3],
    ]);
  });

  it("RunHistoryPage returns minStep <= _step < maxStep and, on the first page, the last step", async () => {
    const answer = await gqlTyped(RunHistoryPageDocument, {
      entity: "acme",
      project: "vision",
      run: longHistoryRun.id,
      minStep: 0,
      maxStep: 1000,
      samples: 1000,
      withLastStep: true,
    });
    const run = answer.body.data?.project?.run;
    const steps = (run?.history ?? []).map((row) => (parseJsonString(row) as { _step: number })._step);
    expect(steps).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(run?.historyKeys).toMatchObject({ lastStep: longHistoryRun.lastStep });
    expect(parseJsonString(run?.lastStepSummary)).toEqual({ _step: longHistoryRun.lastStep });
  });

  it("logs each document's operation name and the runs it touched", () => {
    const names = wandb.requests.map((request) => request.operationName);
    expect(names).toContain("RunsByName");
    expect(names).toContain("RunOutputArtifacts");
    const outputs = wandb.requests.find((request) => request.operationName === "RunOutputArtifacts");
    expect(outputs?.runs).toEqual([manyArtifactsRun.path]);
  });
});
