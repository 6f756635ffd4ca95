// Artifact versions by number through a shared store, in one process: what happens while the
// store is being asked (a fresh call for the same version, an abort, the same version twice).
// The real-Redis fleet tests are in redis-store.test.ts.
import { http } from "msw";
import { describe, expect, it } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import { artifactVersion } from "../../src/index.js";
import { type Gate, gate } from "../helpers/gate.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const runs: MockRun[] = [0, 1, 2, 3].map((version) => ({
  entity: "acme",
  project: "vision",
  id: `r${version}`,
  loggedArtifacts: [{ name: "model", type: "model", version, aliases: version === 3 ? ["latest"] : [] }],
}));

const mock = useMockWandb({ runs });
const lookups = () => mock.requests.filter((request) => request.operationName === "ArtifactVersionByName");

/** A store in memory whose `getMany` waits at a gate, and which records the keys it was asked. */
function gatedStore(storeGate: Gate) {
  const entries = new Map<string, string>();
  const asked: string[][] = [];
  return {
    asked,
    entries,
    get: async (key: string) => entries.get(key),
    getMany: async (keys: string[]) => {
      asked.push(keys);
      await storeGate.hold();
      return keys.map((key) => entries.get(key));
    },
    set: async (key: string, value: string) => {
      entries.set(key, value);
    },
    delete: async (key: string) => entries.delete(key),
    clear: async () => entries.clear(),
  };
}

/** A client on a new gated store; the store answers at once unless `held`. */
function storeClient(held: boolean) {
  const storeGate = gate();
  if (!held) storeGate.open();
  const store = gatedStore(storeGate);
  return { storeGate, store, wb: mockClient({ cache: store }) };
}

/** A moment for what the store answered to be acted on. */
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Holds the fake W&B's artifact lookups at `wandbGate`; every other request passes. */
function holdLookups(wandbGate: Gate): void {
  mock.server.use(
    http.post("*/graphql", async ({ request }) => {
      const body = (await request.clone().json()) as { operationName?: string };
      if (body.operationName === "ArtifactVersionByName") await wandbGate.hold();
      return undefined;
    }),
  );
}

describe("artifact versions by number, while the store is asked", () => {
  it("a fresh call meanwhile is joined on a miss: one request to W&B", async () => {
    const wandbGate = gate();
    holdLookups(wandbGate);
    const { storeGate, store, wb } = storeClient(true);
    const fromStore = artifactVersion(wb.artifact("acme/vision/model:v2"));
    const fresh = artifactVersion(wb.artifact("acme/vision/model:v2"), { fresh: true });
    await wandbGate.arrived(1);
    await storeGate.arrived(1);
    storeGate.open();
    // The miss finds the fresh call's request in flight and waits on it.
    await aMoment();
    wandbGate.open();
    const [a, b] = await Promise.all([fromStore, fresh]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ name: "model", version: 2, qualifiedName: "acme/vision/model:v2" });
    expect(lookups()).toHaveLength(1);
    expect(store.asked).toHaveLength(1);
  });

  it("the same version twice in a tick is one key asked and one request", async () => {
    const { store, wb } = storeClient(false);
    const both = await Promise.all([
      artifactVersion(wb.artifact("acme/vision/model:v1")),
      artifactVersion(wb.artifact("acme/vision/model:v1")),
      artifactVersion(wb.artifact("acme/vision/model:v0")),
    ]);
    expect(both.map((version) => version.version)).toEqual([1, 1, 0]);
    expect(store.asked.map((keys) => keys.length)).toEqual([2]);
    expect(lookups()).toHaveLength(1);
    expect(lookups()[0]?.variables).toMatchObject({ name_0_0: "model:v1", name_0_1: "model:v0" });
  });

  it("a caller that aborts while the store is asked rejects at once; W&B is not asked for it", async () => {
    const { storeGate, store, wb } = storeClient(true);
    const controller = new AbortController();
    const asked = artifactVersion(wb.artifact("acme/vision/model:v3"), { signal: controller.signal });
    await storeGate.arrived(1);
    controller.abort(new Error("gave up"));
    await expect(asked).rejects.toThrow("gave up");
    storeGate.open();
    await aMoment();
    expect(lookups()).toHaveLength(0);
    // The next caller asks afresh, and is answered.
    expect(await artifactVersion(wb.artifact("acme/vision/model:v3"))).toMatchObject({ version: 3 });
    expect(lookups()).toHaveLength(1);
    expect(store.asked).toHaveLength(2);
  });

  it("an alias never asks the store, and its answer is written under the number", async () => {
    const { store, wb } = storeClient(false);
    expect(await artifactVersion(wb.artifact("acme/vision/model:latest"))).toMatchObject({ version: 3 });
    expect(store.asked).toHaveLength(0);
    expect(lookups()).toHaveLength(1);
    for (let i = 0; i < 50 && store.entries.size === 0; i++) await aMoment();
    const [entry] = [...store.entries.values()].map((text) => JSON.parse(text) as { read: string });
    expect(entry?.read).toBe("acme/vision/model:v3");
    // Another client on the store reads v3 from it.
    const other = mockClient({ cache: store });
    expect(await artifactVersion(other.artifact("acme/vision/model:v3"))).toMatchObject({ version: 3 });
    expect(lookups()).toHaveLength(1);
  });
});
