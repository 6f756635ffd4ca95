/**
 * Runs one GraphQL request body against the schema with graphql-js, as a GraphQL server would:
 * a body or document it cannot run (no query, a syntax error, a validation error, bad variables)
 * is HTTP 400 with `{"errors": [...]}`; anything that executes is HTTP 200, errors from resolvers
 * travelling beside the partial `data` with their `path`.
 */
import { buildSchema, executeSync, GraphQLError, parse, validate, } from "graphql";
import { schemaSdl } from "./_generated/schema-sdl.js";
import { Lru } from "./lru.js";
let schema;
// Built on first use from the SDL embedded at codegen time, so it ships inside dist.
function mockSchema() {
    schema ??= buildSchema(schemaSdl);
    return schema;
}
// A client sends the same few documents over and over; parsing and validating each once is enough.
const documents = new Lru(128);
/** Executes `body` over `root`. Never throws: every failure is an answer. */
export function executeGraphQL(body, root, context) {
    if (typeof body.query !== "string" || body.query.trim() === "")
        return badRequest("Must provide query string.");
    const variables = body.variables ?? undefined;
    if (variables !== undefined &&
        variables !== null &&
        (typeof variables !== "object" || Array.isArray(variables))) {
        return badRequest("Variables must be provided as an Object where each property is a variable value.");
    }
    const operationName = body.operationName ?? undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
        return badRequest("Operation name must be a string.");
    }
    const document = documentOf(body.query);
    if (!isDocument(document))
        return { status: 400, payload: { errors: document } };
    const result = executeSync({
        schema: mockSchema(),
        document,
        rootValue: root,
        contextValue: context,
        variableValues: variables,
        operationName: operationName,
    });
    // No data means the request never ran (unknown operation, bad variables, a mutation on a schema
    // without one): a 400. Every root field is nullable, so an executed query always has data.
    return { status: result.data ? 200 : 400, payload: result };
}
function documentOf(query) {
    return documents.getOrCreate(query, () => {
        let document;
        try {
            document = parse(query);
        }
        catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(mockSchema(), document);
        return errors.length > 0 ? errors : document;
    });
}
function isDocument(value) {
    return !Array.isArray(value);
}
function badRequest(message) {
    return { status: 400, payload: { errors: [new GraphQLError(message)] } };
}
//# sourceMappingURL=execute.js.map