// demoRuns() holds what demoFacts says, every time, fast; and the mock serves it that way.
import { describe, expect, it } from "vitest";
import { demoRuns } from "../../mocks/demo-data.js";
import { demoFacts } from "../../mocks/demo-facts.js";
import { parseWireTimeMs } from "../../mocks/time.js";
import type { MockRun } from "../../mocks/types.js";
import { artifactFiles, artifactVersion, createClient } from "../../src/index.js";
import { gql, parseJsonString, projectOf, useMsw } from "./support.js";

const msw = useMsw();
const mock = msw.serve();
const runs = demoRuns();

function countBy(items: readonly MockRun[], key: (run: MockRun) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of items) counts[key(run)] = (counts[key(run)] ?? 0) + 1;
  return counts;
}

function learningRates(project: string, above: boolean): number {
  return runs.filter((run) => {
    const rate = run.config?.learning_rate;
    return run.project === project && typeof rate === "number" && (above ? rate > 0.01 : rate < 0.01);
  }).length;
}

function logged(name: string): Array<{ run: MockRun; version: number; aliases: string[] }> {
  return runs.flatMap((run) =>
    (run.loggedArtifacts ?? [])
      .filter((artifact) => artifact.name === name)
      .map((artifact) => ({ run, version: artifact.version, aliases: artifact.aliases ?? [] })),
  );
}

async function runFields(path: string, selection: string): Promise<Record<string, unknown>> {
  const [entity, project, id] = path.split("/");
  const answer = await gql(
    `{ project(name: "${project}", entityName: "${entity}") { run(name: "${id}") { ${selection} } } }`,
  );
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ run: Record<string, unknown> }>(answer).run;
}

describe("demoRuns()", () => {
  it("is the same on every call, and fast", () => {
    expect(demoRuns()).toEqual(runs);
    const started = performance.now();
    demoRuns();
    // 200 ms is the aim; the bound is generous so a slow machine does not fail it.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(mock.runs).toEqual(runs);
  });

  it("holds the counts demoFacts gives", () => {
    expect(runs).toHaveLength(demoFacts.totalRuns);
    expect(runs.filter((run) => run.project === "vision")).toHaveLength(demoFacts.projects.vision.runCount);
    expect(runs.filter((run) => run.project === "nlp")).toHaveLength(demoFacts.projects.nlp.runCount);
    expect(new Set(runs.map((run) => `${run.project}/${run.id}`)).size).toBe(runs.length);
    const { counts } = demoFacts;
    expect(countBy(runs, (run) => run.state ?? "finished")).toEqual(counts.byState);
    expect(countBy(runs, (run) => run.jobType ?? "none")).toEqual(counts.byJobType);
    expect(countBy(runs, (run) => run.user?.username ?? "none")).toEqual({ ...counts.byUser, none: 1 });
    for (const project of ["vision", "nlp"] as const) {
      const inProject = runs.filter((run) => run.project === project);
      const { byState, byJobType } = counts.perProject[project];
      const nonZero = (record: Record<string, number>) =>
        Object.fromEntries(Object.entries(record).filter(([, n]) => n));
      expect(countBy(inProject, (run) => run.state ?? "finished")).toEqual(nonZero(byState));
      expect(countBy(inProject, (run) => run.jobType ?? "none")).toEqual(nonZero(byJobType));
    }
    expect({ vision: learningRates("vision", true), nlp: learningRates("nlp", true) }).toEqual(
      counts.learningRateAbove001,
    );
    expect({ vision: learningRates("vision", false), nlp: learningRates("nlp", false) }).toEqual(
      counts.learningRateBelow001,
    );
    expect(logged("evaluation")).toHaveLength(counts.evaluationVersions);
    expect(logged("bert-classifier")).toHaveLength(counts.bertClassifierVersions);
    const lastEvaluation = logged("evaluation").find((entry) => entry.run.id === demoFacts.evalRun.id);
    expect(lastEvaluation).toMatchObject({
      version: demoFacts.evalRun.evaluationVersion,
      aliases: ["latest"],
    });
    expect(Object.keys(counts.byUser)).toEqual([...demoFacts.usernames]);
  });

  it("dates every run in 2024 or 2025", () => {
    for (const run of runs) {
      const created =
        run.createdAt instanceof Date ? run.createdAt.getTime() : parseWireTimeMs(run.createdAt ?? "");
      expect(created).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
      expect(created).toBeLessThan(Date.UTC(2026, 0, 1));
    }
  });

  it("uses the config and summary keys of W&B's examples", () => {
    const trained = runs.filter((run) => run.state === "finished" && run.history && run.history.length > 0);
    for (const run of trained) {
      expect(Object.keys(run.config ?? {})).toEqual(
        expect.arrayContaining(["learning_rate", "batch_size", "optimizer", "epochs", "model"]),
      );
    }
    const summaries = runs.map((run) => run.summary ?? {});
    for (const key of [
      "accuracy",
      "val_loss",
      "best_val_loss",
      "training_time_seconds",
      "train/loss",
      "val/acc",
      "eval",
    ]) {
      expect(summaries.filter((summary) => key in summary).length).toBeGreaterThan(200);
    }
    const typed = summaries.flatMap((summary) =>
      Object.values(summary).flatMap((value) =>
        value !== null && typeof value === "object" && !Array.isArray(value) && "_type" in value
          ? [value._type]
          : [],
      ),
    );
    expect(new Set(typed)).toEqual(new Set(["histogram", "image-file", "table-file"]));
    expect(summaries.filter((summary) => Number.isNaN(summary.val_loss)).length).toBeGreaterThan(1);
    expect(summaries.filter((summary) => summary.best_val_loss === "NaN").length).toBeGreaterThan(1);
    const batchSizes = new Set(runs.map((run) => run.config?.batch_size));
    expect(batchSizes).toEqual(new Set([32, 64, 128]));
  });
});

