/**
 * Runs one GraphQL request body against the schema with graphql-js, as a GraphQL server would:
 * a body or document it cannot run (no query, a syntax error, a validation error, bad variables)
 * is HTTP 400 with `{"errors": [...]}`; anything that executes is HTTP 200, errors from resolvers
 * travelling beside the partial `data` with their `path`.
 */
import {
  buildASTSchema,
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  executeSync,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
  visit,
} from "graphql";
import { schemaSdl } from "./_generated/schema-sdl.js";
import type { RequestContext } from "./context.js";
import type { QueryRoot } from "./dataset.js";
import { Lru } from "./lru.js";

let schema: GraphQLSchema | undefined;
/** Older servers' schemas, by what they lack. */
const olderSchemas = new Map<string, GraphQLSchema>();

// Built on first use from the SDL embedded at codegen time, so it ships inside dist.
function mockSchema(lacks: readonly string[] = []): GraphQLSchema {
  if (lacks.length === 0) {
    schema ??= buildSchema(schemaSdl);
    return schema;
  }
  const key = lacks.join("\n");
  let older = olderSchemas.get(key);
  if (!older) {
    older = schemaLacking(lacks);
    olderSchemas.set(key, older);
  }
  return older;
}

/**
 * The schema without some fields (`Type.field`) or arguments (`Type.field(arg)`): an older W&B
 * server, which refuses a document using them at validation.
 */
function schemaLacking(lacks: readonly string[]): GraphQLSchema {
  const fields = new Set<string>();
  const args = new Set<string>();
  for (const coordinate of lacks) {
    const match = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(coordinate);
    if (!match) throw new TypeError(`serverLacks: "${coordinate}" is not Type.field or Type.field(arg)`);
    if (match[3]) args.add(`${match[1]}.${match[2]}(${match[3]})`);
    else fields.add(`${match[1]}.${match[2]}`);
  }
  let type = "";
  let field = "";
  const document = visit(parse(schemaSdl), {
    ObjectTypeDefinition: {
      enter(node) {
        type = node.name.value;
      },
    },
    InterfaceTypeDefinition: {
      enter(node) {
        type = node.name.value;
      },
    },
    FieldDefinition: {
      enter(node) {
        field = node.name.value;
        return fields.has(`${type}.${field}`) ? null : undefined;
      },
    },
    InputValueDefinition: (node) => (args.has(`${type}.${field}(${node.name.value})`) ? null : undefined),
  });
  return buildASTSchema(document);
}

// A client sends the same few documents over and over; parsing and validating each once is enough.
const documents = new Lru<string, DocumentNode | readonly GraphQLError[]>(128);

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
  lacks: readonly string[] = [],
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
  const document = documentOf(body.query, lacks);
  if (!isDocument(document)) return { status: 400, payload: { errors: document } };
  const result = executeSync({
    schema: mockSchema(lacks),
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

function documentOf(query: string, lacks: readonly string[]): DocumentNode | readonly GraphQLError[] {
  const key = lacks.length === 0 ? query : `${lacks.join("\n")}\n\n${query}`;
  return documents.getOrCreate(key, () => {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    const errors = validate(mockSchema(lacks), document);
    return errors.length > 0 ? errors : document;
  });
}

function isDocument(value: DocumentNode | readonly GraphQLError[]): value is DocumentNode {
  return !Array.isArray(value);
}

function badRequest(message: string): GraphQLAnswer {
  return { status: 400, payload: { errors: [new GraphQLError(message)] } };
}
