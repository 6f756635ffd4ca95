// Every example of the seed page (W&B's run-operations reference), made async, on the demo data,
// over real HTTP to the mock server, in a zone 14 hours from UTC. Expected values are computed
// from the demo run descriptions directly, not through the SDK.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoFacts, demoRuns, type MockRun, type MockServer, startMockServer } from "../../mocks/index.js";
import {
  createClient,
  type Run,
  runConfig,
  runCreatedAt,
  runHeartbeatAt,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runName,
  runRuntime,
  runSummary,
  runUsedArtifactVersions,
  runUser,
  type WandbClient,
} from "../../src/index.js";

const described = demoRuns();
const visionDescribed = described.filter((r) => r.project === "vision");
const byId = new Map(described.map((r) => [r.id, r]));

/** A description's time as the wire carries it: zone-less means UTC; sub-milliseconds dropped. */
function describedTime(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Math.floor(value.getTime() / 1000) * 1000;
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(trimmed) ? trimmed : `${trimmed}Z`);
}

function describedRun(id: string): MockRun {
  const run = byId.get(id);
  if (!run) throw new Error(`no demo run ${id}`);
  return run;
}

let server: MockServer;
let wb: WandbClient;
let runs: Run[];
let myRun: Run;

beforeAll(async () => {
  server = await startMockServer({ apiKey: "demo-key-0123456789" });
  wb = createClient({ apiKey: "demo-key-0123456789", baseUrl: server.url });
  runs = await wb.runs("acme/vision").toArray();
  myRun = wb.run(demoFacts.knownRun.path);
});
afterAll(async () => {
  vi.useRealTimers();
  await server.close();
});

describe("runConfig", () => {
  it("Basic Configuration Access", async () => {
    const config = await runConfig(myRun);
    expect(config.learning_rate).toBe(0.001);
    expect(config.batch_size).toBe(64);
    expect(config).toEqual(demoFacts.knownRun.config);
  });

  it("Filtering Runs by Configuration", async () => {
    // Find all runs with learning rate > 0.01
    const configs = await Promise.all(runs.map((run) => runConfig<{ learning_rate: number }>(run)));
    const highLRRuns = runs.filter((_, i) => (configs[i]?.learning_rate ?? 0) > 0.01);
    const expected = visionDescribed.filter((r) => Number(r.config?.learning_rate) > 0.01).map((r) => r.id);
    expect(highLRRuns.map((run) => run.id).sort()).toEqual(expected.sort());
    expect(highLRRuns).toHaveLength(demoFacts.counts.learningRateAbove001.vision);
  });

  it("Comparing Configurations", async () => {
    const baseline = wb.run(demoFacts.knownRun.path);
    const experiment = wb.run(demoFacts.longHistoryRun.path);
    const [config1, config2] = await Promise.all([runConfig(baseline), runConfig(experiment)]);
    const differences = Object.keys(config1).filter(
      (key) => JSON.stringify(config1[key]) !== JSON.stringify(config2[key]),
    );
    const left = describedRun(demoFacts.knownRun.id).config ?? {};
    const right = describedRun(demoFacts.longHistoryRun.id).config ?? {};
    expect(differences).toEqual(
      Object.keys(left).filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key])),
    );
    expect(differences).toContain("learning_rate");
  });
});

