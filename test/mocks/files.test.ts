// The mock's files: manifests as W&B's client writes them, presigned storage URLs that expire,
// the W&B host's file URLs (key checked, redirect to storage), the fault plan per file, lineage,
// and the request log with its credential flag.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import { basicAuth, gql, projectOf, useMsw } from "./support.js";

const key = "files-key-0123456789abcdef0123456789abcd";
const runs: MockRun[] = [
  {
    entity: "acme",
    project: "vision",
    id: "r1",
    files: [
      { name: "eval.json", content: '{"acc": 1}' },
      { name: "big.bin", content: { size: 200_000, seed: 2 } },
    ],
    loggedArtifacts: [
      {
        name: "model",
        type: "model",
        version: 0,
        files: [
          { path: "w.bin", content: new Uint8Array([1, 2, 3]) },
          { path: "remote", ref: "gs://bucket/remote", size: 10 },
        ],
      },
    ],
  },
  {
    entity: "acme",
    project: "vision",
    id: "r2",
    usedArtifacts: [{ name: "model", type: "model", version: 0 }],
  },
];

const msw = useMsw();
const md5 = (bytes: Uint8Array | string) => createHash("md5").update(bytes).digest("base64");

interface FileNode {
  name: string;
  url: string;
  directUrl: string;
  md5: string | null;
  sizeBytes: number;
}

async function artifactOf() {
  const answer = await gql(
    `{ project(name: "vision", entityName: "acme") { artifactCollection(name: "model") { artifactMembership(aliasName: "v0") {
      artifact { id fileCount size currentManifest { file { directUrl } } createdBy { __typename ... on Run { name } } usedBy(first: 1) { edges { node { name } } pageInfo { hasNextPage } } }
      files { edges { node { name url directUrl md5 sizeBytes } } } } } } }`,
    {},
    basicAuth(key),
  );
  return projectOf<{
    artifactCollection: {
      artifactMembership: {
        artifact: {
          id: string;
          fileCount: number;
          size: number;
          currentManifest: { file: { directUrl: string } };
          createdBy: { __typename: string; name: string };
          usedBy: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean } };
        };
        files: { edges: Array<{ node: FileNode }> };
      };
    };
  }>(answer).artifactCollection.artifactMembership;
}