describe("the notable runs, as the mock serves them", () => {
  const { knownRun } = demoFacts;

  it("knownRun has its known fields, config, summary and history", async () => {
    const run = await runFields(
      knownRun.path,
      "name displayName state jobType tags group notes createdAt heartbeatAt user { username name } config summaryMetrics historyLineCount historyKeys",
    );
    expect(run).toMatchObject({
      name: knownRun.id,
      displayName: knownRun.displayName,
      state: knownRun.state,
      jobType: knownRun.jobType,
      tags: knownRun.tags,
      group: knownRun.group,
      notes: knownRun.notes,
      createdAt: knownRun.createdAt,
      heartbeatAt: knownRun.heartbeatAt,
      user: knownRun.user,
      historyLineCount: knownRun.historyLineCount,
      historyKeys: { lastStep: knownRun.lastStep },
    });
    const config = parseJsonString(run.config) as Record<string, { value: unknown }>;
    for (const [key, value] of Object.entries(knownRun.config))
      expect(config[key]).toEqual({ value, desc: null });
    expect(parseJsonString(run.summaryMetrics)).toMatchObject({
      ...knownRun.summary,
      _step: knownRun.lastStep,
      _runtime: knownRun.runtimeSeconds,
      _wandb: { runtime: knownRun.runtimeSeconds },
      weights: { _type: "histogram" },
    });
    expect(Object.keys((run.historyKeys as { keys: object }).keys)).toEqual(
      expect.arrayContaining(["loss", "train/loss", "val/acc", "eval.f1"]),
    );
  });

  it("knownRun's model:v5 is as large as the files of its manifest together, as W&B counts a version's size", async () => {
    const [entity, project] = knownRun.path.split("/");
    const model = createClient({ apiKey: "k" }).artifact(
      `${entity}/${project}/model:v${knownRun.loggedArtifact.version}`,
    );
    const files = await artifactFiles(model);
    expect(files.map((file) => file.path).sort()).toEqual(
      [...knownRun.modelFiles.paths, knownRun.modelFiles.reference.path].sort(),
    );
    expect(files.reduce((sum, file) => sum + (file.size ?? 0), 0)).toBe(knownRun.loggedArtifact.size);
    expect((await artifactVersion(model)).size).toBe(knownRun.loggedArtifact.size);
  });

  it("knownRun logs model:v5 (latest, best, and a registry link) and uses the very training-data:v3 logged before", async () => {
    const run = await runFields(
      knownRun.path,
      "outputArtifacts { edges { node { id versionIndex size aliases { alias artifactCollection { __typename name project { name entity { name } } } } } } } inputArtifacts { edges { node { id versionIndex artifactSequence { name } } } }",
    );
    const outputs = run.outputArtifacts as { edges: Array<{ node: Record<string, unknown> }> };
    const { loggedArtifact } = knownRun;
    expect(outputs.edges[0]?.node).toMatchObject({
      versionIndex: loggedArtifact.version,
      size: loggedArtifact.size,
    });
    const aliases =
      (outputs.edges[0]?.node.aliases as Array<{ alias: string; artifactCollection: unknown }>) ?? [];
    expect(aliases.map((alias) => alias.alias)).toEqual([...loggedArtifact.aliases, "v5", "production"]);
    expect(aliases.at(-1)?.artifactCollection).toEqual({
      __typename: "ArtifactPortfolio",
      name: loggedArtifact.registryLink.collection,
      project: {
        name: loggedArtifact.registryLink.project,
        entity: { name: loggedArtifact.registryLink.entity },
      },
    });
    const used = (run.inputArtifacts as { edges: Array<{ node: { id: string; versionIndex: number } }> })
      .edges[0]?.node;
    expect(used?.versionIndex).toBe(knownRun.usedArtifact.version);
    const prep = await runFields(
      demoFacts.trainingData.newPrepRun.path,
      "outputArtifacts { edges { node { id versionIndex aliases { alias } } } }",
    );
    const prepOutputs = (
      prep.outputArtifacts as { edges: Array<{ node: { id: string; versionIndex: number } }> }
    ).edges;
    expect(prepOutputs.map((edge) => edge.node.versionIndex)).toEqual([2, 3]);
    expect(prepOutputs[1]?.node.id).toBe(used?.id);
  });

  it("noUserRun has no user, pendingRun no heartbeat and no history", async () => {
    expect(await runFields(demoFacts.noUserRun.path, "user { username }")).toEqual({ user: null });
    expect(
      await runFields(demoFacts.pendingRun.path, "state heartbeatAt historyKeys historyLineCount"),
    ).toEqual({
      state: "pending",
      heartbeatAt: null,
      historyKeys: null,
      historyLineCount: 0,
    });
  });

  it("longHistoryRun has 5,000 steps, resumedRun starts at step 100", async () => {
    const { longHistoryRun, resumedRun } = demoFacts;
    const long = await runFields(longHistoryRun.path, "historyLineCount historyKeys");
    expect(long.historyLineCount).toBe(longHistoryRun.steps);
    expect(long.historyKeys).toMatchObject({
      lastStep: longHistoryRun.lastStep,
      keys: { "val/acc": { typeCounts: [{ type: "number", count: longHistoryRun.valAccRows }] } },
    });
    const resumed = await runFields(resumedRun.path, "history(samples: 2) historyKeys");
    expect(
      (resumed.history as string[]).map((row) => (parseJsonString(row) as { _step: number })._step),
    ).toEqual([resumedRun.firstStep, resumedRun.lastStep]);
  });

  it("manyArtifactsRun logs 130 checkpoints with best on the second page of 100", async () => {
    const { manyArtifactsRun } = demoFacts;
    const run = await runFields(
      manyArtifactsRun.path,
      `outputArtifacts(first: 100) { totalCount pageInfo { hasNextPage } }`,
    );
    expect(run.outputArtifacts).toEqual({
      totalCount: manyArtifactsRun.count,
      pageInfo: { hasNextPage: true },
    });
    const versions = logged(manyArtifactsRun.collection);
    expect(versions).toHaveLength(manyArtifactsRun.count);
    expect(versions.findIndex((entry) => entry.aliases.includes("best"))).toBeGreaterThanOrEqual(100);
    expect(versions.find((entry) => entry.aliases.includes("best"))?.version).toBe(
      manyArtifactsRun.secondPageTargetVersion,
    );
    expect(versions.find((entry) => entry.aliases.includes("latest"))?.version).toBe(
      manyArtifactsRun.latestVersion,
    );
  });

  it("trainingData: the old prep run logs v0 and v1, olderDataRun uses v1", async () => {
    const { trainingData } = demoFacts;
    const old = await runFields(
      trainingData.oldPrepRun.path,
      "createdAt outputArtifacts { edges { node { versionIndex } } }",
    );
    expect(old).toEqual({
      createdAt: trainingData.oldPrepRun.createdAt,
      outputArtifacts: { edges: [{ node: { versionIndex: 0 } }, { node: { versionIndex: 1 } }] },
    });
    const older = await runFields(
      trainingData.olderDataRun.path,
      "inputArtifacts { edges { node { versionIndex artifactSequence { name } } } }",
    );
    expect(older.inputArtifacts).toEqual({
      edges: [
        {
          node: {
            versionIndex: trainingData.olderVersionUsed,
            artifactSequence: { name: trainingData.collection },
          },
        },
      ],
    });
  });

  it("evalRun uses model:v5 and logs evaluation:latest", async () => {
    const run = await runFields(
      demoFacts.evalRun.path,
      "jobType inputArtifacts { edges { node { versionIndex artifactSequence { name } } } } outputArtifacts { edges { node { versionIndex artifactType { name } aliases { alias } } } }",
    );
    expect(run).toEqual({
      jobType: "eval",
      inputArtifacts: { edges: [{ node: { versionIndex: 5, artifactSequence: { name: "model" } } }] },
      outputArtifacts: {
        edges: [
          {
            node: {
              versionIndex: demoFacts.evalRun.evaluationVersion,
              artifactType: { name: "evaluation" },
              aliases: [{ alias: "latest" }, { alias: `v${demoFacts.evalRun.evaluationVersion}` }],
            },
          },
        ],
      },
    });
  });

  it("nonFiniteRun, stringNaNRun and mediaRun carry the summary quirks", async () => {
    const nonFinite = (await runFields(demoFacts.nonFiniteRun.path, "state summaryMetrics")) as {
      summaryMetrics: string;
    };
    expect(nonFinite.summaryMetrics).toContain('"val_loss": NaN');
    expect(nonFinite.summaryMetrics).toContain('"grad_norm": Infinity');
    expect(nonFinite.summaryMetrics).toContain('"min_grad": -Infinity');
    const strings = (await runFields(demoFacts.stringNaNRun.path, "summaryMetrics")) as {
      summaryMetrics: string;
    };
    expect(strings.summaryMetrics).toContain('"best_val_loss": "NaN"');
    expect(strings.summaryMetrics).toContain('"val_loss": "Infinity"');
    const media = parseJsonString(
      (await runFields(demoFacts.mediaRun.path, "summaryMetrics")).summaryMetrics,
    );
    expect(media).toMatchObject({ examples: { _type: "image-file" }, predictions: { _type: "table-file" } });
  });

  it("fractionalTimes go out verbatim; sameCreatedAt runs list by ID", async () => {
    for (const time of demoFacts.fractionalTimes) {
      expect(await runFields(time.path, "createdAt heartbeatAt")).toEqual({
        createdAt: time.createdAt,
        heartbeatAt: time.heartbeatAt,
      });
    }
    const filters = JSON.stringify({ createdAt: demoFacts.sameCreatedAt.createdAt });
    const answer = await gql(
      `query Q($filters: JSONString) { project(name: "nlp", entityName: "acme") { runs(filters: $filters) { edges { node { name } } } } }`,
      { filters },
    );
    const names = projectOf<{ runs: { edges: Array<{ node: { name: string } }> } }>(answer).runs.edges.map(
      (edge) => edge.node.name,
    );
    expect(names).toEqual(demoFacts.sameCreatedAt.ids);
  });

  it("sweep runs name their sweep and group", () => {
    const sweeps = runs.filter((run) => run.jobType === "sweep");
    for (const run of sweeps) {
      expect(demoFacts.sweeps[run.project as "vision" | "nlp"]).toContain(run.sweepName);
      expect(run.group).toBe(`sweep-${run.sweepName}`);
    }
  });
});

