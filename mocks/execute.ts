/**
 * Runs one GraphQL request body against the schema with graphql-js, as a GraphQL server would:
 * a body or document it cannot run (no query, a syntax error, a validation error, bad variables)
 * is HTTP 400 with `{"errors": [...]}`; anything that executes is HTTP 200, errors from resolvers
 * travelling beside the partial `data` with their `path`.
 */
import {
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  executeSync,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from "graphql";
import { schemaSdl } from "./_generated/schema-sdl.js";
import type { RequestContext } from "./context.js";
import type { QueryRoot } from "./dataset.js";
import { legacyLogLinesSdl } from "./log-lines.js";
import { Lru } from "./lru.js";

/** Which schema a request is validated against: today's, or an old server's. */
export type SchemaVariant = "current" | "legacy-log-lines";

interface CompiledSchema {
  schema: GraphQLSchema;
  // A client sends the same few documents over and over; parsing and validating each once is enough.
  documents: Lru<string, DocumentNode | readonly GraphQLError[]>;
}

const schemas = new Map<SchemaVariant, CompiledSchema>();

// Built on first use from the SDL embedded at codegen time, so it ships inside dist.
function mockSchema(variant: SchemaVariant): CompiledSchema {
  let compiled = schemas.get(variant);
  if (!compiled) {
    const sdl = variant === "legacy-log-lines" ? legacyLogLinesSdl(schemaSdl) : schemaSdl;
    compiled = { schema: buildSchema(sdl), documents: new Lru(128) };
    schemas.set(variant, compiled);
  }
  return compiled;
}

/** What to answer: an HTTP status and the JSON payload. */
export interface GraphQLAnswer {
  status: 200 | 400;
  payload: ExecutionResult | { errors: readonly GraphQLError[] };
}

/** The parts of a request body GraphQL reads. */
export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Executes `body` over `root`. Never throws: every failure is an answer. */
export function executeGraphQL(
  body: GraphQLBody,
  root: QueryRoot,
  context: RequestContext,
  variant: SchemaVariant = "current",
): GraphQLAnswer {
  if (typeof body.query !== "string" || body.query.trim() === "")
    return badRequest("Must provide query string.");
  const variables = body.variables ?? undefined;
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== "object" || Array.isArray(variables))
  ) {
    return badRequest("Variables must be provided as an Object where each property is a variable value.");
  }
  const operationName = body.operationName ?? undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    return badRequest("Operation name must be a string.");
  }
  const compiled = mockSchema(variant);
  const document = documentOf(body.query, compiled);
  if (!isDocument(document)) return { status: 400, payload: { errors: document } };
  const result = executeSync({
    schema: compiled.schema,
    document,
    rootValue: root,
    contextValue: context,
    variableValues: variables as Record<string, unknown> | null | undefined,
    operationName: operationName as string | null | undefined,
  });
  // No data means the request never ran (unknown operation, bad variables, a mutation on a schema
  // without one): a 400. Every root field is nullable, so an executed query always has data.
  return { status: result.data ? 200 : 400, payload: result };
}

function documentOf(query: string, compiled: CompiledSchema): DocumentNode | readonly GraphQLError[] {
  return compiled.documents.getOrCreate(query, () => {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    const errors = validate(compiled.schema, document);
    return errors.length > 0 ? errors : document;
  });
}

function isDocument(value: DocumentNode | readonly GraphQLError[]): value is DocumentNode {
  return !Array.isArray(value);
}

function badRequest(message: string): GraphQLAnswer {
  return { status: 400, payload: { errors: [new GraphQLError(message)] } };
}
