// Single-flight and the listing cache: identical reads in flight share one request; cacheTtlMs
// keeps pages and counts; fresh asks anew.
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError, runFiles, runName } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

const runs = Array.from({ length: 120 }, (_, i) => ({
  entity: "acme",
  project: "fleet",
  id: `r${String(i).padStart(4, "0")}`,
  createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
  state: i % 3 === 0 ? "running" : "finished",
  summary: { accuracy: i / 120 },
  files:
    i === 0
      ? [
          { name: "eval.json", content: "{}" },
          { name: "output.log", content: "done" },
        ]
      : [],
}));
const mock = useMockWandb({ runs });
const listRuns = () => mock.requests.filter((request) => request.operationName === "ListRuns");
const counts = () => mock.requests.filter((request) => request.operationName === "RunCount");

afterEach(() => {
  vi.useRealTimers();
});

describe("single-flight", () => {
  it("50 concurrent identical listings (one page each) send one request", async () => {
    const wb = mockClient();
    const pages = await Promise.all(
      Array.from({ length: 50 }, () => wb.runs("acme/fleet", { pageSize: 20, limit: 20 }).toArray()),
    );
    expect(listRuns()).toHaveLength(1);
    for (const page of pages) expect(page.map((run) => run.id)).toEqual(pages[0]?.map((run) => run.id));
    expect(pages[0]).toHaveLength(20);
    // Each caller gets its own handles, primed from the shared page: no further request.
    expect(await runName(pages[7]?.[3] as never)).toBe("r0003");
    expect(mock.requests).toHaveLength(1);
  });

  it("50 concurrent identical listings of 120 runs send one request per page", async () => {
    const wb = mockClient();
    const all = await Promise.all(Array.from({ length: 50 }, () => wb.runs("acme/fleet").toArray()));
    expect(listRuns().map((request) => request.variables.after === null)).toEqual([true, false, false]);
    for (const listed of all) expect(listed).toHaveLength(120);
  });

  it("listings that differ in filters, order or page do not share", async () => {
    const wb = mockClient();
    await Promise.all([
      wb.runs("acme/fleet", { limit: 5 }).toArray(),
      wb.runs("acme/fleet", { limit: 5, order: "-created_at" }).toArray(),
      wb.runs("acme/fleet", { limit: 5, filters: { state: "finished" } }).toArray(),
      wb.runs("acme/fleet", { limit: 6 }).toArray(),
    ]);
    expect(listRuns()).toHaveLength(4);
  });

  it("concurrent identical counts share one request", async () => {
    const wb = mockClient();
    const got = await Promise.all(Array.from({ length: 30 }, () => wb.runs("acme/fleet").count()));
    expect(new Set(got)).toEqual(new Set([120]));
    expect(counts()).toHaveLength(1);
  });

  it("concurrent identical file pages share one request; a different filter does not", async () => {
    const wb = mockClient();
    const run = wb.run("acme/fleet/r0000");
    const lists = await Promise.all([
      ...Array.from({ length: 20 }, () => runFiles(run)),
      ...Array.from({ length: 20 }, () => runFiles(wb.run("acme/fleet/r0000"))),
      runFiles(run, { names: ["eval.json"] }),
    ]);
    expect(lists[0]?.map((file) => file.name).sort()).toEqual(["eval.json", "output.log"]);
    expect(lists[39]).toEqual(lists[0]);
    expect(lists[40]?.map((file) => file.name)).toEqual(["eval.json"]);
    expect(mock.requests.map((request) => request.operationName)).toEqual(["RunFiles", "RunFiles"]);
    // Shared only while in flight: a later call asks again.
    await runFiles(run);
    expect(mock.requests).toHaveLength(3);
  });

  it("one caller's abort leaves the shared request to the others", async () => {
    const wb = mockClient();
    const controller = new AbortController();
    const aborted = wb.runs("acme/fleet", { limit: 3, signal: controller.signal }).toArray();
    const kept = wb.runs("acme/fleet", { limit: 3 }).toArray();
    controller.abort(new Error("caller left"));
    await expect(aborted).rejects.toThrow("caller left");
    expect(await kept).toHaveLength(3);
    expect(listRuns()).toHaveLength(1);
  });

  it("without cacheTtlMs nothing is kept once the request is done", async () => {
    const wb = mockClient();
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    await wb.runs("acme/fleet").count();
    await wb.runs("acme/fleet").count();
    expect(listRuns()).toHaveLength(2);
    expect(counts()).toHaveLength(2);
  });
});

describe("cacheTtlMs", () => {
  it("keeps pages and counts for the TTL, then asks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const wb = mockClient({ cacheTtlMs: 60_000 });
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    await wb.runs("acme/fleet").count();
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    await wb.runs("acme/fleet").count();
    expect(listRuns()).toHaveLength(1);
    expect(counts()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 60_001);
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    await wb.runs("acme/fleet").count();
    expect(listRuns()).toHaveLength(2);
    expect(counts()).toHaveLength(2);
  });

  it("fresh: true asks anew, refreshes what is kept, and clearCache() forgets it", async () => {
    const wb = mockClient({ cacheTtlMs: 60_000 });
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    mock.updateRun("acme/fleet/r0000", { displayName: "renamed" });
    const fresh = await wb.runs("acme/fleet", { limit: 5, fresh: true }).toArray();
    expect(await runName(fresh[0] as never)).toBe("renamed");
    expect(listRuns()).toHaveLength(2);
    const kept = await wb.runs("acme/fleet", { limit: 5 }).toArray();
    expect(await runName(kept[0] as never)).toBe("renamed");
    expect(listRuns()).toHaveLength(2);
    await wb.runs("acme/fleet").count();
    await wb.runs("acme/fleet", { fresh: true }).count();
    expect(counts()).toHaveLength(2);
    wb.clearCache();
    await wb.runs("acme/fleet", { limit: 5 }).toArray();
    expect(listRuns()).toHaveLength(3);
  });

  it("a fresh listing does not join an identical one in flight", async () => {
    const wb = mockClient();
    await Promise.all([
      wb.runs("acme/fleet", { limit: 5 }).toArray(),
      wb.runs("acme/fleet", { limit: 5, fresh: true }).toArray(),
    ]);
    expect(listRuns()).toHaveLength(2);
  });

  it("rejects a bad cacheTtlMs, cache and fresh", () => {
    expect(() => mockClient({ cacheTtlMs: -1 })).toThrow(InvalidArgumentError);
    expect(() => mockClient({ cache: "redis://x" as never })).toThrow(InvalidArgumentError);
    expect(() => mockClient().runs("acme/fleet", { fresh: 1 as never })).toThrow(InvalidArgumentError);
  });
});
