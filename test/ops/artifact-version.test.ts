// client.artifact(path) and artifactVersion: the name forms, batching per project per tick,
// dedup, the cache, not-found isolation, errors attributed by path. And W&B's own qualified names
// in runLoggedArtifactVersion / runUsedArtifactVersion (issue #11, item 4).
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import {
  ArtifactNotFoundError,
  artifactVersion,
  InvalidArgumentError,
  runLoggedArtifactVersion,
  runUsedArtifactVersion,
  WandbGraphQLError,
} from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";

/** 60 vision runs logging model v0..v59 and 40 nlp runs logging bert v0..v39; latest on the last. */
function loggingRuns(project: string, collection: string, count: number): MockRun[] {
  return Array.from({ length: count }, (_, version) => ({
    entity: "acme",
    project,
    id: `${project}-${version}`,
    loggedArtifacts: [
      {
        name: collection,
        type: "model",
        version,
        aliases: version === count - 1 ? ["latest", "production"] : version === 7 ? ["best"] : [],
        size: 1000 + version,
      },
    ],
  }));
}

const mock = useMockWandb({
  runs: [
    ...loggingRuns("vision", "model", 60),
    ...loggingRuns("nlp", "bert", 40),
    {
      entity: "acme",
      project: "vision",
      id: "consumer",
      usedArtifacts: [
        {
          name: "model",
          type: "model",
          version: 7,
          otherCollectionAliases: [
            {
              alias: "production",
              collection: "vision-classifier",
              entity: "acme-org",
              project: "model-registry",
            },
          ],
        },
      ],
    },
  ],
});

const operations = () => mock.requests.map((request) => request.operationName);