describe("mock artifact files", () => {
  it("serve a manifest as W&B's client writes it, and the files it names", async () => {
    const mock = msw.serve({ runs, apiKey: key });
    const membership = await artifactOf();
    const { artifact, files } = membership;
    expect(artifact).toMatchObject({ fileCount: 2, size: 13, createdBy: { __typename: "Run", name: "r1" } });
    expect(artifact.usedBy).toEqual({ edges: [{ node: { name: "r2" } }], pageInfo: { hasNextPage: false } });
    const manifest = await (await fetch(artifact.currentManifest.file.directUrl)).json();
    expect(manifest).toEqual({
      version: 1,
      storagePolicy: "wandb-storage-policy-v1",
      storagePolicyConfig: { storageLayout: "V2" },
      contents: {
        "w.bin": { digest: md5(new Uint8Array([1, 2, 3])), size: 3, birthArtifactID: artifact.id },
        remote: { digest: "gs://bucket/remote", ref: "gs://bucket/remote", size: 10 },
      },
    });
    const [stored, reference] = files.edges.map((edge) => edge.node);
    expect(stored?.directUrl.startsWith(`${mock.storageUrl}/blobs/`)).toBe(true);
    expect(stored?.url.startsWith("https://api.wandb.ai/files/")).toBe(true);
    expect(new Uint8Array(await (await fetch(stored?.directUrl as string)).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    // A reference's URLs are its ref, as W&B sends them.
    expect(reference).toMatchObject({
      name: "remote",
      url: "gs://bucket/remote",
      directUrl: "gs://bucket/remote",
      md5: null,
    });
    expect(mock.fileRequests.map((r) => [r.host, r.file, r.status, r.authorization])).toEqual([
      ["storage", "manifest", 200, false],
      ["storage", "w.bin", 200, false],
    ]);
  });

  it("expire a URL as storage does: 403, and every URL handed out before stops working", async () => {
    const mock = msw.serve({ runs, apiKey: key, faults: { files: { expiredUrl: 1, paths: ["w.bin"] } } });
    const before = (await artifactOf()).files.edges[0]?.node.directUrl as string;
    expect((await fetch(before)).status).toBe(403);
    expect((await fetch(before)).status).toBe(403);
    const after = (await artifactOf()).files.edges[0]?.node.directUrl as string;
    expect(after).not.toBe(before);
    expect((await fetch(after)).status).toBe(200);
    expect(mock.fileRequests.map((r) => r.fault)).toEqual(["expired-url", "expired-url", undefined]);
    mock.reset();
    expect(mock.fileRequests).toEqual([]);
    expect((await fetch(before)).status).toBe(403);
  });

  it("cut a body halfway, then corrupt one, then serve it whole", async () => {
    msw.serve({ runs, apiKey: key, faults: { files: { cutBody: 1, corruptBody: 1 } } });
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") { run(name: "r1") { files(names: ["big.bin"]) { edges { node { directUrl md5 } } } } } }`,
      {},
      basicAuth(key),
    );
    const node = projectOf<{
      run: { files: { edges: Array<{ node: { directUrl: string; md5: string } }> } };
    }>(answer).run.files.edges[0]?.node as { directUrl: string; md5: string };
    await expect((await fetch(node.directUrl)).arrayBuffer()).rejects.toThrow();
    const corrupt = new Uint8Array(await (await fetch(node.directUrl)).arrayBuffer());
    expect(corrupt.length).toBe(200_000);
    expect(md5(corrupt)).not.toBe(node.md5);
    const whole = new Uint8Array(await (await fetch(node.directUrl)).arrayBuffer());
    expect(md5(whole)).toBe(node.md5);
  });

  it("check the key on the W&B host's file URLs and redirect to storage without it", async () => {
    const mock = msw.serve({ runs, apiKey: key });
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") { run(name: "r1") { files(pattern: "%.json") { edges { node { name url } } } } } }`,
      {},
      basicAuth(key),
    );
    const url = projectOf<{ run: { files: { edges: Array<{ node: { name: string; url: string } }> } } }>(
      answer,
    ).run.files.edges[0]?.node.url as string;
    expect((await fetch(url, { redirect: "manual" })).status).toBe(401);
    const redirect = await fetch(url, { redirect: "manual", headers: basicAuth(key) });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")?.startsWith(mock.storageUrl)).toBe(true);
    expect(mock.fileRequests.map((r) => [r.host, r.status, r.authorization])).toEqual([
      ["api", 401, false],
      ["api", 302, true],
    ]);
  });

  it("refuse a file description without content or path", () => {
    expect(() =>
      msw.serve({ runs: [{ entity: "a", project: "b", id: "c", files: [{ name: "x" } as never] }] }),
    ).toThrow(/needs content/);
    expect(() =>
      msw.serve({
        runs: [
          {
            entity: "a",
            project: "b",
            id: "c",
            loggedArtifacts: [{ name: "m", type: "t", version: 0, files: [{ path: "" } as never] }],
          },
        ],
      }),
    ).toThrow(/without a path/);
  });

  it("give a version saved outside a run a User as its creator", async () => {
    msw.serve({
      runs: [],
      apiKey: key,
      artifacts: [
        {
          entity: "acme",
          project: "vision",
          name: "data",
          type: "dataset",
          version: 0,
          createdBy: { username: "jane" },
        },
      ],
    });
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") { artifactCollectionMembership(name: "data:v0") { artifact { createdBy { __typename ... on User { username } } } } } }`,
      {},
      basicAuth(key),
    );
    expect(
      projectOf<{ artifactCollectionMembership: { artifact: { createdBy: unknown } } }>(answer)
        .artifactCollectionMembership.artifact.createdBy,
    ).toEqual({ __typename: "User", username: "jane" });
  });
});
