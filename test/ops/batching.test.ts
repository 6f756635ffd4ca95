// SPEC §4: laziness, batching across runs and projects, dedup, the per-client cache, projection.
import { describe, expect, it } from "vitest";
import {
  ProjectNotFoundError,
  RunNotFoundError,
  runConfig,
  runCreatedAt,
  runHistory,
  runJobType,
  runLoggedArtifactVersions,
  runName,
  runSummary,
  runUsedArtifactVersions,
  runUser,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const base = Date.UTC(2024, 4, 2, 14, 3, 11);

function describeRun(project: string, index: number) {
  return {
    entity: "acme",
    project,
    id: `${project.slice(0, 1)}${String(index).padStart(5, "0")}`,
    displayName: `${project}-run-${index}`,
    state: "finished",
    createdAt: new Date(base + index * 60_000),
    heartbeatAt: new Date(base + index * 60_000 + 3_600_000),
    jobType: index % 2 === 0 ? "train" : null,
    tags: ["t"],
    group: null,
    user: { username: `user${index % 3}`, name: `User ${index % 3}` },
    config: { lr: index / 1000, batch_size: 32, nested: { depth: index } },
    summary: { acc: index / 200, loss: 1 / (index + 1), big: "x".repeat(50) },
    history: [
      { _step: 0, loss: 2 },
      { _step: 1, loss: 1.5, acc: 0.2 },
      { _step: 2, loss: 1 },
    ],
    loggedArtifacts: [{ name: "model", type: "model", version: index, aliases: ["latest"], size: 1024 }],
    usedArtifacts: [{ name: "data", type: "dataset", version: 3, aliases: [], size: 10 }],
  };
}

const visionRuns = Array.from({ length: 150 }, (_, i) => describeRun("vision", i));
const nlpRuns = Array.from({ length: 40 }, (_, i) => describeRun("nlp", i));
const mock = useMockWandb({ runs: [...visionRuns, ...nlpRuns] });

function operations(): Array<string | null> {
  return mock.requests.map((r) => r.operationName);
}

describe("laziness", () => {
  it("makes a handle without a request", () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/v00001");
    expect(run).toMatchObject({
      entity: "acme",
      project: "vision",
      id: "v00001",
      path: "acme/vision/v00001",
    });
    expect(run.url).toBe("https://wandb.ai/acme/vision/runs/v00001");
    expect(mock.requests).toHaveLength(0);
  });
});

describe("batching", () => {
  it("120 runs x (runConfig, runSummary, runUser) in one tick cost 3 requests; a second round costs 0", async () => {
    const wb = mockClient();
    const runs = visionRuns.slice(0, 120).map((r) => wb.run(`acme/vision/${r.id}`));
    const first = await Promise.all(
      runs.map((run) => Promise.all([runConfig(run), runSummary(run), runUser(run)])),
    );
    expect(mock.requests).toHaveLength(3);
    expect(operations()).toEqual(["RunsByName", "RunsByName", "RunsByName"]);
    expect(first[7]?.[0]).toEqual({ lr: 0.007, batch_size: 32, nested: { depth: 7 } });
    expect(first[7]?.[1]).toMatchObject({ acc: 7 / 200, loss: 1 / 8 });
    expect(first[7]?.[2]).toMatchObject({ username: "user1", name: "User 1" });
    const second = await Promise.all(
      runs.map((run) => Promise.all([runConfig(run), runSummary(run), runUser(run)])),
    );
    expect(mock.requests).toHaveLength(3);
    expect(second).toEqual(first);
    expect(wb.stats().runsFetched).toBe(120);
  });

  it("any mix of field groups over N runs costs ceil(N / maxBatchSize) requests", async () => {
    const wb = mockClient({ maxBatchSize: 50 });
    const runs = visionRuns.slice(0, 75).map((r) => wb.run(`acme/vision/${r.id}`));
    await Promise.all(
      runs.map((run, i) =>
        Promise.all([
          runName(run),
          i % 2 ? runConfig(run) : runSummary(run, { keys: ["acc"] }),
          i % 3 ? runLoggedArtifactVersions(run) : runUsedArtifactVersions(run),
          i % 5 === 0 ? runHistory(run, { keys: ["loss"], samples: 10 }) : runJobType(run),
        ]),
      ),
    );
    expect(mock.requests).toHaveLength(2);
  });

  it("runs of two projects in one tick share requests: 30 + 15 runs cost 1, 60 + 40 cost 2", async () => {
    const wb = mockClient({ maxBatchSize: 50 });
    const small = [...visionRuns.slice(0, 30), ...nlpRuns.slice(0, 15)].map((r) =>
      wb.run(`acme/${r.project}/${r.id}`),
    );
    const names = await Promise.all(small.map((run) => runName(run)));
    expect(names[0]).toBe("vision-run-0");
    expect(names[30]).toBe("nlp-run-0");
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.runs).toHaveLength(45);
    mock.reset();
    const fresh = mockClient({ maxBatchSize: 50 });
    const large = [...visionRuns.slice(30, 90), ...nlpRuns.slice(0, 40)].map((r) =>
      fresh.run(`acme/${r.project}/${r.id}`),
    );
    await Promise.all(large.map((run) => runCreatedAt(run)));
    // Batched alone, each project would cost ceil(60/50) + ceil(40/50) = 3; packed together, 100 runs
    // fill two requests of 50.
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests.map((request) => request.runs.length)).toEqual([50, 50]);
  });

  it("deduplicates identical loads in one tick", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/v00003");
    const same = await Promise.all([runConfig(run), runConfig(run), runConfig(wb.run("acme/vision/v00003"))]);
    expect(same[0]).toEqual(same[1]);
    expect(same[0]).toEqual(same[2]);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.runs).toEqual(["acme/vision/v00003"]);
  });

  it("fresh: true asks again; clearCache() forgets; cache: false keeps nothing", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/v00005");
    await runConfig(run);
    await runConfig(run);
    expect(mock.requests).toHaveLength(1);
    await runConfig(run, { fresh: true });
    expect(mock.requests).toHaveLength(2);
    wb.clearCache();
    await runConfig(run);
    expect(mock.requests).toHaveLength(3);
    const uncached = mockClient({ cache: false });
    const sameRun = uncached.run("acme/vision/v00005");
    await Promise.all([runConfig(sameRun), runConfig(sameRun)]);
    await runConfig(sameRun);
    expect(mock.requests).toHaveLength(5);
  });
});

