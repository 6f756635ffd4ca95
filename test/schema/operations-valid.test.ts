import { readdirSync, readFileSync } from "node:fs";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { batchDocument } from "../../src/loaders/batch-document.js";
import { sweepsDocument } from "../../src/loaders/sweep-loader.js";
import { operationDocuments as generatedOperations, loadSchema } from "../helpers/schema.js";

const queriesDir = new URL("../../queries/", import.meta.url);

describe("operations against schema/", () => {
  const schema = loadSchema();
  const operationDocuments = generatedOperations();

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

  // The loader sends these compositions of the generated documents, not the documents themselves.
  it.each([1, 2, 3])("composes valid batch and sweep documents for %i parts", (parts) => {
    expect(validate(schema, batchDocument(parts))).toEqual([]);
    expect(validate(schema, sweepsDocument(parts))).toEqual([]);
  });

  // The bug this guards against: one page fragment on ArtifactConnection spread into both
  // directions made every batched request invalid on W&B, @include or not.
  it("rejects an ArtifactConnection page spread into inputArtifacts (an InputArtifactConnection)", () => {
    const oldBug = parse(`
      query OldBug($withInputArtifacts: Boolean!) {
        project(name: "p", entityName: "e") {
          run(name: "r") {
            inputArtifacts(first: 1) @include(if: $withInputArtifacts) { ...Page }
          }
        }
      }
      fragment Page on ArtifactConnection { edges { node { id } } }
    `);
    expect(validate(schema, oldBug).map((e) => e.message)).toEqual([
      'Fragment "Page" cannot be spread here as objects of type "InputArtifactConnection" can never be of type "ArtifactConnection".',
    ]);
  });

  it("rejects usedAs on a logged version's edge: only InputArtifactEdge has it", () => {
    const drifted = parse(`{ project { run(name: "r") { outputArtifacts { edges { usedAs } } } } }`);
    expect(validate(schema, drifted).map((e) => e.message)).toEqual([
      'Cannot query field "usedAs" on type "ArtifactEdge".',
    ]);
  });

  it("rejects an operation that selects a field the schema lacks", () => {
    const drifted = parse("query Drifted { viewer { id notAField } }");
    const errors = validate(schema, drifted);
    expect(errors.map((e) => e.message)).toEqual(['Cannot query field "notAField" on type "User".']);
  });
});
