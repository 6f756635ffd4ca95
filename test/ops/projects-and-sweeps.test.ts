// Projects, artifact types, collections and versions, sweeps and their best runs, fromPath and the
// key's default entity: results from the mock, and what each costs in requests.
import { describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/index.js";
import {
  ArtifactNotFoundError,
  artifactVersions,
  InvalidArgumentError,
  ProjectNotFoundError,
  projectArtifactCollections,
  projectArtifactTypes,
  projectInfo,
  runSummary,
  SweepNotFoundError,
  sweepBestRun,
  sweepInfo,
  sweepRuns,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const yaml = (metric: string) => `method: bayes\n${metric}parameters:\n  lr:\n    values: [0.1, 0.01]\n`;
const sweepRun = (id: string, sweepName: string, acc: number | undefined, loss: number | undefined) =>
  mockRun({
    id,
    sweepName,
    summary: { ...(acc === undefined ? {} : { acc }), ...(loss === undefined ? {} : { loss }) },
  });
const model = (version: number, aliases: string[]) => ({ name: "model", type: "model", version, aliases });

const mock = useMockWandb({
  viewer: { username: "jd", name: "J D", entity: "acme" },
  runs: [
    sweepRun("s1", "minsweep", 0.7, 0.3),
    sweepRun("s2", "minsweep", 0.9, 0.1),
    sweepRun("s3", "minsweep", 0.8, 0.2),
    sweepRun("s4", "maxsweep", 0.7, 0.3),
    sweepRun("s5", "maxsweep", 0.95, 0.5),
    sweepRun("s6", "nometric", 0.5, 0.5),
    mockRun({
      id: "logger",
      loggedArtifacts: [
        model(0, []),
        model(1, ["best"]),
        model(2, ["latest", "production"]),
        { name: "mnist", type: "dataset", version: 0, aliases: ["latest"] },
      ],
    }),
    ...Array.from({ length: 5 }, (_, i) => mockRun({ id: `p${i}`, project: `proj-${i}` })),
    mockRun({ id: "other", entity: "globex", project: "robots" }),
  ],
  sweeps: [
    {
      entity: "acme",
      project: "vision",
      name: "minsweep",
      config: yaml("metric:\n  goal: minimize\n  name: loss\n"),
    },
    {
      entity: "acme",
      project: "vision",
      name: "maxsweep",
      state: "RUNNING",
      config: yaml("metric: {goal: maximize, name: acc}\n"),
    },
    { entity: "acme", project: "vision", name: "nometric", config: yaml("") },
  ],
});

describe("projects", () => {
  it("lists every project of an entity across pages, each page one request", async () => {
    const wb = mockClient();
    const projects = await wb.projects("acme", { pageSize: 2 }).toArray();
    expect(projects.map((p) => p.name)).toEqual(["proj-0", "proj-1", "proj-2", "proj-3", "proj-4", "vision"]);
    expect(projects[5]).toMatchObject({ entity: "acme", path: "acme/vision", runCount: 7 });
    expect(projects[5]?.createdAt).toBeInstanceOf(Date);
    expect(projects[5]?.updatedAt).toBeInstanceOf(Date);
    expect(mock.requests.map((r) => r.operationName)).toEqual([
      "ListProjects",
      "ListProjects",
      "ListProjects",
    ]);
    expect(mock.requests.map((r) => r.variables.after ?? null)).toHaveLength(3);
  });

  it("without an entity, asks the key's default entity once and keeps it", async () => {
    const wb = mockClient();
    const names = (await wb.projects().toArray()).map((p) => p.name);
    expect(names).toContain("vision");
    expect(names).not.toContain("robots");
    await wb.projects().toArray();
    expect(mock.requests.map((r) => r.operationName)).toEqual(["Viewer", "ListProjects", "ListProjects"]);
  });

  it("reads one project, and names a missing one", async () => {
    const wb = mockClient();
    const info = await projectInfo(wb.project("https://wandb.ai/globex/robots/workspace?nw=x"));
    expect(info).toMatchObject({ entity: "globex", name: "robots", runCount: 1, description: null });
    await expect(projectInfo(wb.project("acme/nope"))).rejects.toBeInstanceOf(ProjectNotFoundError);
    expect(mock.requests).toHaveLength(2);
  });

  it("refuses a project handle that is not one", async () => {
    await expect(projectInfo("acme/vision" as never)).rejects.toThrow(
      /pass client.project\("acme\/vision"\)/,
    );
    expect(mock.requests).toHaveLength(0);
  });
});

describe("artifact types, collections and versions", () => {
  it("lists the types and the collections of a type", async () => {
    const wb = mockClient();
    const project = wb.project("acme/vision");
    const types = await projectArtifactTypes(project).toArray();
    expect(types.map((t) => t.name)).toEqual(["model", "dataset"]);
    const collections = await projectArtifactCollections(project, "model").toArray();
    expect(collections).toMatchObject([{ name: "model", kind: "sequence", type: "model" }]);
    expect(await projectArtifactCollections(project, "nosuchtype").toArray()).toEqual([]);
    expect(mock.requests).toHaveLength(3);
  });

  it("lists every version of a collection newest first with its aliases, one request a page", async () => {
    const wb = mockClient();
    const versions = await artifactVersions(wb.project("acme/vision"), "model", { pageSize: 2 }).toArray();
    expect(versions.map((v) => [v.version, v.aliases])).toEqual([
      [2, ["latest", "production"]],
      [1, ["best"]],
      [0, []],
    ]);
    expect(versions[0]?.qualifiedName).toBe("acme/vision/model:v2");
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[0]?.variables).toMatchObject({ filters: '{"state":"COMMITTED"}', first: 2 });
  });

  it("rejects a missing collection with ArtifactNotFoundError", async () => {
    const wb = mockClient();
    await expect(artifactVersions(wb.project("acme/vision"), "nope").toArray()).rejects.toBeInstanceOf(
      ArtifactNotFoundError,
    );
    expect(() => artifactVersions(wb.project("acme/vision"), "a/b")).toThrow(InvalidArgumentError);
  });
});

describe("sweeps", () => {
  it("reads the state, the config and the metric it names", async () => {
    const wb = mockClient();
    const [min, max, none] = await Promise.all(
      ["minsweep", "maxsweep", "nometric"].map((id) => sweepInfo(wb.sweep(`acme/vision/${id}`))),
    );
    expect(min).toMatchObject({
      id: "minsweep",
      state: "FINISHED",
      metric: { name: "loss", goal: "minimize" },
    });
    expect(max).toMatchObject({ state: "RUNNING", metric: { name: "acc", goal: "maximize" } });
    expect(none?.metric).toBeNull();
    expect(min?.configYaml).toContain("goal: minimize");
    expect(mock.requests).toHaveLength(1); // the three sweeps of one project share one request
    await expect(sweepInfo(wb.sweep("acme/vision/sweeps/missing"))).rejects.toBeInstanceOf(
      SweepNotFoundError,
    );
  });

  it("lists a sweep's runs across pages", async () => {
    const wb = mockClient();
    const runs = await sweepRuns(wb.sweep("acme/vision/minsweep"), { pageSize: 2 }).toArray();
    expect(runs.map((r) => r.id)).toEqual(["s1", "s2", "s3"]);
    expect(mock.requests).toHaveLength(2);
    expect(JSON.parse(String(mock.requests[0]?.variables.filters))).toEqual({ sweep: "minsweep" });
    const filtered = await sweepRuns(wb.sweep("acme/vision/minsweep"), {
      filters: { "summary_metrics.acc": { $gt: 0.75 } },
    }).toArray();
    expect(filtered.map((r) => r.id)).toEqual(["s2", "s3"]);
  });

  it("finds the best run by the metric and goal of the sweep's config", async () => {
    const wb = mockClient();
    const minimized = await sweepBestRun(wb.sweep("acme/vision/minsweep"), { order: undefined, fresh: true });
    const maximized = await sweepBestRun(wb.sweep("acme/vision/maxsweep"));
    expect(minimized?.id).toBe("s2");
    expect(maximized?.id).toBe("s5");
    const orders = mock.requests.filter((r) => r.operationName === "ListRuns").map((r) => r.variables.order);
    expect(orders).toEqual(["+summary_metrics.loss", "-summary_metrics.acc"]);
    expect(mock.requests.filter((r) => r.operationName === "ListRuns").map((r) => r.variables.first)).toEqual(
      [1, 1],
    );
    expect(await runSummary(maximized as NonNullable<typeof maximized>, { keys: ["acc"] })).toEqual({
      acc: 0.95,
    });
  });

  it("without a metric, asks for an order instead of guessing; with one, uses it", async () => {
    const wb = mockClient();
    const sweep = wb.sweep("acme/vision/nometric");
    await expect(sweepBestRun(sweep)).rejects.toThrow(/names no metric.*pass \{ order \}/);
    expect((await sweepBestRun(sweep, { order: "-summary_metrics.acc" }))?.id).toBe("s6");
    expect(
      await sweepBestRun(wb.sweep("acme/vision/minsweep"), { order: "+summary_metrics.nothere" }),
    ).not.toBeNull();
  });

  it("is null for a sweep without runs", async () => {
    const wb = mockClient();
    const empty = wb.sweep("acme/vision/emptysweep");
    expect(await sweepBestRun(empty, { order: "-created_at" })).toBeNull();
  });
});

describe("fromPath and the default entity", () => {
  it("turns W&B app URLs into the handle each names", async () => {
    const wb = mockClient();
    const cases: Array<[string, string, string]> = [
      ["https://wandb.ai/acme/vision/runs/s1?nw=abc&workspace=user-jd", "run", "acme/vision/s1"],
      ["https://wandb.ai/acme/vision/runs/s1/logs", "run", "acme/vision/s1"],
      ["https://wandb.ai/acme/vision/sweeps/minsweep?workspace=user-jd", "sweep", "acme/vision/minsweep"],
      ["https://wandb.ai/acme/vision/sweeps/minsweep/table", "sweep", "acme/vision/minsweep"],
      ["https://wandb.ai/acme/vision/artifacts/model/model/v1", "artifact", "acme/vision/model:v1"],
      [
        "https://wandb.ai/acme/vision/artifacts/model/model/production/files",
        "artifact",
        "acme/vision/model:production",
      ],
      ["https://wandb.ai/acme/vision/artifacts/model/model", "artifact", "acme/vision/model:latest"],
      ["https://wandb.ai/acme/vision/workspace?nw=abc", "project", "acme/vision"],
      ["https://wandb.ai/acme/vision", "project", "acme/vision"],
      ["https://wandb.ai/acme/vision/table?workspace=user-jd", "project", "acme/vision"],
      ["https://wandb.ai/acme/vision/overview", "project", "acme/vision"],
      ["https://wandb.ai/acme/vision/runs", "project", "acme/vision"],
      ["https://wandb.ai/acme/vision/artifacts", "project", "acme/vision"],
      ["acme/vision/runs/s1", "run", "acme/vision/s1"],
      ["acme/vision/s1/", "run", "acme/vision/s1"],
      ["acme/vision:s1", "run", "acme/vision/s1"],
      ["acme/vision/sweeps/minsweep", "sweep", "acme/vision/minsweep"],
      ["acme/vision/model:best", "artifact", "acme/vision/model:best"],
      ["acme/vision", "project", "acme/vision"],
    ];
    for (const [input, kind, path] of cases) {
      const target = await wb.fromPath(input);
      const handle =
        target.kind === "run"
          ? target.run
          : target.kind === "sweep"
            ? target.sweep
            : target.kind === "artifact"
              ? target.artifact
              : target.project;
      expect([target.kind, handle.path], input).toEqual([kind, path]);
    }
    expect(mock.requests).toHaveLength(0); // every one named its entity
  });

  it("fills a missing entity from the key's default entity, asked once", async () => {
    const wb = mockClient();
    const run = await wb.fromPath("vision:s1");
    const project = await wb.fromPath("vision");
    const resolved = await wb.resolveRun("vision/s2");
    expect(run.kind === "run" && run.run.path).toBe("acme/vision/s1");
    expect(project.kind === "project" && project.project.path).toBe("acme/vision");
    expect(resolved.path).toBe("acme/vision/s2");
    expect(await wb.defaultEntity()).toBe("acme");
    expect(mock.requests.map((r) => r.operationName)).toEqual(["Viewer"]);
  });

  it("prefers the entity option and sends nothing for it", async () => {
    const wb = mockClient({ entity: "globex" });
    expect((await wb.resolveRun("robots:other")).path).toBe("globex/robots/other");
    expect(mock.requests).toHaveLength(0);
  });

  it("refuses what it cannot read, naming the forms", async () => {
    const wb = mockClient();
    for (const bad of [
      "a/b/c/d/e",
      "https://wandb.ai/acme",
      "https://wandb.ai/acme/vision/reports/x--y",
      "",
    ]) {
      await expect(wb.fromPath(bad), bad).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(() => wb.run("vision/s1")).toThrow(/resolveRun/);
    expect(() => wb.sweep("https://wandb.ai/acme/vision/runs/s1")).toThrow(/cannot read sweep path/);
  });
});
