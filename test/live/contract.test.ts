// The live contract suite, `npm run test:live`: the SDK and schema/ against a real W&B server.
//
// Needs WANDB_API_KEY and WANDB_LIVE_PROJECT (`entity/project`, a project the key can read, e.g. a
// public one); WANDB_LIVE_RUN pins a run ID, WANDB_BASE_URL another server. Without them every
// test is skipped, saying why, and the run passes. Bounded: at most 5 runs listed, small pages,
// 3 history rows, one request per field probe, and one deadline for everything.
import { setMaxListeners } from "node:events";
import { beforeAll, describe, expect, it, type TestContext } from "vitest";
import {
  type ArtifactVersion,
  createClient,
  type HistoryRow,
  type Run,
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistory,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runName,
  runRuntime,
  runState,
  runSummary,
  runSweep,
  runTags,
  runUsedArtifactVersions,
  runUser,
  scanRunHistory,
  type User,
  type WandbClient,
} from "../../src/index.js";
import { loadSchema, operationDocuments } from "../helpers/schema.js";
import { fieldProbes } from "./field-probes.js";
import { describeFailures, type ProbeTarget, probeVariables, runProbes } from "./probe-runner.js";
import { compareWithServer, introspect, schemaUsage } from "./schema-compare.js";

const apiKey = process.env.WANDB_API_KEY?.trim();
const projectPath = process.env.WANDB_LIVE_PROJECT?.trim();
const pinnedRun = process.env.WANDB_LIVE_RUN?.trim();
const skipReason = !apiKey
  ? "WANDB_API_KEY is not set: the live contract suite reads a real W&B project"
  : !projectPath
    ? "WANDB_LIVE_PROJECT is not set: name the W&B project to read, as entity/project"
    : undefined;

/** Everything the suite sends shares this deadline. */
const budgetMs = 5 * 60_000;

interface Live {
  wb: WandbClient;
  /** The run under test: one that logged artifacts, when one of the listed runs did. */
  run: Run;
  /** The finished runs of the first listing page (the page of any runs when none finished). */
  listed: Run[];
  /** How many of `listed` are finished. */
  finished: number;
  signal: AbortSignal;
}

let live: Live | undefined;

/** The live setup, or a skip that says why there is none. */
function useLive(context: TestContext): Live {
  if (skipReason) context.skip(skipReason);
  if (!live) throw new Error("the live setup did not finish; see the hook's error");
  return live;
}

/** A client of its own with no cache: what it returns came from the server just now. */
function freshClient(): WandbClient {
  return createClient({ cache: false, retry: { maxElapsedMs: 60_000 } });
}

beforeAll(async () => {
  if (skipReason || !projectPath) return;
  const signal = AbortSignal.timeout(budgetMs);
  // Every call of the suite listens to this one signal, a dozen at once in places; Node warns
  // past 10 listeners on an EventTarget, which here is by design, not a leak.
  setMaxListeners(100, signal);
  const wb = createClient({ retry: { maxElapsedMs: 60_000 } });
  const finished = await wb.runs(projectPath, { filters: { state: "finished" }, limit: 5, signal }).toArray();
  const listed = finished.length > 0 ? finished : await wb.runs(projectPath, { limit: 5, signal }).toArray();
  if (listed.length === 0 && !pinnedRun) throw new Error(`${projectPath} has no runs this key can read`);
  let run = pinnedRun ? wb.run(`${projectPath}/${pinnedRun}`) : undefined;
  if (!run) {
    const logged = await Promise.all(
      listed.map((candidate) => runLoggedArtifactVersions(candidate, { signal })),
    );
    run = listed[logged.findIndex((versions) => versions.length > 0)] ?? (listed[0] as Run);
  }
  live = { wb, run, listed, finished: finished.length, signal };
});

function expectUser(user: User | null): void {
  if (user === null) return;
  expect(user).toEqual({
    id: expect.any(String),
    username: expect.any(String),
    name: user.name === null ? null : expect.any(String),
  });
}

