// What W&B's answer holds at its root, checked once at the edge: a root field (`project`, `p0`,
// `artifact`, `viewer`) that is neither an object nor null is a WandbResponseError naming it, on
// every path alike (batches, listings, counts, history scans, artifact lookups, file listings),
// never a "not found" read into a string. And a count that is not a number is not handed on.
import { describe, expect, it } from "vitest";
import {
  artifactFiles,
  artifactVersion,
  createClient,
  readArtifactFile,
  runFiles,
  runLoggedArtifactVersions,
  runName,
  runSweep,
  scanRunHistory,
  type WandbClient,
  WandbResponseError,
} from "../../src/index.js";
import {
  artifactVersionNode,
  lightRunNode,
  readGraphQLCall,
  replyJson,
  useLoopbackServers,
} from "../helpers/loopback.js";

const apiKey = "roots-0123456789abcdef0123456789abcdef012345";
const loopback = useLoopbackServers();

/** A server answering each operation with `data` from `answers` (by operation name). */
async function scripted(answers: Record<string, unknown>): Promise<{ client: WandbClient; seen: string[] }> {
  const seen: string[] = [];
  const baseUrl = await loopback.listen(async (req, res) => {
    const { operationName } = await readGraphQLCall(req);
    seen.push(operationName);
    if (!(operationName in answers)) {
      replyJson(res, 200, { errors: [{ message: `probe: no answer for ${operationName}` }] });
      return;
    }
    replyJson(res, 200, { data: answers[operationName] });
  });
  return { client: createClient({ apiKey, baseUrl, retry: false }), seen };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function expectShapeError(error: unknown, field: string): void {
  expect(error).toBeInstanceOf(WandbResponseError);
  expect((error as WandbResponseError).field).toBe(field);
  expect((error as Error).message).toMatch(new RegExp(`a string at ${field}\\b`));
}

const onePage = (edges: unknown[]) => ({ pageInfo: { endCursor: null, hasNextPage: false }, edges });
const version = { artifact: artifactVersionNode() };

describe("a root field that is not an object", () => {
  it.each([
    ["a batch of run fields", "RunsByName", (client: WandbClient) => runName(client.run("acme/p/r1"))],
    ["a runs listing", "ListRuns", (client: WandbClient) => client.runs("acme/p").toArray()],
    ["a count of runs", "RunCount", (client: WandbClient) => client.runs("acme/p").count()],
    [
      "a history scan",
      "RunHistoryPage",
      async (client: WandbClient) => {
        for await (const _row of scanRunHistory(client.run("acme/p/r1"), { source: "pages" })) {
          // reading every row
        }
      },
    ],
    ["a run's files", "RunFiles", (client: WandbClient) => runFiles(client.run("acme/p/r1"))],
  ])("%s (%s) is a WandbResponseError naming `project`", async (_what, operation, call) => {
    const { client, seen } = await scripted({ [operation]: { project: "x" } });
    expectShapeError(await rejection(call(client)), "project");
    expect(seen).toEqual([operation]);
  });

  it("an artifact lookup names the part, p0", async () => {
    const { client, seen } = await scripted({ ArtifactVersionByName: { p0: "x" } });
    expectShapeError(await rejection(artifactVersion(client.artifact("acme/p/model:v3"))), "p0");
    expect(seen).toEqual(["ArtifactVersionByName"]);
  });

  it("an artifact's file listing", async () => {
    const { client, seen } = await scripted({
      ArtifactVersionByName: { p0: { v0: version } },
      ArtifactFileUrls: { project: "x" },
    });
    const error = await rejection(readArtifactFile(client.artifact("acme/p/model:v3"), "eval.json"));
    expectShapeError(error, "project");
    expect(seen).toEqual(["ArtifactVersionByName", "ArtifactFileUrls"]);
  });

  it("a version looked up by id", async () => {
    const { client, seen } = await scripted({
      ArtifactVersionByName: { p0: { v0: version } },
      ArtifactManifestUrl: { artifact: "x" },
    });
    expectShapeError(await rejection(artifactFiles(client.artifact("acme/p/model:v3"))), "artifact");
    expect(seen).toEqual(["ArtifactVersionByName", "ArtifactManifestUrl"]);
  });

  it("a further page of a run's artifacts", async () => {
    const first = {
      totalCount: 2,
      pageInfo: { endCursor: "c1", hasNextPage: true },
      edges: [{ node: artifactVersionNode() }],
    };
    const { client, seen } = await scripted({
      RunsByName: { project: { runs: onePage([{ node: lightRunNode("r1", { outputArtifacts: first }) }]) } },
      RunOutputArtifacts: { project: "x" },
    });
    expectShapeError(await rejection(runLoggedArtifactVersions(client.run("acme/p/r1"))), "project");
    expect(seen).toEqual(["RunsByName", "RunOutputArtifacts"]);
  });

  it("a sweep lookup", async () => {
    const { client, seen } = await scripted({
      RunsByName: { project: { runs: onePage([{ node: lightRunNode("r1", { sweepName: "k3" }) }]) } },
      SweepByName: { project: "x" },
    });
    expectShapeError(await rejection(runSweep(client.run("acme/p/r1"))), "project");
    expect(seen).toEqual(["RunsByName", "SweepByName"]);
  });

  it("the viewer", async () => {
    const { client } = await scripted({ Viewer: { viewer: "x" } });
    expectShapeError(await rejection(client.viewer()), "viewer");
  });

  it("a list where an object belongs is refused too, and null still means not found", async () => {
    const list = await scripted({ RunsByName: { project: [] } });
    const error = await rejection(runName(list.client.run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as Error).message).toMatch(/a list at project\b/);
    const missing = await scripted({ RunsByName: { project: null } });
    expect((await rejection(runName(missing.client.run("acme/p/r1")))) as Error).toHaveProperty(
      "name",
      "ProjectNotFoundError",
    );
  });
});

describe("client.runs(...).count()", () => {
  it.each([
    ["a string", "12"],
    ["null", null],
    ["a fraction", 1.5],
    ["a negative number", -1],
  ])("refuses a runCount that is %s, naming the field", async (_what, runCount) => {
    const { client, seen } = await scripted({ RunCount: { project: { runCount } } });
    const error = await rejection(client.runs("acme/p").count());
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe("project.runCount");
    expect(seen).toEqual(["RunCount"]);
  });

  it("hands on a whole number", async () => {
    const { client } = await scripted({ RunCount: { project: { runCount: 12 } } });
    expect(await client.runs("acme/p").count()).toBe(12);
  });
});