describe("every demo artifact version", () => {
  it("lists files whose sizes add up to the size it claims (training-data:v3 included)", async () => {
    const versions = new Map<string, { entity: string; project: string }>();
    for (const run of runs) {
      for (const artifact of [...(run.loggedArtifacts ?? []), ...(run.usedArtifacts ?? [])]) {
        versions.set(`${run.entity}/${run.project}/${artifact.name}:v${artifact.version}`, run);
      }
    }
    expect(versions.size).toBeGreaterThan(100);
    expect(versions.has("acme/vision/training-data:v3")).toBe(true);
    const wb = createClient({ apiKey: "k" });
    const before = mock.requests.length;
    const checked = await Promise.all(
      [...versions.keys()].map(async (path) => {
        const artifact = wb.artifact(path);
        const [version, files] = await Promise.all([artifactVersion(artifact), artifactFiles(artifact)]);
        const sum = files.reduce((total, file) => total + (file.size ?? 0), 0);
        return { path, size: version.size, sum, files: files.length, fileCount: version.fileCount };
      }),
    );
    const wrong = checked.filter((entry) => entry.files === 0 || entry.sum !== entry.size);
    expect(wrong).toEqual([]);
    expect(checked.filter((entry) => entry.fileCount !== entry.files)).toEqual([]);
    const data = checked.find((entry) => entry.path === "acme/vision/training-data:v3");
    expect(data).toMatchObject({ size: 62_914_560, sum: 62_914_560, files: 2 });
    // Versions are looked up in batches; each manifest's URL is one request more: about one
    // GraphQL request per version, and never two.
    expect(mock.requests.length - before).toBeLessThan(2 * versions.size);
  }, 120_000);
});