describe("client.artifact(path)", () => {
  it("makes a handle without a request, from each form", () => {
    const wb = mockClient({ entity: "acme", project: "vision" });
    expect(wb.artifact("acme/nlp/bert:v3")).toMatchObject({
      entity: "acme",
      project: "nlp",
      name: "bert",
      alias: "v3",
      path: "acme/nlp/bert:v3",
    });
    expect(wb.artifact("nlp/bert:latest").path).toBe("acme/nlp/bert:latest");
    expect(wb.artifact("model:v5").path).toBe("acme/vision/model:v5");
    expect(wb.artifact("model").path).toBe("acme/vision/model:latest");
    expect(wb.artifact({ entity: "t", project: "p", name: "n", alias: "a" }).path).toBe("t/p/n:a");
    expect(String(wb.artifact("model:best"))).toBe("acme/vision/model:best");
    expect(JSON.parse(JSON.stringify(wb.artifact("model:best")))).toEqual({
      entity: "acme",
      project: "vision",
      name: "model",
      alias: "best",
      path: "acme/vision/model:best",
    });
    expect(mock.requests).toHaveLength(0);
  });

  it("throws InvalidArgumentError at once for a malformed name or a missing default", () => {
    const wb = mockClient({ entity: "acme", project: "vision" });
    for (const bad of ["model:", "a/b/c/d:v1", "", ":v1", "a//b:v1"]) {
      expect(() => wb.artifact(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => mockClient().artifact("model:v1")).toThrow(/names no project and no default project/);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("artifactVersion", () => {
  it("resolves aliases and version numbers to the version", async () => {
    const wb = mockClient();
    const [latest, best, v3] = await Promise.all([
      artifactVersion(wb.artifact("acme/vision/model:latest")),
      artifactVersion(wb.artifact("acme/vision/model:best")),
      artifactVersion(wb.artifact("acme/nlp/bert:v3")),
    ]);
    expect(latest).toMatchObject({
      name: "model",
      version: 59,
      alias: "latest",
      aliases: ["latest", "production"],
      size: 1059,
      qualifiedName: "acme/vision/model:v59",
    });
    expect(best).toMatchObject({ version: 7, alias: "best", qualifiedName: "acme/vision/model:v7" });
    expect(v3).toMatchObject({ name: "bert", version: 3, qualifiedName: "acme/nlp/bert:v3" });
    // One tick, two projects: one request.
    expect(operations()).toEqual(["ArtifactVersionByName"]);
  });

  it("costs one request for 100 versions of two projects in one tick, none when asked again", async () => {
    const wb = mockClient();
    const names = [
      ...Array.from({ length: 60 }, (_, v) => `acme/vision/model:v${v}`),
      ...Array.from({ length: 40 }, (_, v) => `acme/nlp/bert:v${v}`),
    ];
    const versions = await Promise.all(names.map((name) => artifactVersion(wb.artifact(name))));
    expect(versions.map((version) => version.qualifiedName)).toEqual(names);
    // maxBatchSize 50: 100 versions fill two requests, each carrying both projects where they fit.
    expect(mock.requests).toHaveLength(2);
    await Promise.all(names.map((name) => artifactVersion(wb.artifact(name))));
    expect(mock.requests).toHaveLength(2);
  });

  it("with a larger batch, 100 versions of two projects are one request", async () => {
    const wb = mockClient({ maxBatchSize: 100 });
    const names = [
      ...Array.from({ length: 60 }, (_, v) => `acme/vision/model:v${v}`),
      ...Array.from({ length: 40 }, (_, v) => `acme/nlp/bert:v${v}`),
    ];
    await Promise.all(names.map((name) => artifactVersion(wb.artifact(name))));
    expect(mock.requests).toHaveLength(1);
    expect(
      Object.keys(mock.requests[0]?.variables ?? {}).filter((key) => key.startsWith("name_")),
    ).toHaveLength(100);
  });

  it("asks once for the same name twice in a tick, again with fresh: true, none after clearCache", async () => {
    const wb = mockClient();
    const art = wb.artifact("acme/vision/model:best");
    const [a, b] = await Promise.all([
      artifactVersion(art),
      artifactVersion(wb.artifact("acme/vision/model:best")),
    ]);
    expect(a).toEqual(b);
    expect(mock.requests).toHaveLength(1);
    await artifactVersion(art);
    expect(mock.requests).toHaveLength(1);
    await artifactVersion(art, { fresh: true });
    expect(mock.requests).toHaveLength(2);
    wb.clearCache();
    await artifactVersion(art);
    expect(mock.requests).toHaveLength(3);
    const uncached = mockClient({ cache: false });
    await artifactVersion(uncached.artifact("acme/vision/model:best"));
    await artifactVersion(uncached.artifact("acme/vision/model:best"));
    expect(mock.requests).toHaveLength(5);
  });

  it("rejects only the missing ones with ArtifactNotFoundError; the rest of the batch resolves", async () => {
    const wb = mockClient();
    const results = await Promise.allSettled([
      artifactVersion(wb.artifact("acme/vision/model:v2")),
      artifactVersion(wb.artifact("acme/vision/model:v999")),
      artifactVersion(wb.artifact("acme/vision/no-such-collection:latest")),
      artifactVersion(wb.artifact("acme/no-such-project/model:latest")),
    ]);
    expect(mock.requests).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: { version: 2 } });
    for (const result of results.slice(1)) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(ArtifactNotFoundError);
    }
    const [, missingAlias, , missingProject] = results as PromiseRejectedResult[];
    expect(missingAlias?.reason).toMatchObject({ artifactPath: "acme/vision/model:v999" });
    expect(missingAlias?.reason.message).toMatch(/no such collection or alias in acme\/vision/);
    expect(missingProject?.reason.message).toMatch(/project acme\/no-such-project does not exist/);
  });

  it("finds a version through a link collection, as W&B's by-name lookup does", async () => {
    const wb = mockClient();
    const linked = await artifactVersion(wb.artifact("acme-org/model-registry/vision-classifier:production"));
    // The version, as the run operations describe it: of its own (source) collection.
    expect(linked).toMatchObject({ name: "model", version: 7, qualifiedName: "acme/vision/model:v7" });
    expect(linked.aliases).toEqual(["best"]);
  });

  it("rejects a caller at once when its signal aborts; others in the batch still resolve", async () => {
    const wb = mockClient();
    const controller = new AbortController();
    const aborted = artifactVersion(wb.artifact("acme/vision/model:v1"), { signal: controller.signal });
    const other = artifactVersion(wb.artifact("acme/vision/model:v2"));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    await expect(other).resolves.toMatchObject({ version: 2 });
  });

  it("expects a handle from client.artifact()", async () => {
    await expect(artifactVersion("acme/vision/model:v1" as never)).rejects.toThrow(
      /expects an Artifact from client.artifact\(path\), got the string/,
    );
  });
});

describe("artifactVersion and GraphQL errors", () => {
  it("fails only the version an error's path points at", async () => {
    const wb = mockClient();
    // A W&B that answers the second lookup of the first project with an error beside the data.
    const answer = {
      data: {
        p0: {
          v0: { artifact: null },
          v1: null,
        },
      },
      errors: [{ message: "permission denied", path: ["p0", "v1"] }],
    };
    mock.server.use(http.post("*/graphql", () => HttpResponse.json(answer)));
    const [missing, failed] = await Promise.allSettled([
      artifactVersion(wb.artifact("acme/vision/model:v1")),
      artifactVersion(wb.artifact("acme/vision/model:v2")),
    ]);
    expect((missing as PromiseRejectedResult).reason).toBeInstanceOf(ArtifactNotFoundError);
    expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
    expect((failed as PromiseRejectedResult).reason.message).toMatch(/permission denied/);
  });

  it("fails every version of a part when an error points at the part, and nothing else", async () => {
    const wb = mockClient();
    const answer = {
      data: { p0: null, p1: { v0: null } },
      errors: [{ message: "project is locked", path: ["p0"] }],
    };
    mock.server.use(http.post("*/graphql", () => HttpResponse.json(answer)));
    const results = await Promise.allSettled([
      artifactVersion(wb.artifact("acme/vision/model:v1")),
      artifactVersion(wb.artifact("acme/vision/model:v2")),
      artifactVersion(wb.artifact("acme/nlp/bert:v1")),
    ]);
    // Parts are packed largest first: vision (two versions) is p0, nlp p1.
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ArtifactNotFoundError);
  });

  it("splits a request of two projects that fails as a whole: each goes once more alone", async () => {
    const wb = mockClient({ retry: { retries: 0 } });
    const bodies: Array<Record<string, unknown>> = [];
    // A W&B that refuses, with HTTP 400, every request that touches project "broken".
    mock.server.use(
      http.post("*/graphql", async ({ request }) => {
        const body = (await request.clone().json()) as { variables: Record<string, unknown> };
        bodies.push(body.variables);
        if (!Object.values(body.variables).includes("broken")) return undefined;
        return HttpResponse.json(
          { errors: [{ message: "project broken is misconfigured" }] },
          { status: 400 },
        );
      }),
    );
    const [good, bad] = await Promise.allSettled([
      artifactVersion(wb.artifact("acme/vision/model:v3")),
      artifactVersion(wb.artifact("acme/broken/model:v1")),
    ]);
    expect((good as PromiseFulfilledResult<{ version: number }>).value.version).toBe(3);
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(WandbGraphQLError);
    expect((bad as PromiseRejectedResult).reason.message).toMatch(/project broken is misconfigured/);
    // The two together, then each alone.
    expect(
      bodies.map((variables) => Object.values(variables).filter((v) => v === "vision" || v === "broken")),
    ).toEqual([["vision", "broken"], ["vision"], ["broken"]]);
  });

  it("does not split a request that fails for every project alike (a refused key)", async () => {
    const wb = mockClient({ retry: { retries: 0 } });
    let calls = 0;
    mock.server.use(
      http.post("*/graphql", () => {
        calls++;
        return HttpResponse.json({ errors: [{ message: "unauthorized" }] }, { status: 401 });
      }),
    );
    const results = await Promise.allSettled([
      artifactVersion(wb.artifact("acme/vision/model:v3")),
      artifactVersion(wb.artifact("acme/nlp/bert:v1")),
    ]);
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(calls).toBe(1);
  });
});

describe("qualified names in the run operations (W&B's own forms)", () => {
  it("match when the qualifier names the version's own project, and miss otherwise", async () => {
    const wb = mockClient();
    const run = wb.run("acme/vision/vision-59");
    const find = (name: string) => runLoggedArtifactVersion(run, name);
    expect(await find("acme/vision/model:latest")).toMatchObject({ version: 59 });
    expect(await find("vision/model:production")).toMatchObject({ version: 59 });
    expect(await find("model:v59")).toMatchObject({ version: 59 });
    expect(await find("acme/nlp/model:latest")).toBeUndefined();
    expect(await find("other-team/vision/model:latest")).toBeUndefined();
    expect(await find("nlp/model:v59")).toBeUndefined();
    const consumer = wb.run("acme/vision/consumer");
    expect(await runUsedArtifactVersion(consumer, "acme/vision/model:best")).toMatchObject({ version: 7 });
    expect(await runUsedArtifactVersion(consumer, "acme/nlp/model:best")).toBeUndefined();
    // Every lookup above was answered from the one batch of each run.
    expect(mock.requests).toHaveLength(2);
  });

  it("refuse a malformed name with InvalidArgumentError, before any request", async () => {
    const run = mockClient().run("acme/vision/vision-1");
    for (const bad of ["model:", "a/b/c/d:v1", ""]) {
      await expect(runLoggedArtifactVersion(run, bad)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(runUsedArtifactVersion(run, bad)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(mock.requests).toHaveLength(0);
  });
});
