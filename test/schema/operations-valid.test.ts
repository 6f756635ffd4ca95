import { readdirSync, readFileSync } from "node:fs";
import { buildSchema, type DocumentNode, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import * as generated from "../../src/_generated/graphql.js";

const schemaDir = new URL("../../schema/", import.meta.url);
const queriesDir = new URL("../../queries/", import.meta.url);

function loadSchema() {
  const sdl = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(new URL(f, schemaDir), "utf8"))
    .join("\n");
  return buildSchema(sdl);
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Document";
}

describe("operations against schema/", () => {
  const schema = loadSchema();
  const operationDocuments = Object.entries(generated).filter(
    ([name, value]) => name.endsWith("Document") && !name.endsWith("FragmentDoc") && isDocument(value),
  ) as Array<[string, DocumentNode]>;

  it("finds every operation of queries/ among the generated documents", () => {
    const sources = readdirSync(queriesDir)
      .filter((f) => f.endsWith(".graphql"))
      .map((f) => parse(readFileSync(new URL(f, queriesDir), "utf8")));
    const operationNames = sources.flatMap((doc) =>
      doc.definitions.flatMap((d) => (d.kind === "OperationDefinition" && d.name ? [d.name.value] : [])),
    );
    expect(operationNames.length).toBeGreaterThanOrEqual(7);
    expect(operationDocuments.map(([name]) => name.replace(/Document$/, "")).sort()).toEqual(
      [...operationNames].sort(),
    );
  });

  it.each(operationDocuments.map(([name, doc]) => [name, doc] as const))(
    "%s validates with graphql-js",
    (_name, doc) => {
      expect(validate(schema, doc)).toEqual([]);
    },
  );

  it("rejects an operation that selects a field the schema lacks", () => {
    const drifted = parse("query Drifted { viewer { id notAField } }");
    const errors = validate(schema, drifted);
    expect(errors.map((e) => e.message)).toEqual(['Cannot query field "notAField" on type "User".']);
  });
});