describe("projection", () => {
  it("runSummary(run, { keys }) sends summaryMetrics(keys:) and gets only those keys; a later full call fetches the whole field", async () => {
    const bodies: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      bodies.push(await response.clone().text());
      return response;
    };
    const wb = mockClient({ fetch: recordingFetch });
    const run = wb.run("acme/vision/v00010");
    await expect(runSummary(run, { keys: ["acc"] })).resolves.toEqual({ acc: 0.05 });
    expect(mock.requests[0]?.variables).toMatchObject({
      withSummaryKeys: true,
      summaryKeys: ["acc"],
      withSummary: false,
    });
    const firstAnswer = JSON.parse(bodies[0] as string) as {
      data: { project: { runs: { edges: Array<{ node: { summarySubset: string } }> } } };
    };
    const wireSummary = firstAnswer.data.project.runs.edges[0]?.node.summarySubset as string;
    expect(Object.keys(JSON.parse(wireSummary))).toEqual(["acc"]);
    // Served from the partial cache: no request.
    await expect(runSummary(run, { keys: ["acc"] })).resolves.toEqual({ acc: 0.05 });
    expect(mock.requests).toHaveLength(1);
    const full = await runSummary(run);
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[1]?.variables).toMatchObject({ withSummary: true, withSummaryKeys: false });
    expect(full).toMatchObject({ acc: 0.05, loss: 1 / 11, big: "x".repeat(50) });
    // Whole field known: any projection is served from it.
    await expect(runSummary(run, { keys: ["loss", "missing"] })).resolves.toEqual({ loss: 1 / 11 });
    expect(mock.requests).toHaveLength(2);
  });

  it("unions keys across callers in one batch, and a whole-field caller makes the batch fetch the whole field", async () => {
    const wb = mockClient();
    const [a, b] = [wb.run("acme/vision/v00011"), wb.run("acme/vision/v00012")];
    const [onlyLr, onlyBatch] = await Promise.all([
      runConfig(a, { keys: ["lr"] }),
      runConfig(b, { keys: ["batch_size"] }),
    ]);
    expect(onlyLr).toEqual({ lr: 0.011 });
    expect(onlyBatch).toEqual({ batch_size: 32 });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.variables).toMatchObject({
      configKeys: ["batch_size", "lr"],
      withConfig: false,
    });
    mock.reset();
    const [c, d] = [wb.run("acme/vision/v00013"), wb.run("acme/vision/v00014")];
    const [projected, whole] = await Promise.all([runConfig(c, { keys: ["lr"] }), runConfig(d)]);
    expect(projected).toEqual({ lr: 0.013 });
    expect(whole).toEqual({ lr: 0.014, batch_size: 32, nested: { depth: 14 } });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.variables).toMatchObject({ withConfig: true, withConfigKeys: false });
  });

  it("fetches a key it has not fetched yet instead of answering from a partial cache", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/v00015");
    await runConfig(run, { keys: ["lr"] });
    await expect(runConfig(run, { keys: ["lr", "nested"] })).resolves.toEqual({
      lr: 0.015,
      nested: { depth: 15 },
    });
    expect(mock.requests).toHaveLength(2);
    await expect(runConfig(run, { keys: ["nested"] })).resolves.toEqual({ nested: { depth: 15 } });
    expect(mock.requests).toHaveLength(2);
    // A key asked for and absent is known to be absent.
    await expect(runConfig(run, { keys: ["nope"] })).resolves.toEqual({});
    await expect(runConfig(run, { keys: ["nope"] })).resolves.toEqual({});
    expect(mock.requests).toHaveLength(3);
  });
});

describe("failures stay with their runs", () => {
  it("a missing run in a batch of 50 fails alone with RunNotFoundError", async () => {
    const wb = mockClient();
    const runs = visionRuns.slice(0, 49).map((r) => wb.run(`acme/vision/${r.id}`));
    runs.splice(17, 0, wb.run("acme/vision/doesnotexist"));
    const settled = await Promise.allSettled(runs.map((run) => runConfig(run)));
    expect(mock.requests).toHaveLength(1);
    const rejected = settled.flatMap((s, i) => (s.status === "rejected" ? [[i, s.reason]] : []));
    expect(rejected).toHaveLength(1);
    const [index, reason] = rejected[0] as [number, RunNotFoundError];
    expect(index).toBe(17);
    expect(reason).toBeInstanceOf(RunNotFoundError);
    expect(reason.runPath).toBe("acme/vision/doesnotexist");
    expect(reason.operation).toBe("RunsByName");
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(49);
  });

  it("a missing project fails only its runs with ProjectNotFoundError", async () => {
    const wb = mockClient();
    const [good, lost] = await Promise.allSettled([
      runName(wb.run("acme/vision/v00001")),
      runName(wb.run("acme/nowhere/x")),
    ]);
    expect(good).toEqual({ status: "fulfilled", value: "vision-run-1" });
    expect(lost.status === "rejected" && lost.reason).toBeInstanceOf(ProjectNotFoundError);
    expect(mock.requests).toHaveLength(1);
  });
});
