// Artifact versions: fields, aliases across collections, shared objects, pages, and lookups.
import { describe, expect, it } from "vitest";
import { mockRun } from "../../mocks/run-helpers.js";
import { gql, parseJsonString, projectOf, useMsw } from "./support.js";

const msw = useMsw();

const artifactFields = `id versionIndex digest state size fileCount description metadata commitHash createdAt updatedAt
  historyStep ttlDurationSeconds ttlIsInherited
  artifactType { name }
  artifactSequence { __typename name project { name entity { name } } }
  tags { name }
  aliases { alias artifactCollection { __typename name project { name entity { name } } } }`;

const runs = [
  mockRun({
    id: "trainer",
    heartbeatAt: new Date("2024-03-01T12:00:00Z"),
    loggedArtifacts: [
      {
        name: "model",
        type: "model",
        version: 3,
        aliases: ["latest", "best", "v3"],
        size: 1024,
        digest: "abc123",
        fileCount: 2,
        description: "a model",
        metadata: { epochs: 10, val_acc: 0.913 },
        tags: ["candidate"],
        otherCollectionAliases: [
          { alias: "production", collection: "mnist", entity: "acme-org", project: "wandb-registry-model" },
          { alias: "staging", collection: "mnist", entity: "acme-org", project: "wandb-registry-model" },
        ],
      },
      { name: "model", type: "model", version: 2 },
    ],
    usedArtifacts: [{ name: "data", type: "dataset", version: 1, createdAt: "2024-02-01T00:00:00" }],
  }),
  mockRun({
    id: "evaluator",
    usedArtifacts: [
      { name: "model", type: "model", version: 3, aliases: ["reviewed"] },
      { name: "shared", type: "dataset", version: 0, entity: "acme", project: "datasets" },
    ],
    loggedArtifacts: Array.from({ length: 7 }, (_, version) => ({
      name: "report",
      type: "evaluation",
      version,
    })),
  }),
];
msw.serve({ runs });

interface ArtifactNode {
  id: string;
  versionIndex: number;
  aliases: Array<{ alias: string; artifactCollection: { __typename: string; name: string } }>;
  [key: string]: unknown;
}
interface Connection {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: Array<{ cursor: string; node: ArtifactNode }>;
}

async function connection(run: string, field: string, args = ""): Promise<Connection> {
  const answer = await gql(`{ project(name: "vision", entityName: "acme") { run(name: "${run}") {
    ${field}${args} { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { ${artifactFields} } } } } } }`);
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ run: Record<string, Connection> }>(answer).run[field] as Connection;
}

