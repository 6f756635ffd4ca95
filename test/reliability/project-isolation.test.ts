// One project cannot fail another (issue #11, item 5): a request carrying several projects'
// parts that fails as a whole is split, and each part is tried alone once before its callers fail.
// Real HTTP on 127.0.0.1; each server answers by which projects a request carries.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  artifactVersion,
  createClient,
  ProjectNotFoundError,
  readArtifactFile,
  runFiles,
  runName,
  WandbAuthError,
  type WandbClient,
  WandbGraphQLError,
  WandbNetworkError,
} from "../../src/index.js";
import {
  artifactVersionNode,
  lightRunNode,
  readGraphQLCall,
  replyJson,
  useLoopbackServers,
} from "../helpers/loopback.js";

const apiKey = "isolation-0123456789abcdef0123456789abcdef01";
const loopback = useLoopbackServers();

interface Seen {
  operationName: string;
  /** The projects a RunsByName request carries, in part order. */
  projects: string[];
}

/** Each part of a RunsByName request: its project and the names it asks for. */
function partsOf(variables: Record<string, unknown>): Array<{ project: string; names: string[] }> {
  const single = typeof variables.project === "string";
  const count = single ? 1 : Object.keys(variables).filter((name) => name.startsWith("project_")).length;
  return Array.from({ length: count }, (_, index) => {
    const suffix = single ? "" : `_${index}`;
    const filters = JSON.parse(variables[`filters${suffix}`] as string) as { name: { $in: string[] } };
    return { project: variables[`project${suffix}`] as string, names: filters.name.$in };
  });
}

/**
 * A W&B stand-in: `refuse` decides, from the projects a request carries, how it fails as a whole
 * (or `undefined` to answer it properly); `viewer` is what the key's own viewer query gets.
 */
async function server(
  refuse: (projects: string[], res: ServerResponse) => boolean,
  viewer: (res: ServerResponse) => void = (res) =>
    replyJson(res, 200, {
      data: { viewer: { id: "VXNlcjox", name: "J", username: "j", email: null, entity: "acme" } },
    }),
) {
  const seen: Seen[] = [];
  const baseUrl = await loopback.listen(async (req, res) => {
    const { operationName, variables } = await readGraphQLCall(req);
    if (operationName === "Viewer") {
      seen.push({ operationName, projects: [] });
      viewer(res);
      return;
    }
    const parts = partsOf(variables);
    const projects = parts.map((part) => part.project);
    seen.push({ operationName, projects });
    if (refuse(projects, res)) return;
    const runs = (names: string[]) => ({
      pageInfo: { endCursor: null, hasNextPage: false },
      edges: names.map((name) => ({ node: lightRunNode(name) })),
    });
    const data =
      parts.length === 1
        ? { project: { runs: runs(parts[0]?.names ?? []) } }
        : Object.fromEntries(parts.map((part, index) => [`p${index}`, { runs: runs(part.names) }]));
    replyJson(res, 200, { data });
  });
  return { baseUrl, seen };
}

/** runName of `acme/fine/r1` and `acme/<other>/r2`, asked in one tick (so in one request). */
async function twoProjects(baseUrl: string, other: string, retry: Parameters<typeof createClient>[0] = {}) {
  const client = createClient({ apiKey, baseUrl, retry: false, ...retry });
  return Promise.allSettled([runName(client.run("acme/fine/r1")), runName(client.run(`acme/${other}/r2`))]);
}

const requests = (seen: Seen[]) => seen.map((entry) => `${entry.operationName}:${entry.projects.join("+")}`);

describe("a request of several projects that fails as a whole", () => {
  it("after HTTP 500 on every retry, tries each part alone: the other project's callers are answered", async () => {
    const { baseUrl, seen } = await server((projects, res) => {
      if (!projects.includes("heavy")) return false;
      replyJson(res, 500, { errors: [{ message: "gateway timeout in the runs resolver" }] });
      return true;
    });
    const [fine, heavy] = await twoProjects(baseUrl, "heavy", {
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
    });
    expect(fine).toEqual({ status: "fulfilled", value: "r1" });
    expect(heavy.status === "rejected" && heavy.reason).toBeInstanceOf(WandbGraphQLError);
    expect((heavy as PromiseRejectedResult).reason.status).toBe(500);
    // The shared request and its retry, then each part alone (the heavy one with its retry).
    expect(requests(seen).sort()).toEqual(
      [
        "RunsByName:fine+heavy",
        "RunsByName:fine+heavy",
        "RunsByName:fine",
        "RunsByName:heavy",
        "RunsByName:heavy",
      ].sort(),
    );
  });

  it("after GraphQL errors that point at no part, tries each part alone", async () => {
    const { baseUrl, seen } = await server((projects, res) => {
      if (!projects.includes("odd")) return false;
      replyJson(res, 200, { data: null, errors: [{ message: "internal error" }] });
      return true;
    });
    const [fine, odd] = await twoProjects(baseUrl, "odd");
    expect(fine).toEqual({ status: "fulfilled", value: "r1" });
    expect(odd.status === "rejected" && odd.reason).toBeInstanceOf(WandbGraphQLError);
    expect(requests(seen).sort()).toEqual(["RunsByName:fine", "RunsByName:fine+odd", "RunsByName:odd"]);
  });

  it("after HTTP 403 for one project, answers the other and names the refused project, the key being good", async () => {
    const { baseUrl, seen } = await server((projects, res) => {
      if (!projects.includes("secret")) return false;
      replyJson(res, 403, { errors: [{ message: "permission denied" }] });
      return true;
    });
    const [fine, secret] = await twoProjects(baseUrl, "secret");
    expect(fine).toEqual({ status: "fulfilled", value: "r1" });
    const error = (secret as PromiseRejectedResult).reason as ProjectNotFoundError;
    expect(error).toBeInstanceOf(ProjectNotFoundError);
    expect(error).not.toBeInstanceOf(WandbAuthError);
    expect(error.projectPath).toBe("acme/secret");
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/acme\/secret.*HTTP 403 while it accepts the API key/);
    expect(error.cause).toBeInstanceOf(WandbAuthError);
    expect(requests(seen).sort()).toEqual(
      ["RunsByName:fine", "RunsByName:fine+secret", "RunsByName:secret", "Viewer:"].sort(),
    );
  });

  it("does not split a failure of the connection: every caller gets it, with no more requests", async () => {
    const seen: string[] = [];
    const baseUrl = await loopback.listen((req) => {
      seen.push(req.url ?? "");
      req.socket.destroy();
    });
    const [fine, other] = await twoProjects(baseUrl, "other");
    for (const result of [fine, other]) {
      expect(result.status === "rejected" && result.reason).toBeInstanceOf(WandbNetworkError);
    }
    expect(seen).toHaveLength(1);
  });
});