function expectArtifactVersion(version: ArtifactVersion, extra: Record<string, unknown> = {}): void {
  expect(version).toEqual({
    id: expect.any(String),
    name: expect.any(String),
    version: expect.any(Number),
    alias: expect.any(String),
    aliases: expect.any(Array),
    type: expect.any(String),
    size: expect.any(Number),
    fileCount: expect.any(Number),
    digest: expect.any(String),
    state: expect.stringMatching(/^(PENDING|COMMITTED|DELETED)$/),
    description: version.description === null ? null : expect.any(String),
    createdAt: expect.any(Date),
    metadata: expect.any(Object),
    entity: expect.any(String),
    project: expect.any(String),
    qualifiedName: `${version.entity}/${version.project}/${version.name}:v${version.version}`,
    ...extra,
  });
  expect(Number.isNaN(version.createdAt.getTime())).toBe(false);
  for (const alias of version.aliases) expect(alias).not.toMatch(/^v\d+$/);
}

describe("live W&B: listing and the viewer", () => {
  it("runs() yields handles of the project, and count() is at least what it yielded", async (context) => {
    const { wb, listed, finished, signal } = useLive(context);
    for (const run of listed) expect(run.path.startsWith(`${projectPath}/`)).toBe(true);
    const count = await wb.runs(projectPath as string, { filters: { state: "finished" }, signal }).count();
    expect(Number.isInteger(count)).toBe(true);
    expect(count).toBeGreaterThanOrEqual(finished);
  });

  it("viewer() is the key's user", async (context) => {
    const { wb, signal } = useLive(context);
    const viewer = await wb.viewer({ signal });
    expect(viewer).toEqual({
      id: expect.any(String),
      username: viewer?.username === null ? null : expect.any(String),
      name: expect.any(String),
      email: viewer?.email === null ? null : expect.any(String),
      entity: viewer?.entity === null ? null : expect.any(String),
    });
  });
});

describe("live W&B: run operations", () => {
  it("light fields agree between the listing page and the batched request", async (context) => {
    const { run, signal } = useLive(context);
    const fresh = freshClient().run(run.path);
    const read = (handle: Run) =>
      Promise.all([
        runName(handle, { signal }),
        runCreatedAt(handle, { signal }),
        runHeartbeatAt(handle, { signal }),
        runRuntime(handle, { signal }),
        runJobType(handle, { signal }),
        runUser(handle, { signal }),
        runState(handle, { signal }),
        runTags(handle, { signal }),
        runGroup(handle, { signal }),
      ]);
    const [name, createdAt, heartbeatAt, runtime, jobType, user, state, tags, group] = await read(fresh);
    expect(name.length).toBeGreaterThan(0);
    expect(createdAt.getTime()).toBeLessThan(Date.now());
    if (heartbeatAt) expect(heartbeatAt.getTime()).toBeGreaterThanOrEqual(createdAt.getTime());
    expect(runtime).toBe(heartbeatAt ? Math.max(0, (heartbeatAt.getTime() - createdAt.getTime()) / 1000) : 0);
    expect(jobType === undefined || typeof jobType === "string").toBe(true);
    expectUser(user);
    expect(state === undefined || /^[a-z]+$/.test(state)).toBe(true);
    expect(tags.every((tag) => typeof tag === "string")).toBe(true);
    expect(group === undefined || typeof group === "string").toBe(true);
    // The handle the listing yielded carries the same values, from ListRuns instead of RunsByName.
    expect(await read(run)).toEqual([
      name,
      createdAt,
      heartbeatAt,
      runtime,
      jobType,
      user,
      state,
      tags,
      group,
    ]);
  });

  it("runConfig: plain values, W&B's own keys removed, keys projected by the server", async (context) => {
    const { run, signal } = useLive(context);
    const config = await runConfig(run, { signal });
    expect(typeof config).toBe("object");
    expect(Object.keys(config)).not.toContain("_wandb");
    expect(Object.keys(config)).not.toContain("wandb_version");
    const key = Object.keys(config)[0] ?? "no-such-key";
    const projected = await runConfig(freshClient().run(run.path), { keys: [key], signal });
    expect(Object.keys(projected).every((name) => name === key)).toBe(true);
  });

  it("runSummary: no _wandb, keys projected by the server", async (context) => {
    const { run, signal } = useLive(context);
    const summary = await runSummary(run, { signal });
    expect(typeof summary).toBe("object");
    expect(Object.keys(summary)).not.toContain("_wandb");
    const projected = await runSummary(freshClient().run(run.path), { keys: ["_step"], signal });
    expect(Object.keys(projected).every((name) => name === "_step")).toBe(true);
  });

  it("runLoggedArtifactVersions, runUsedArtifactVersions and runLoggedArtifactVersion", async (context) => {
    const { run, signal } = useLive(context);
    const [logged, used] = await Promise.all([
      runLoggedArtifactVersions(run, { signal }),
      runUsedArtifactVersions(run, { signal }),
    ]);
    for (const version of logged) expectArtifactVersion(version);
    for (const version of used) {
      expectArtifactVersion(version, { usedAs: expect.any(Array) });
      for (const name of version.usedAs) expect(typeof name).toBe("string");
    }
    const first = logged[0];
    if (first) {
      const found = await runLoggedArtifactVersion(run, `${first.name}:v${first.version}`, { signal });
      expect(found?.id).toBe(first.id);
    }
    expect(
      await runLoggedArtifactVersion(run, "wandb-query-no-such-artifact:latest", { signal }),
    ).toBeUndefined();
  });

  it("runHistory: at most `samples` rows, by _step, projected to any of the keys", async (context) => {
    const { run, signal } = useLive(context);
    const rows = await runHistory(run, { samples: 3, signal });
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const row of rows) expect(Number.isFinite(row._step)).toBe(true);
    expect(rows.map((row) => row._step)).toEqual([...rows].map((row) => row._step).sort((a, b) => a - b));
    const key = Object.keys(rows[0] ?? {}).find((name) => name !== "_step");
    if (key) {
      const projected = await runHistory(run, { keys: [key], samples: 3, signal });
      for (const row of projected) expect(Object.keys(row).sort()).toEqual(["_step", key].sort());
    }
  });

  it("scanRunHistory: the first page only, in one request", async (context) => {
    const { run, signal } = useLive(context);
    const wb = freshClient();
    const rows: HistoryRow[] = [];
    for await (const row of scanRunHistory(wb.run(run.path), { pageSize: 3, maxStep: 3, signal }))
      rows.push(row);
    expect(wb.stats().requests - wb.stats().retries).toBe(1);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const [i, row] of rows.entries()) {
      expect(row._step).toBeGreaterThanOrEqual(0);
      expect(row._step).toBeLessThan(3);
      if (i > 0) expect(row._step).toBeGreaterThan((rows[i - 1] as { _step: number })._step);
    }
  });
});

