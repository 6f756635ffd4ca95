// The shared cache on a real Redis (redis-server started by the test on a free loopback port):
// what replicas share, how the store is keyed, bad entries, a store that goes away.
import KeyvRedis, { createClient as createRedisClient, Keyv } from "@keyv/redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../../mocks/server.js";
import type { MockRun, MockStandaloneArtifact } from "../../mocks/types.js";
import {
  ArtifactNotFoundError,
  artifactFiles,
  artifactVersion,
  CacheStoreError,
  type ClientOptions,
  createClient,
  runConfig,
  runName,
  runSummary,
  WandbError,
} from "../../src/index.js";
import { sharedVersionTtlMs } from "../../src/loaders/shared-versions.js";
import { describeWithRedis, startRedis, useRedis } from "../helpers/redis-server.js";

const keyA = "key-a-0123456789abcdef0123456789abcdef01234567";
const keyB = "key-b-0123456789abcdef0123456789abcdef01234567";

function fleetRuns(accuracyOffset: number): MockRun[] {
  return Array.from({ length: 60 }, (_, i) => ({
    entity: "acme",
    project: "fleet",
    id: `r${String(i).padStart(4, "0")}`,
    displayName: `run-${i}`,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
    state: i % 3 === 0 ? "running" : "finished",
    config: { lr: 0.01, seed: i },
    summary: { accuracy: accuracyOffset + i, loss: Number.NaN },
    loggedArtifacts:
      i === 1
        ? [
            {
              name: "model",
              type: "model",
              version: 0,
              aliases: ["latest"],
              files: [
                { path: "weights.txt", content: `weights ${accuracyOffset}` },
                { path: "config.yaml", content: "lr: 0.01" },
              ],
            },
          ]
        : [],
  }));
}
const finishedIds = fleetRuns(0)
  .filter((run) => run.state === "finished")
  .map((run) => run.id);
const runningIds = fleetRuns(0)
  .filter((run) => run.state === "running")
  .map((run) => run.id);

/** Versions saved outside any run: v2 is `latest`, v1 `production`; each key's W&B has its own digests. */
function encoderVersions(digestSeed: string): MockStandaloneArtifact[] {
  return [0, 1, 2].map((version) => ({
    entity: "acme",
    project: "fleet",
    name: "encoder",
    type: "model",
    version,
    aliases: version === 2 ? ["latest"] : version === 1 ? ["production"] : [],
    digest: `${digestSeed}${version}`.padEnd(32, "0"),
    metadata: { seed: digestSeed, version },
  }));
}