describe("artifact versions", () => {
  it("carry W&B's fields and wire forms", async () => {
    const outputs = await connection("trainer", "outputArtifacts");
    expect(outputs.totalCount).toBe(2);
    const model = outputs.edges[0]?.node;
    expect(model).toMatchObject({
      id: expect.any(String),
      versionIndex: 3,
      digest: "abc123",
      state: "COMMITTED",
      size: 1024,
      fileCount: 2,
      description: "a model",
      createdAt: "2024-03-01T12:00:00",
      updatedAt: "2024-03-01T12:00:00",
      historyStep: null,
      ttlDurationSeconds: -2,
      ttlIsInherited: true,
      artifactType: { name: "model" },
      artifactSequence: {
        __typename: "ArtifactSequence",
        name: "model",
        project: { name: "vision", entity: { name: "acme" } },
      },
      tags: [{ name: "candidate" }],
    });
    expect(parseJsonString(model?.metadata)).toEqual({ epochs: 10, val_acc: 0.913 });
    expect(model?.commitHash).toMatch(/^[0-9a-f]{12}$/);
    expect(Buffer.from(model?.id ?? "", "base64").toString()).toMatch(/^Artifact:\d+$/);
  });

  it("list every alias of every collection: their own with vN, and the registry's", async () => {
    const model = (await connection("trainer", "outputArtifacts")).edges[0]?.node;
    expect(model?.aliases).toEqual([
      {
        alias: "latest",
        artifactCollection: expect.objectContaining({ __typename: "ArtifactSequence", name: "model" }),
      },
      {
        alias: "best",
        artifactCollection: expect.objectContaining({ __typename: "ArtifactSequence", name: "model" }),
      },
      // The one a user used adds to the same version.
      { alias: "reviewed", artifactCollection: expect.objectContaining({ name: "model" }) },
      {
        alias: "v3",
        artifactCollection: expect.objectContaining({ __typename: "ArtifactSequence", name: "model" }),
      },
      {
        alias: "production",
        artifactCollection: {
          __typename: "ArtifactPortfolio",
          name: "mnist",
          project: { name: "wandb-registry-model", entity: { name: "acme-org" } },
        },
      },
      { alias: "staging", artifactCollection: expect.objectContaining({ __typename: "ArtifactPortfolio" }) },
    ]);
    const plain = (await connection("trainer", "outputArtifacts")).edges[1]?.node;
    expect(plain?.aliases.map((alias) => alias.alias)).toEqual(["v2"]);
  });

  it("are one object whichever run logged or used them", async () => {
    const logged = (await connection("trainer", "outputArtifacts")).edges[0]?.node;
    const used = (await connection("evaluator", "inputArtifacts")).edges[0]?.node;
    expect(used?.id).toBe(logged?.id);
    expect(used).toEqual(logged);
  });

  it("default their fields, and live in the project a description names", async () => {
    const used = await connection("evaluator", "inputArtifacts");
    const shared = used.edges[1]?.node;
    expect(shared).toMatchObject({
      versionIndex: 0,
      size: 4096,
      fileCount: 1,
      description: null,
      metadata: "{}",
      tags: [],
      artifactSequence: { name: "shared", project: { name: "datasets", entity: { name: "acme" } } },
    });
    expect(shared?.digest).toMatch(/^[0-9a-f]{32}$/);
    const data = (await connection("trainer", "inputArtifacts")).edges[0]?.node;
    expect(data?.createdAt).toBe("2024-02-01T00:00:00");
  });

  it("page with first and after (default 50), following pageInfo.endCursor", async () => {
    const first = await connection("evaluator", "outputArtifacts", "(first: 3)");
    expect(first.totalCount).toBe(7);
    expect(first.edges.map((edge) => edge.node.versionIndex)).toEqual([0, 1, 2]);
    expect(first.pageInfo).toEqual({ endCursor: first.edges[2]?.cursor, hasNextPage: true });
    const second = await connection(
      "evaluator",
      "outputArtifacts",
      `(first: 3, after: "${first.pageInfo.endCursor}")`,
    );
    expect(second.edges.map((edge) => edge.node.versionIndex)).toEqual([3, 4, 5]);
    const third = await connection(
      "evaluator",
      "outputArtifacts",
      `(first: 3, after: "${second.pageInfo.endCursor}")`,
    );
    expect(third.edges.map((edge) => edge.node.versionIndex)).toEqual([6]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect((await connection("evaluator", "outputArtifacts")).edges).toHaveLength(7);
    const none = await connection("trainer", "outputArtifacts", "(first: 0)");
    expect(none).toMatchObject({
      totalCount: 2,
      edges: [],
      pageInfo: { endCursor: null, hasNextPage: true },
    });
  });

  it("refuse a cursor from another run's list", async () => {
    const first = await connection("evaluator", "outputArtifacts", "(first: 1)");
    const answer = await gql(`{ project(name: "vision", entityName: "acme") { run(name: "trainer") {
      outputArtifacts(after: "${first.pageInfo.endCursor}") { totalCount } } } }`);
    expect(answer.body.errors?.[0]?.message).toContain("invalid cursor");
  });

  it("know who used them", async () => {
    const answer = await gql(`{ project(name: "vision", entityName: "acme") { run(name: "trainer") {
      outputArtifacts(first: 1) { edges { node { usedBy { edges { node { name } } } } } } } } }`);
    const node = projectOf<{ run: { outputArtifacts: { edges: Array<{ node: unknown }> } } }>(answer).run
      .outputArtifacts.edges[0]?.node;
    expect(node).toEqual({ usedBy: { edges: [{ node: { name: "evaluator" } }] } });
  });
});

describe("artifact lookups on a project", () => {
  it("resolve collection:alias, collection:vN and a bare name (latest)", async () => {
    const answer = await gql(`{ project(name: "vision", entityName: "acme") {
      best: artifact(name: "model:best") { versionIndex }
      v2: artifact(name: "model:v2") { versionIndex }
      latest: artifact(name: "model") { versionIndex }
      missing: artifact(name: "model:v9") { versionIndex }
      type: artifactType(name: "model") { name }
      collection: artifactCollection(name: "model") { __typename name ... on ArtifactSequence { latestArtifact { versionIndex } } }
      membership: artifactCollectionMembership(name: "model:latest") { versionIndex aliases { alias } artifact { versionIndex } artifactCollection { name } }
    } }`);
    expect(answer.body.data).toEqual({
      project: {
        best: { versionIndex: 3 },
        v2: { versionIndex: 2 },
        latest: { versionIndex: 3 },
        missing: null,
        type: { name: "model" },
        collection: { __typename: "ArtifactSequence", name: "model", latestArtifact: { versionIndex: 3 } },
        membership: {
          versionIndex: 3,
          aliases: [{ alias: "latest" }, { alias: "best" }, { alias: "reviewed" }, { alias: "v3" }],
          artifact: { versionIndex: 3 },
          artifactCollection: { name: "model" },
        },
      },
    });
  });

  it("find a registry portfolio in its own project, which exists without runs", async () => {
    const answer = await gql(`{ project(name: "wandb-registry-model", entityName: "acme-org") {
      runCount
      artifactCollection(name: "mnist") { __typename name }
      artifactCollectionMembership(name: "mnist:production") { versionIndex aliases { alias } artifact { versionIndex } }
      v0: artifact(name: "mnist:v0") { versionIndex }
    } }`);
    expect(answer.body.data).toEqual({
      project: {
        runCount: 0,
        artifactCollection: { __typename: "ArtifactPortfolio", name: "mnist" },
        artifactCollectionMembership: {
          versionIndex: 0,
          aliases: [{ alias: "production" }, { alias: "staging" }],
          artifact: { versionIndex: 3 },
        },
        v0: { versionIndex: 3 },
      },
    });
  });
});