describe("live W&B: its own schema, by introspection", () => {
  it("has every type, field and argument the SDK uses, typed as in schema/", async (context) => {
    const { wb, signal } = useLive(context);
    const server = await introspect({ url: `${wb.baseUrl}/graphql`, apiKey: apiKey as string, signal });
    if ("refused" in server) {
      context.skip(
        `the server refused introspection (${server.refused}); the field probes still check each field`,
      );
      return;
    }
    const usage = schemaUsage(
      loadSchema(),
      operationDocuments().map(([, document]) => document),
    );
    expect(compareWithServer(usage, server.schema)).toEqual([]);
  });
});

describe("live W&B: every field queries/ selects exists, with the type schema/ gives it", () => {
  const schema = loadSchema();
  const probes = fieldProbes(schema, operationDocuments());
  const operations = [...new Set(probes.map((probe) => probe.operation))];

  it.for(operations)("%s", async (operation, context) => {
    const { wb, run, signal } = useLive(context);
    const [config, sweep, logged] = await Promise.all([
      runConfig(run, { signal }),
      runSweep(run, { signal }),
      runLoggedArtifactVersions(run, { signal }).then((versions) => versions[0]),
    ]);
    const target: ProbeTarget = {
      entity: run.entity,
      project: run.project,
      run: run.id,
      configKey: Object.keys(config)[0] ?? "no-such-key",
      summaryKey: "_step",
      sweep: sweep?.name ?? "no-such-sweep",
      artifact: logged
        ? { id: logged.id, collection: logged.name, alias: `v${logged.version}`, type: logged.type }
        : { id: "no-such-artifact", collection: "no-such-collection", alias: "v0", type: "no-such-type" },
    };
    const results = await runProbes(
      { url: `${wb.baseUrl}/graphql`, apiKey: apiKey as string, signal },
      probes.filter((probe) => probe.operation === operation),
      probeVariables(target),
    );
    expect(describeFailures(results)).toEqual([]);
  });
});