describe("HTTP 403 on a request of one project", () => {
  it("is WandbAuthError when W&B refuses the key's own viewer too", async () => {
    const refuse = (res: ServerResponse) => replyJson(res, 403, { errors: [{ message: "invalid api key" }] });
    const { baseUrl, seen } = await server((_projects, res) => {
      refuse(res);
      return true;
    }, refuse);
    const client = createClient({ apiKey, baseUrl, retry: false });
    const error = await runName(client.run("acme/p/r1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WandbAuthError);
    expect((error as WandbAuthError).status).toBe(403);
    expect(requests(seen)).toEqual(["RunsByName:p", "Viewer:"]);
  });

  it("names the project when the key's viewer answers", async () => {
    const { baseUrl, seen } = await server((_projects, res) => {
      replyJson(res, 403, { errors: [{ message: "permission denied" }] });
      return true;
    });
    const client = createClient({ apiKey, baseUrl, retry: false });
    const error = await runName(client.run("acme/p/r1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectNotFoundError);
    expect((error as ProjectNotFoundError).projectPath).toBe("acme/p");
    expect(requests(seen)).toEqual(["RunsByName:p", "Viewer:"]);
  });
});

describe("HTTP 403 on an artifact lookup or a file listing, as on run fields", () => {
  const viewerAnswer = {
    data: { viewer: { id: "VXNlcjox", name: "J", username: "j", email: null, entity: "acme" } },
  };
  const calls: Array<[string, string, (client: WandbClient) => Promise<unknown>]> = [
    [
      "an artifact lookup",
      "ArtifactVersionByName",
      (client) => artifactVersion(client.artifact("acme/p/model:v3")),
    ],
    ["a run's files", "RunFiles", (client) => runFiles(client.run("acme/p/r1"))],
    [
      "an artifact's files",
      "ArtifactFileUrls",
      (client) => readArtifactFile(client.artifact("acme/p/model:v3"), "eval.json"),
    ],
  ];

  /** Refuses `refused` with 403; answers the version lookup (when not refused) and the viewer. */
  async function refusing(refused: string, keyGood: boolean) {
    const seen: string[] = [];
    const baseUrl = await loopback.listen(async (req, res) => {
      const { operationName } = await readGraphQLCall(req);
      seen.push(operationName);
      if (operationName === "Viewer" && keyGood) replyJson(res, 200, viewerAnswer);
      else if (operationName === refused || operationName === "Viewer") {
        replyJson(res, 403, { errors: [{ message: keyGood ? "permission denied" : "invalid api key" }] });
      } else if (operationName === "ArtifactVersionByName") {
        replyJson(res, 200, { data: { p0: { v0: { artifact: artifactVersionNode() } } } });
      } else replyJson(res, 500, { errors: [{ message: `probe: no answer for ${operationName}` }] });
    });
    return { client: createClient({ apiKey, baseUrl, retry: false }), seen };
  }

  it.each(calls)(
    "%s (%s) names the project when the key's viewer answers",
    async (_what, operation, call) => {
      const { client, seen } = await refusing(operation, true);
      const error = await call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectNotFoundError);
      expect((error as ProjectNotFoundError).projectPath).toBe("acme/p");
      expect((error as ProjectNotFoundError).status).toBe(403);
      expect((error as Error).message).toMatch(/HTTP 403 while it accepts the API key/);
      expect((error as Error).cause).toBeInstanceOf(WandbAuthError);
      expect(seen.slice(-2)).toEqual([operation, "Viewer"]);
    },
  );

  it.each(calls)(
    "%s (%s) is WandbAuthError when W&B refuses the viewer too",
    async (_what, operation, call) => {
      const { client, seen } = await refusing(operation, false);
      const error = await call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WandbAuthError);
      expect((error as WandbAuthError).status).toBe(403);
      expect(seen.slice(-2)).toEqual([operation, "Viewer"]);
    },
  );

  it("asks the viewer once for every refusal that arrives while it is out", async () => {
    const { client, seen } = await refusing("RunFiles", true);
    const errors = await Promise.all(
      ["r1", "r2", "r3"].map((id) => runFiles(client.run(`acme/p/${id}`)).catch((e: unknown) => e)),
    );
    for (const error of errors) expect(error).toBeInstanceOf(ProjectNotFoundError);
    expect(seen.filter((name) => name === "Viewer")).toHaveLength(1);
  });
});
