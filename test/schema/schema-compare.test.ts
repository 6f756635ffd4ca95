// The live suite's schema comparison (test/live/schema-compare.ts), offline: against the fake W&B,
// which answers introspection as graphql-js does, against a server that refuses it, and against a
// schema that differs from schema/ on purpose.

import { readdirSync, readFileSync } from "node:fs";
import { buildSchema, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/server.js";
import { replyJson, useLoopbackServers } from "../helpers/loopback.js";
import { loadSchema, operationDocuments } from "../helpers/schema.js";
import { compareWithServer, introspect, schemaUsage } from "../live/schema-compare.js";

const { listen } = useLoopbackServers();
const apiKey = "test-0123456789abcdef0123456789abcdef01234567";
const schema = loadSchema();
const usage = schemaUsage(
  schema,
  operationDocuments().map(([, document]) => document),
);

/** schema/'s text with each `[from, to]` replaced, failing when one is not there. */
function changedSchema(...changes: Array<[string | RegExp, string]>): GraphQLSchema {
  const dir = new URL("../../schema/", import.meta.url);
  let sdl = readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .map((name) => readFileSync(new URL(name, dir), "utf8"))
    .join("\n");
  for (const [from, to] of changes) {
    const changed = sdl.replace(from, to);
    if (changed === sdl) throw new Error(`schema/ has no ${String(from)}`);
    sdl = changed;
  }
  return buildSchema(sdl);
}

describe("comparing the SDK's use of schema/ with a server's schema", () => {
  it("collects every type, field and argument the SDK's documents use", () => {
    expect(usage.fields.get("Run.inputArtifacts")?.passed).toEqual(new Set(["first", "after"]));
    expect(usage.fields.get("Run.history")?.passed).toEqual(new Set(["samples", "minStep", "maxStep"]));
    for (const type of [
      "InputArtifactConnection",
      "InputArtifactEdge",
      "ArtifactConnection",
      "JSONString",
      "Int64",
    ]) {
      expect(usage.types.has(type)).toBe(true);
    }
    // The history exports (RunParquetHistory) use it since scanRunHistory reads them.
    expect(usage.fields.has("Run.parquetHistory")).toBe(true);
  });

  it("finds no difference with the fake W&B, which answers introspection", async () => {
    const mock = await startMockServer({ runs: [], apiKey });
    try {
      const server = await introspect({ url: `${mock.url}/graphql`, apiKey });
      if (!("schema" in server)) throw new Error(`the mock refused introspection: ${server.refused}`);
      expect(compareWithServer(usage, server.schema)).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it("says why when a server refuses introspection", async () => {
    const url = await listen((req, res) => {
      req.resume();
      req.on("end", () =>
        replyJson(res, 400, { errors: [{ message: "GraphQL introspection is not allowed" }] }),
      );
    });
    expect(await introspect({ url: `${url}/graphql`, apiKey })).toEqual({
      refused: "HTTP 400: GraphQL introspection is not allowed",
    });
  });

  it("reports each type, field and argument that differs, including the old inputArtifacts bug", () => {
    const server = changedSchema(
      [
        "inputArtifacts(after: String, first: Int): InputArtifactConnection",
        "inputArtifacts(after: String, first: Int): ArtifactConnection",
      ],
      [/\n {2}jobType: String #[^\n]*/, ""],
      ["history(minStep: Int64, maxStep: Int64, samples: Int)", "history(minStep: Int64, samples: Int!)"],
      ["config(keys: [String!]): JSONString", "config(keys: [String!], format: String!): JSONString"],
      [/enum ArtifactState \{[^}]*\}/, "scalar ArtifactState"],
      [
        "  name: String! # GEN-A fragments.py:UserFragment.name",
        "  name: String # GEN-A fragments.py:UserFragment.name",
      ],
    );
    expect(compareWithServer(usage, server).sort()).toEqual(
      [
        "ArtifactState: enum in schema/, scalar on the server",
        "Run.inputArtifacts: schema/ has InputArtifactConnection, the server ArtifactConnection",
        "Run.jobType: missing on the server",
        "Run.history(maxStep:): missing on the server",
        "Run.history(samples:): schema/ has Int, the server Int!",
        "Run.config(format:): the server requires it (String!); the SDK does not pass it",
        "User.name: schema/ has String!, the server String",
      ].sort(),
    );
  });
});
