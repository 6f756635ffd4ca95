// schema/ as graphql-js reads it, and the operations codegen generated from queries/: what the
// schema tests and the live contract suite hold against each other.
import { readdirSync, readFileSync } from "node:fs";
import {
  buildSchema,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from "graphql";
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

/**
 * What is wrong with a document and its variables against `schema`, as a server would see them:
 * validation errors of the document, then coercion errors of the variables of the operation
 * `operationName` picks (empty: both are fine).
 */
export function documentProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): string[] {
  const invalid = validate(schema, document);
  if (invalid.length > 0) return invalid.map((error) => error.message);
  return variableProblems(schema, document, variables, operationName);
}

function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): string[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [`no operation ${operationName ?? "(unnamed)"} in the document`];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return coerced.errors?.map((error) => error.message) ?? [];
}

// Bodies repeat a few documents with many variables: each document is parsed and validated once.
const checkedDocuments = new WeakMap<GraphQLSchema, Map<string, DocumentNode | string[]>>();

function checkedDocument(schema: GraphQLSchema, query: string): DocumentNode | string[] {
  let known = checkedDocuments.get(schema);
  if (!known) {
    known = new Map();
    checkedDocuments.set(schema, known);
  }
  let checked = known.get(query);
  if (!checked) {
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      checked = errors.length > 0 ? errors.map((error) => error.message) : document;
    } catch (error) {
      checked = [error instanceof GraphQLError ? error.message : String(error)];
    }
    known.set(query, checked);
  }
  return checked;
}

/** {@link documentProblems} of a request body as sent over HTTP (JSON text). */
export function requestBodyProblems(schema: GraphQLSchema, bodyText: string): string[] {
  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(bodyText) as typeof body;
  } catch {
    return ["the body is not JSON"];
  }
  if (typeof body.query !== "string") return ["the body has no query"];
  const document = checkedDocument(schema, body.query);
  if (Array.isArray(document)) return document;
  const variables =
    body.variables !== null && typeof body.variables === "object"
      ? (body.variables as Record<string, unknown>)
      : undefined;
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  return variableProblems(schema, document, variables, operationName);
}