describeWithRedis("the shared cache on Redis", () => {
  const redis = useRedis();
  let serverA: MockServer;
  let serverB: MockServer;
  const opened: Array<{ disconnect(force?: boolean): Promise<void> }> = [];

  beforeAll(async () => {
    serverA = await startMockServer({
      runs: fleetRuns(0),
      artifacts: encoderVersions("a"),
      apiKey: keyA,
      viewer: { username: "ann", id: "VXNlcjphbm4=", entity: "acme" },
    });
    serverB = await startMockServer({
      runs: fleetRuns(1000),
      artifacts: encoderVersions("b"),
      apiKey: keyB,
      viewer: { username: "bob", id: "VXNlcjpib2I=", entity: "acme" },
    });
  });
  afterAll(async () => {
    await serverA?.close();
    await serverB?.close();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.disconnect(true).catch(() => {});
    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    await admin.flushAll();
    await admin.quit();
    serverA.reset();
    serverB.reset();
  });

  /** One base URL for both keys, as W&B has: each key's requests reach its own fake W&B. */
  const routedFetch: typeof fetch = (input, init) => {
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    const key = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString()
      .replace(/^api:/, "");
    const server = key === keyB ? serverB : serverA;
    const url = String(input instanceof Request ? input.url : input).replace(
      "https://api.wandb.ai",
      server.url,
    );
    return fetch(url, init);
  };

  function redisStore(): KeyvRedis<string> {
    const store = new KeyvRedis<string>(redis.current().url);
    opened.push(store);
    return store;
  }

  function client(options: ClientOptions & { warnings?: CacheStoreError[] }) {
    const { warnings, ...rest } = options;
    return createClient({
      apiKey: keyA,
      baseUrl: "https://api.wandb.ai",
      fetch: routedFetch,
      retry: false,
      // Generous: the suite shares a small machine; a stalled store is tested on its own below.
      cacheStoreTimeoutMs: 5_000,
      onWarning: (warning) => warnings?.push(warning),
      ...rest,
    });
  }

  const ops = (server: MockServer) => server.requests.map((request) => request.operationName);

  async function storedKeys(): Promise<string[]> {
    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    const keys = await admin.keys("*");
    await admin.quit();
    return keys;
  }

  /** Waits (at most 5 s) until the store holds `count` keys: writes are not awaited by reads. */
  async function storeHolds(count: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await storedKeys()).length >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the store never held ${count} keys`);
  }

  // A fleet uses one kind: Keyv keeps its own namespace and envelope, so Keyv and a bare KeyvRedis
  // do not read each other's entries (nor need to).
  it.each([
    ["new KeyvRedis(url)", () => redisStore()],
    ["new Keyv(new KeyvRedis(url))", () => new Keyv(redisStore())],
  ])(
    "a second replica reads finished runs' fields with no request but the viewer: %s",
    async (_kind, makeStore) => {
      const first = client({ cache: makeStore() });
      const runs = fleetRuns(0).map((run) => first.run(`acme/fleet/${run.id}`));
      await Promise.all(runs.flatMap((run) => [runSummary(run), runConfig(run)]));
      expect(ops(serverA).filter((op) => op === "RunsByName")).toHaveLength(2);
      // light, config and summary of each finished run.
      await storeHolds(finishedIds.length * 3);
      serverA.reset();

      const secondWarnings: CacheStoreError[] = [];
      const second = client({ cache: makeStore(), warnings: secondWarnings });
      const summaries = await Promise.all(
        finishedIds.map((id) => runSummary(second.run(`acme/fleet/${id}`))),
      );
      const configs = await Promise.all(finishedIds.map((id) => runConfig(second.run(`acme/fleet/${id}`))));
      const names = await Promise.all(finishedIds.map((id) => runName(second.run(`acme/fleet/${id}`))));
      expect(ops(serverA)).toEqual(["Viewer"]);
      expect(summaries[0]).toMatchObject({ accuracy: 1, loss: Number.NaN });
      expect(configs[1]).toEqual({ lr: 0.01, seed: 2 });
      expect(names[2]).toBe("run-4");
      expect(secondWarnings).toEqual([]);
      // A projection is answered from a whole summary in the store.
      expect(await runSummary(second.run("acme/fleet/r0005"), { keys: ["accuracy"] })).toEqual({
        accuracy: 5,
      });
      expect(ops(serverA)).toEqual(["Viewer"]);

      // Running runs were never written: a third replica asks W&B for them.
      const third = client({ cache: makeStore() });
      await Promise.all(runningIds.map((id) => runSummary(third.run(`acme/fleet/${id}`))));
      const asked = serverA.requests.filter((request) => request.operationName === "RunsByName");
      expect(asked).toHaveLength(1);
      expect(asked[0]?.runs.map((path) => path.split("/")[2]).sort()).toEqual(runningIds);
    },
  );

  it("fresh: true goes to W&B even when the store holds the run", async () => {
    const first = client({ cache: redisStore() });
    await runSummary(first.run("acme/fleet/r0001"));
    await storeHolds(2);
    serverA.reset();
    const second = client({ cache: redisStore() });
    expect(await runSummary(second.run("acme/fleet/r0001"), { fresh: true })).toMatchObject({ accuracy: 1 });
    expect(ops(serverA)).toEqual(["RunsByName"]);
  });

  it("two API keys on one Redis never read each other's entries, and no key is stored", async () => {
    const ann = client({ apiKey: keyA, cache: redisStore(), cacheTtlMs: 60_000 });
    const bob = client({ apiKey: keyB, cache: redisStore(), cacheTtlMs: 60_000 });
    expect(await runSummary(ann.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1 });
    expect(await ann.runs("acme/fleet").count()).toBe(60);
    await storeHolds(3);
    expect(await runSummary(bob.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1001 });
    expect(await bob.runs("acme/fleet").count()).toBe(60);
    expect(ops(serverB)).toEqual(["Viewer", "RunsByName", "RunCount"]);
    await storeHolds(6);

    // Each key's next replica reads its own entries from the store, not the other's.
    serverA.reset();
    serverB.reset();
    const bob2 = client({ apiKey: keyB, cache: redisStore(), cacheTtlMs: 60_000 });
    const ann2 = client({ apiKey: keyA, cache: redisStore(), cacheTtlMs: 60_000 });
    expect(await runSummary(bob2.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1001 });
    expect(await runSummary(ann2.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1 });
    expect(await ann2.runs("acme/fleet").count()).toBe(60);
    expect(ops(serverA)).toEqual(["Viewer"]);
    expect(ops(serverB)).toEqual(["Viewer"]);

    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    for (const key of await admin.keys("*")) {
      const value = (await admin.get(key)) ?? "";
      for (const secret of [keyA, keyB]) {
        expect(key).not.toContain(secret);
        expect(value).not.toContain(secret);
      }
    }
    await admin.quit();
  });

  it("shares artifact manifests by digest, and the version by its number", async () => {
    const first = client({ cache: redisStore() });
    const files = await artifactFiles(first.artifact("acme/fleet/model:v0"));
    expect(files.map((file) => file.path).sort()).toEqual(["config.yaml", "weights.txt"]);
    expect(serverA.fileRequests).toHaveLength(1);
    // The version and its manifest.
    await storeHolds(2);
    serverA.reset();
    const second = client({ cache: redisStore() });
    const again = await artifactFiles(second.artifact("acme/fleet/model:v0"));
    expect(again).toEqual(files);
    expect(serverA.fileRequests).toHaveLength(0);
    expect(ops(serverA)).toEqual(["Viewer"]);
    // fresh: true reads the manifest from storage again.
    await artifactFiles(second.artifact("acme/fleet/model:v0"), { fresh: true });
    expect(serverA.fileRequests).toHaveLength(1);

    // A stored manifest that does not read as one is a miss.
    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    const [key] = await admin.keys("*:manifest:*");
    const entry = JSON.parse((await admin.get(key as string)) ?? "{}") as { read: string };
    await admin.set(key as string, JSON.stringify({ read: entry.read, value: '{"contents": 5}' }));
    await admin.quit();
    serverA.reset();
    const third = client({ cache: redisStore() });
    expect(await artifactFiles(third.artifact("acme/fleet/model:v0"))).toEqual(files);
    expect(serverA.fileRequests).toHaveLength(1);
  });

  describe("artifact versions", () => {
    const encoder = (alias: string) => `acme/fleet/encoder:${alias}`;
    const lookups = (server: MockServer) =>
      server.requests.filter((request) => request.operationName === "ArtifactVersionByName");
    /** The collection:alias names a lookup request asked for. */
    const namesOf = (variables: Record<string, unknown>) =>
      Object.entries(variables)
        .filter(([name]) => name.startsWith("name_"))
        .map(([, value]) => value)
        .sort();

    /** The store's version entries by the read they were written for. */
    async function versionEntries(): Promise<Map<string, { key: string; value: Record<string, unknown> }>> {
      const admin = createRedisClient({ url: redis.current().url });
      await admin.connect();
      const entries = new Map<string, { key: string; value: Record<string, unknown> }>();
      for (const key of await admin.keys("*:artifact-version:*")) {
        const entry = JSON.parse((await admin.get(key)) ?? "{}") as {
          read: string;
          value: Record<string, unknown>;
        };
        entries.set(entry.read, { key, value: entry.value });
      }
      await admin.quit();
      return entries;
    }

    it("a version asked by number comes from the store on the next replica; an alias asks W&B", async () => {
      const first = client({ cache: redisStore() });
      const [latest, v0, production] = await Promise.all(
        ["latest", "v0", "production"].map((alias) => artifactVersion(first.artifact(encoder(alias)))),
      );
      expect([latest?.version, v0?.version, production?.version]).toEqual([2, 0, 1]);
      // The aliases leave at once; v0 after the store missed it.
      expect(ops(serverA).sort()).toEqual(["ArtifactVersionByName", "ArtifactVersionByName", "Viewer"]);
      // Every answer is written under its number, the aliases' too.
      await storeHolds(3);
      const entries = await versionEntries();
      expect([...entries.keys()].sort()).toEqual([encoder("v0"), encoder("v1"), encoder("v2")]);
      const admin = createRedisClient({ url: redis.current().url });
      await admin.connect();
      const ttl = await admin.pTTL(entries.get(encoder("v0"))?.key as string);
      await admin.quit();
      expect(ttl).toBeGreaterThan(sharedVersionTtlMs - 60_000);
      expect(ttl).toBeLessThanOrEqual(sharedVersionTtlMs);
      serverA.reset();

      const warnings: CacheStoreError[] = [];
      const second = client({ cache: redisStore(), warnings });
      const byNumber = await Promise.all(
        ["v0", "v1", "v2"].map((alias) => artifactVersion(second.artifact(encoder(alias)))),
      );
      expect(byNumber).toEqual([v0, production, latest]);
      expect(byNumber[2]).toMatchObject({
        alias: "latest",
        digest: "a2".padEnd(32, "0"),
        metadata: { seed: "a" },
      });
      expect(ops(serverA)).toEqual(["Viewer"]);
      expect(second.stats().requests).toBe(1);
      // An alias moves: W&B is asked which version it names, every time a client is new to it.
      expect(await artifactVersion(second.artifact(encoder("latest")))).toEqual(latest);
      expect(ops(serverA)).toEqual(["Viewer", "ArtifactVersionByName"]);
      expect(namesOf(lookups(serverA)[0]?.variables ?? {})).toEqual(["encoder:latest"]);
      expect(warnings).toEqual([]);
    });

    it("lookups by number that miss the store leave together; a missing version is not stored", async () => {
      const first = client({ cache: redisStore() });
      const asked = ["v0", "v1", "v2", "v7"].map((alias) => artifactVersion(first.artifact(encoder(alias))));
      const settled = await Promise.allSettled(asked);
      expect(settled.map((outcome) => outcome.status)).toEqual([
        "fulfilled",
        "fulfilled",
        "fulfilled",
        "rejected",
      ]);
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(ArtifactNotFoundError);
      expect(ops(serverA).sort()).toEqual(["ArtifactVersionByName", "Viewer"]);
      expect(namesOf(lookups(serverA)[0]?.variables ?? {})).toEqual([
        "encoder:v0",
        "encoder:v1",
        "encoder:v2",
        "encoder:v7",
      ]);
      await storeHolds(3);
      expect([...(await versionEntries()).keys()].sort()).toEqual([
        encoder("v0"),
        encoder("v1"),
        encoder("v2"),
      ]);
      serverA.reset();

      const second = client({ cache: redisStore() });
      await expect(artifactVersion(second.artifact(encoder("v7")))).rejects.toBeInstanceOf(
        ArtifactNotFoundError,
      );
      expect(ops(serverA)).toEqual(["Viewer", "ArtifactVersionByName"]);
    });

    it("two API keys on one Redis never read each other's versions", async () => {
      const ann = client({ apiKey: keyA, cache: redisStore() });
      const bob = client({ apiKey: keyB, cache: redisStore() });
      const annV0 = await artifactVersion(ann.artifact(encoder("v0")));
      await storeHolds(1);
      const bobV0 = await artifactVersion(bob.artifact(encoder("v0")));
      expect(annV0.digest).toBe("a0".padEnd(32, "0"));
      expect(bobV0.digest).toBe("b0".padEnd(32, "0"));
      expect(ops(serverB)).toEqual(["Viewer", "ArtifactVersionByName"]);
      await storeHolds(2);
      serverA.reset();
      serverB.reset();

      const bob2 = client({ apiKey: keyB, cache: redisStore() });
      const ann2 = client({ apiKey: keyA, cache: redisStore() });
      expect(await artifactVersion(bob2.artifact(encoder("v0")))).toEqual(bobV0);
      expect(await artifactVersion(ann2.artifact(encoder("v0")))).toEqual(annV0);
      expect(ops(serverA)).toEqual(["Viewer"]);
      expect(ops(serverB)).toEqual(["Viewer"]);
    });

    it("an entry that is not the committed version asked for is a miss, and W&B is asked", async () => {
      const paths = [encoder("v0"), encoder("v1"), encoder("v2"), "acme/fleet/model:v0"];
      const first = client({ cache: redisStore() });
      const versions = await Promise.all(paths.map((path) => artifactVersion(first.artifact(path))));
      await storeHolds(4);
      const entries = await versionEntries();
      const entryOf = (path: string) => entries.get(path) as { key: string; value: Record<string, unknown> };
      const admin = createRedisClient({ url: redis.current().url });
      await admin.connect();
      const put = (path: string, read: string, value: unknown) =>
        admin.set(entryOf(path).key, JSON.stringify({ read, value }));
      // A node that does not read (a digest that is not a string).
      await put(encoder("v0"), encoder("v0"), { ...entryOf(encoder("v0")).value, digest: 5 });
      // Another version's node under this version's key.
      await put(encoder("v1"), encoder("v1"), entryOf(encoder("v0")).value);
      // A version that is no longer committed.
      await put(encoder("v2"), encoder("v2"), { ...entryOf(encoder("v2")).value, state: "DELETED" });
      // An entry written for another read.
      await put("acme/fleet/model:v0", encoder("v0"), entryOf(encoder("v0")).value);
      await admin.quit();
      serverA.reset();

      const warnings: CacheStoreError[] = [];
      const second = client({ cache: redisStore(), warnings });
      const again = await Promise.all(paths.map((path) => artifactVersion(second.artifact(path))));
      expect(again).toEqual(versions);
      // Every miss in one request.
      expect(ops(serverA)).toEqual(["Viewer", "ArtifactVersionByName"]);
      expect(namesOf(lookups(serverA)[0]?.variables ?? {})).toEqual([
        "encoder:v0",
        "encoder:v1",
        "encoder:v2",
        "model:v0",
      ]);
      expect(warnings).toEqual([]);
    });

    it("fresh: true asks W&B even when the store holds the version", async () => {
      const first = client({ cache: redisStore() });
      const v1 = await artifactVersion(first.artifact(encoder("v1")));
      await storeHolds(1);
      serverA.reset();
      const second = client({ cache: redisStore() });
      expect(await artifactVersion(second.artifact(encoder("v1")), { fresh: true })).toEqual(v1);
      expect(lookups(serverA)).toHaveLength(1);
      // Then without fresh, from the client's own cache: nothing more is asked.
      expect(await artifactVersion(second.artifact(encoder("v1")))).toEqual(v1);
      expect(lookups(serverA)).toHaveLength(1);
      expect(ops(serverA).filter((op) => op !== "Viewer")).toEqual(["ArtifactVersionByName"]);
    });
  });

  it("shares listings within cacheTtlMs, and only with a TTL", async () => {
    const first = client({ cache: redisStore(), cacheTtlMs: 60_000 });
    const listed = await first.runs("acme/fleet", { pageSize: 25 }).toArray();
    expect(listed).toHaveLength(60);
    await storeHolds(3);
    serverA.reset();
    const second = client({ cache: redisStore(), cacheTtlMs: 60_000 });
    const again = await second.runs("acme/fleet", { pageSize: 25 }).toArray();
    expect(again.map((run) => run.id)).toEqual(listed.map((run) => run.id));
    expect(await runName(again[4] as never)).toBe("run-4");
    expect(ops(serverA)).toEqual(["Viewer"]);
    const noTtl = client({ cache: redisStore() });
    await noTtl.runs("acme/fleet", { pageSize: 25 }).toArray();
    expect(ops(serverA).filter((op) => op === "ListRuns")).toHaveLength(3);
  });

  it("an entry that is not what the SDK wrote counts as a miss", async () => {
    const first = client({ cache: redisStore(), cacheTtlMs: 60_000 });
    await Promise.all(finishedIds.slice(0, 5).map((id) => runSummary(first.run(`acme/fleet/${id}`))));
    await first.runs("acme/fleet", { limit: 3 }).toArray();
    await storeHolds(11);
    const junk = [
      "not json",
      "42",
      JSON.stringify({ path: "acme/fleet/elsewhere", group: "summary", fields: {} }),
      JSON.stringify({ path: "acme/fleet/r0001", group: "summary", fields: { summaryMetrics: "{oops" } }),
      JSON.stringify({ key: "other", operationName: "ListRuns", data: {} }),
      JSON.stringify({ fields: { summaryMetrics: 5 } }),
    ];
    const admin = createRedisClient({ url: redis.current().url });
    await admin.connect();
    try {
      const keys = await admin.keys("*");
      // The listing entry is read before the junk goes in: which key gets which junk depends on
      // the order Redis lists them in.
      const listingKey = keys.find((key) => key.includes(":listing:")) as string;
      const stored = JSON.parse((await admin.get(listingKey)) ?? "{}") as Record<string, unknown>;
      for (const [index, key] of keys.entries()) await admin.set(key, junk[index % junk.length] as string);
      // An entry in the right shape whose page W&B could not have sent (a run without a name).
      await admin.set(
        listingKey,
        JSON.stringify({ ...stored, data: { project: { runCount: 1, runs: { edges: [{ node: {} }] } } } }),
      );
    } finally {
      await admin.quit();
    }
    serverA.reset();

    const warnings: CacheStoreError[] = [];
    const second = client({ cache: redisStore(), cacheTtlMs: 60_000, warnings });
    const summaries = await Promise.all(
      finishedIds.slice(0, 5).map((id) => runSummary(second.run(`acme/fleet/${id}`))),
    );
    expect(summaries.map((summary) => summary.accuracy)).toEqual(
      finishedIds.slice(0, 5).map((id) => Number(id.slice(1))),
    );
    expect(await second.runs("acme/fleet", { limit: 3 }).toArray()).toHaveLength(3);
    expect(ops(serverA)).toEqual(["Viewer", "RunsByName", "ListRuns"]);
    expect(warnings).toEqual([]);
  });

  it("a Redis killed mid-run: one warning, every read succeeds", async () => {
    const own = await startRedis();
    try {
      const warnings: CacheStoreError[] = [];
      const store = new KeyvRedis<string>(own.url);
      opened.push(store);
      const wb = client({ cache: store, cacheTtlMs: 60_000, warnings });
      await Promise.all(finishedIds.slice(0, 10).map((id) => runSummary(wb.run(`acme/fleet/${id}`))));
      await own.kill();
      const later = await Promise.all(
        finishedIds.slice(10).map((id) => runSummary(wb.run(`acme/fleet/${id}`))),
      );
      expect(later).toHaveLength(finishedIds.length - 10);
      expect(await wb.runs("acme/fleet").count()).toBe(60);
      const again = await Promise.all(runningIds.map((id) => runConfig(wb.run(`acme/fleet/${id}`))));
      expect(again).toHaveLength(runningIds.length);
      // A second client on the dead store reads too (its own one warning).
      const otherWarnings: CacheStoreError[] = [];
      const other = client({ cache: store, warnings: otherWarnings });
      expect(await runSummary(other.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1 });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toBeInstanceOf(CacheStoreError);
      expect(warnings[0]).toBeInstanceOf(WandbError);
      expect(otherWarnings.length).toBeLessThanOrEqual(1);
    } finally {
      await own.kill();
    }
  });

  it("a Redis that is not there at all: reads succeed, one warning", async () => {
    const dead = await startRedis();
    await dead.kill();
    const warnings: CacheStoreError[] = [];
    const store = new KeyvRedis<string>(dead.url);
    opened.push(store);
    const wb = client({ cache: store, warnings });
    const summaries = await Promise.all(finishedIds.map((id) => runSummary(wb.run(`acme/fleet/${id}`))));
    expect(summaries).toHaveLength(finishedIds.length);
    expect(warnings).toHaveLength(1);
  });
});

describe("a slow or broken store", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ runs: fleetRuns(0), apiKey: keyA });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a store that never answers costs a short wait once, and one warning", async () => {
    let calls = 0;
    const never = {
      get: () => {
        calls++;
        return new Promise(() => {});
      },
      set: () => new Promise(() => {}),
      delete: async () => true,
      clear: async () => {},
    };
    const warnings: CacheStoreError[] = [];
    const wb = createClient({
      apiKey: keyA,
      baseUrl: server.url,
      cache: never,
      cacheStoreTimeoutMs: 50,
      onWarning: (w) => warnings.push(w),
    });
    const first = await Promise.all(finishedIds.map((id) => runSummary(wb.run(`acme/fleet/${id}`))));
    const second = await Promise.all(runningIds.map((id) => runSummary(wb.run(`acme/fleet/${id}`))));
    expect(first).toHaveLength(finishedIds.length);
    expect(second).toHaveLength(runningIds.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/took longer than/);
    // Once set aside, the store is not asked again.
    expect(calls).toBe(finishedIds.length);
  });

  it("a store that throws, and one whose get rejects, never fail a read", async () => {
    const warnings: CacheStoreError[] = [];
    const throwing = {
      get: () => {
        throw new Error("boom");
      },
      set: () => Promise.reject(new Error("full")),
      delete: async () => true,
      clear: async () => {},
    };
    const wb = createClient({
      apiKey: keyA,
      baseUrl: server.url,
      cache: throwing,
      onWarning: (w) => {
        warnings.push(w);
        throw new Error("a hook that throws is ignored");
      },
    });
    expect(await runSummary(wb.run("acme/fleet/r0001"))).toMatchObject({ accuracy: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/boom/);
  });
});