describe("runCreatedAt", () => {
  it("Filter Recent Runs", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-07-01T00:00:00Z") });
    const oneWeekAgo = new Date();
    oneWeekAgo.setDate(oneWeekAgo.getDate() - 7);
    const created = await Promise.all(runs.map((run) => runCreatedAt(run)));
    const recentRuns = runs.filter((_, i) => (created[i] as Date) > oneWeekAgo);
    vi.useRealTimers();
    const expected = visionDescribed.filter(
      (r) => (describedTime(r.createdAt) as number) > oneWeekAgo.getTime(),
    );
    expect(recentRuns.map((run) => run.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(recentRuns.length).toBeGreaterThan(0);
  });

  it("Sort Chronologically", async () => {
    const created = new Map(
      await Promise.all(runs.map(async (run) => [run, await runCreatedAt(run)] as const)),
    );
    const sortedRuns = [...runs].sort(
      (a, b) => (created.get(a) as Date).getTime() - (created.get(b) as Date).getTime(),
    );
    const expected = [...visionDescribed].sort(
      (a, b) =>
        (describedTime(a.createdAt) as number) - (describedTime(b.createdAt) as number) ||
        a.id.localeCompare(b.id),
    );
    expect(sortedRuns.map((run) => describedTime(describedRun(run.id).createdAt))).toEqual(
      expected.map((r) => describedTime(r.createdAt)),
    );
    // The listing's default order is already oldest first.
    expect(runs.map((run) => run.id)).toEqual(expected.map((r) => r.id));
  });

  it("Group by Date (local dates, here UTC+14)", async () => {
    const runsByDate: Record<string, Run[]> = {};
    for (const run of runs) {
      const date = (await runCreatedAt(run)).toDateString();
      runsByDate[date] = runsByDate[date] || [];
      runsByDate[date].push(run);
    }
    const expected: Record<string, number> = {};
    for (const r of visionDescribed) {
      const date = new Date(describedTime(r.createdAt) as number).toDateString();
      expected[date] = (expected[date] ?? 0) + 1;
    }
    expect(Object.fromEntries(Object.entries(runsByDate).map(([date, list]) => [date, list.length]))).toEqual(
      expected,
    );
  });
});

describe("runHeartbeatAt", () => {
  it("Check if Run is Active", async () => {
    const known = describedRun(demoFacts.knownRun.id);
    vi.useFakeTimers({ toFake: ["Date"], now: (describedTime(known.heartbeatAt) as number) + 2 * 60 * 1000 });
    const isActive = async (run: Run) => {
      const lastHeartbeat = await runHeartbeatAt(run);
      const fiveMinutesAgo = new Date(Date.now() - 5 * 60 * 1000);
      return lastHeartbeat !== null && lastHeartbeat > fiveMinutesAgo;
    };
    expect(await isActive(myRun)).toBe(true);
    expect(await isActive(wb.run(demoFacts.longHistoryRun.path))).toBe(false);
    expect(await isActive(wb.run(demoFacts.pendingRun.path))).toBe(false);
    vi.useRealTimers();
  });
});

describe("runJobType", () => {
  it("Filter by Job Type", async () => {
    const jobTypes = await Promise.all(runs.map((run) => runJobType(run)));
    const trainingRuns = runs.filter((_, i) => jobTypes[i] === "train");
    const evalRuns = runs.filter((_, i) => jobTypes[i] === "eval");
    expect(trainingRuns).toHaveLength(demoFacts.counts.perProject.vision.byJobType.train);
    expect(evalRuns).toHaveLength(demoFacts.counts.perProject.vision.byJobType.eval);
    expect(jobTypes.filter((type) => type === undefined)).toHaveLength(
      demoFacts.counts.perProject.vision.byJobType.none,
    );
  });
});

describe("runLoggedArtifactVersion", () => {
  it("Get Latest Model", async () => {
    const model = await runLoggedArtifactVersion(myRun, "model:latest");
    expect(model).toBeDefined();
    expect(`Model version: v${model?.version}`).toBe("Model version: v5");
    expect(`Model size: ${model?.size} bytes`).toBe(
      `Model size: ${demoFacts.knownRun.loggedArtifact.size} bytes`,
    );
    expect(model?.createdAt).toBeInstanceOf(Date);
    expect(model?.aliases.sort()).toEqual(["best", "latest"]);
  });

  it("Verify Output Artifacts", async () => {
    const requiredOutputs = ["model:latest", "evaluation:latest"];
    const missingFor = async (run: Run) => {
      const found = await Promise.all(requiredOutputs.map((name) => runLoggedArtifactVersion(run, name)));
      return requiredOutputs.filter((_, i) => !found[i]);
    };
    expect(await missingFor(myRun)).toEqual(["evaluation:latest"]);
    expect(await missingFor(wb.run(demoFacts.evalRun.path))).toEqual(["model:latest"]);
  });

  it("finds a version on the second page of a run's outputs", async () => {
    const before = server.requests.length;
    const run = wb.run(demoFacts.manyArtifactsRun.path);
    const best = await runLoggedArtifactVersion(run, demoFacts.manyArtifactsRun.secondPageTarget);
    expect(best?.version).toBe(demoFacts.manyArtifactsRun.secondPageTargetVersion);
    expect((await runLoggedArtifactVersion(run, "checkpoint"))?.version).toBe(
      demoFacts.manyArtifactsRun.latestVersion,
    );
    expect(await runLoggedArtifactVersions(run)).toHaveLength(demoFacts.manyArtifactsRun.count);
    expect(server.requests.slice(before).map((r) => r.operationName)).toEqual([
      "RunsByName",
      "RunOutputArtifacts",
    ]);
  });
});

describe("runLoggedArtifactVersions", () => {
  it("List All Outputs", async () => {
    const outputs = await runLoggedArtifactVersions(myRun);
    const lines = outputs.flatMap((artifact) => [
      `Logged: ${artifact.name}:${artifact.alias}`,
      `  Version: ${artifact.version}`,
      `  Size: ${artifact.size} bytes`,
    ]);
    expect(lines).toEqual([
      "Logged: model:latest",
      "  Version: 5",
      `  Size: ${demoFacts.knownRun.loggedArtifact.size} bytes`,
    ]);
  });

  it("Count Output Types", async () => {
    const outputs = await runLoggedArtifactVersions(wb.run(demoFacts.trainingData.newPrepRun.path));
    const modelCount = outputs.filter((a) => a.name.includes("model")).length;
    const dataCount = outputs.filter((a) => a.name.includes("data")).length;
    const logged = describedRun(demoFacts.trainingData.newPrepRun.id).loggedArtifacts ?? [];
    expect(`Models: ${modelCount}, Datasets: ${dataCount}`).toBe(
      `Models: ${logged.filter((a) => a.name.includes("model")).length}, Datasets: ${logged.filter((a) => a.name.includes("data")).length}`,
    );
    expect(dataCount).toBe(2);
  });
});

describe("runName", () => {
  it("Display Run Names", async () => {
    const lines: string[] = [];
    for (const run of runs.slice(0, 5)) lines.push(`Run: ${await runName(run)}`);
    expect(lines).toEqual(runs.slice(0, 5).map((run) => `Run: ${describedRun(run.id).displayName}`));
    expect(await runName(myRun)).toBe(demoFacts.knownRun.displayName);
  });
});

describe("runRuntime", () => {
  it("Display Runtime", async () => {
    const runtime = await runRuntime(myRun);
    const hours = Math.floor(runtime / 3600);
    const minutes = Math.floor((runtime % 3600) / 60);
    expect(`Runtime: ${hours}h ${minutes}m`).toBe("Runtime: 1h 0m");
    expect(runtime).toBe(demoFacts.knownRun.runtimeSeconds);
  });

  it("Filter Long-Running Experiments", async () => {
    const runtimes = await Promise.all(runs.map((run) => runRuntime(run)));
    const longRuns = runs.filter((_, i) => (runtimes[i] as number) > 3600); // More than 1 hour
    const expected = visionDescribed.filter((r) => {
      const heartbeat = describedTime(r.heartbeatAt);
      return heartbeat !== null && (heartbeat - (describedTime(r.createdAt) as number)) / 1000 > 3600;
    });
    expect(longRuns.map((run) => run.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(longRuns.length).toBeGreaterThan(0);
  });
});

describe("runSummary", () => {
  it("Accessing Final Metrics", async () => {
    const summary = await runSummary(myRun);
    expect(`Final accuracy: ${summary.accuracy}`).toBe("Final accuracy: 0.953");
    expect(`Best validation loss: ${summary.best_val_loss}`).toBe("Best validation loss: 0.1211");
    expect(`Training time: ${summary.training_time_seconds}`).toBe("Training time: 3627");
  });

  it("Finding Best Performing Run", async () => {
    // Runs without an accuracy (data preparation, pending) rank last: a comparison with NaN would
    // otherwise keep whichever run came first.
    const accuracy = (value: unknown) =>
      typeof value === "number" && !Number.isNaN(value) ? value : -Infinity;
    const summaries = await Promise.all(runs.map((run) => runSummary(run)));
    let best = 0;
    summaries.forEach((summary, i) => {
      if (accuracy(summary.accuracy) > accuracy(summaries[best]?.accuracy)) best = i;
    });
    const bestRun = runs[best] as Run;
    const expected = visionDescribed.reduce((top, r) =>
      accuracy(r.summary?.accuracy) > accuracy(top.summary?.accuracy) ? r : top,
    );
    expect(bestRun.id).toBe(expected.id);
    expect(accuracy(summaries[best]?.accuracy)).toBeGreaterThan(0.9);
  });

  it("Filtering by Performance Threshold", async () => {
    const summaries = await Promise.all(
      runs.map((run) => runSummary<{ accuracy: number; val_loss: number }>(run)),
    );
    const goodRuns = runs.filter(
      (_, i) => (summaries[i]?.accuracy ?? 0) > 0.95 && (summaries[i]?.val_loss ?? 1) < 0.1,
    );
    const expected = visionDescribed.filter(
      (r) => Number(r.summary?.accuracy) > 0.95 && Number(r.summary?.val_loss) < 0.1,
    );
    expect(goodRuns.map((run) => run.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it("reads non-finite values written as bare tokens and as strings", async () => {
    const [bare, strings] = await Promise.all([
      runSummary(wb.run(demoFacts.nonFiniteRun.path)),
      runSummary(wb.run(demoFacts.stringNaNRun.path)),
    ]);
    expect(bare.val_loss).toBeNaN();
    expect(bare.grad_norm).toBe(Number.POSITIVE_INFINITY);
    expect(bare.min_grad).toBe(Number.NEGATIVE_INFINITY);
    expect(strings.best_val_loss).toBeNaN();
    expect(strings.val_loss).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("runUsedArtifactVersions", () => {
  it("List Input Dependencies", async () => {
    const inputs = await runUsedArtifactVersions(myRun);
    const lines = [
      "Run dependencies:",
      ...inputs.map((artifact) => `- ${artifact.name}:${artifact.version}`),
    ];
    expect(lines).toEqual(["Run dependencies:", "- training-data:3"]);
  });

  it("Verify Dataset Version", async () => {
    const warnings: string[] = [];
    for (const run of [myRun, wb.run(demoFacts.trainingData.olderDataRun.path)]) {
      const inputs = await runUsedArtifactVersions(run);
      const dataset = inputs.find((a) => a.name === "training-data");
      if (dataset && dataset.version !== 3) warnings.push(`Using outdated dataset v${dataset.version}`);
    }
    expect(warnings).toEqual([`Using outdated dataset v${demoFacts.trainingData.olderVersionUsed}`]);
  });

  it("is the same artifact version the preparing run logged", async () => {
    const [used] = await runUsedArtifactVersions(myRun);
    const logged = await runLoggedArtifactVersion(
      wb.run(demoFacts.trainingData.newPrepRun.path),
      "training-data:v3",
    );
    expect(used?.id).toBe(logged?.id);
  });
});

describe("runUser", () => {
  it("Filter by User", async () => {
    const users = await Promise.all(runs.map((run) => runUser(run)));
    const myRuns = runs.filter((_, i) => users[i]?.username === "john_doe");
    const expected = visionDescribed.filter((r) => r.user?.username === "john_doe");
    expect(myRuns.map((run) => run.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it("Group Runs by User", async () => {
    const runsByUser: Record<string, Run[]> = {};
    for (const run of runs) {
      const user = (await runUser(run))?.username ?? "(none)";
      runsByUser[user] = runsByUser[user] || [];
      runsByUser[user].push(run);
    }
    const expected: Record<string, number> = {};
    for (const r of visionDescribed) {
      const user = r.user?.username ?? "(none)";
      expected[user] = (expected[user] ?? 0) + 1;
    }
    expect(Object.fromEntries(Object.entries(runsByUser).map(([user, list]) => [user, list.length]))).toEqual(
      expected,
    );
    expect(runsByUser["(none)"]?.map((run) => run.id)).toEqual([demoFacts.noUserRun.id]);
  });
});

describe("cost of the examples", () => {
  it("answered every light-field example over 180 runs from the listing pages", async () => {
    const client = createClient({ apiKey: "demo-key-0123456789", baseUrl: server.url });
    const before = server.requests.length;
    const listed = await client.runs("acme/vision").toArray();
    await Promise.all(
      listed.flatMap((run) => [
        runName(run),
        runCreatedAt(run),
        runJobType(run),
        runUser(run),
        runRuntime(run),
      ]),
    );
    expect(server.requests.length - before).toBe(Math.ceil(180 / 50));
    await Promise.all(listed.flatMap((run) => [runConfig(run), runSummary(run)]));
    expect(server.requests.length - before).toBe(Math.ceil(180 / 50) * 2);
  });
});
