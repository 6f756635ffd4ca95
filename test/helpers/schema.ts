// schema/ as graphql-js reads it, and the operations codegen generated from queries/: what the
// schema tests and the live contract suite hold against each other.
import { readdirSync, readFileSync } from "node:fs";
import { buildSchema, type DocumentNode, type GraphQLSchema } from "graphql";
import * as generated from "../../src/_generated/graphql.js";

const schemaDir = new URL("../../schema/", import.meta.url);

/** Every `schema/*.graphql` file, as one schema. */
export function loadSchema(): GraphQLSchema {
  const sdl = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(new URL(f, schemaDir), "utf8"))
    .join("\n");
  return buildSchema(sdl);
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Document";
}

/** The generated operation documents (`ListRunsDocument`, …), each with the fragments it spreads. */
export function operationDocuments(): Array<[name: string, document: DocumentNode]> {
  return Object.entries(generated).filter(
    ([name, value]) => name.endsWith("Document") && !name.endsWith("FragmentDoc") && isDocument(value),
  ) as Array<[string, DocumentNode]>;
}
