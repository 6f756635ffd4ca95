// The live suite's look at the server's own schema: it asks for it by introspection and reports
// every type, field and argument the SDK's documents use that the server lacks or types
// differently (named type, list and nullability), and every argument the server requires that
// the SDK never passes. One wrong connection type once made every batched request invalid on W&B
// while all tests passed; this finds such a difference before any request fails.
import {
  buildClientSchema,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { type ProbeEndpoint, postGraphQL } from "./probe-runner.js";

/** What the SDK's documents use of schema/: types by name, and fields with the arguments passed. */
export interface SchemaUsage {
  /** Types the documents name: type conditions, variable types, and every selected field's type. */
  types: Map<string, GraphQLNamedType>;
  /** `Type.field` → the field in schema/, and the names of the arguments the documents pass. */
  fields: Map<string, { parent: string; field: GraphQLField<unknown, unknown>; passed: Set<string> }>;
}

/** Everything `documents` use of `schema`. */
export function schemaUsage(schema: GraphQLSchema, documents: readonly DocumentNode[]): SchemaUsage {
  const usage: SchemaUsage = { types: new Map(), fields: new Map() };
  const useType = (name: string) => {
    const type = schema.getType(name);
    if (type && !name.startsWith("__")) usage.types.set(name, type);
  };
  for (const document of documents) {
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        NamedType(node) {
          useType(node.name.value);
        },
        Field(node) {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || node.name.value.startsWith("__")) return;
          useType(parent.name);
          useType(getNamedType(field.type).name);
          const key = `${parent.name}.${field.name}`;
          const entry = usage.fields.get(key) ?? { parent: parent.name, field, passed: new Set<string>() };
          for (const argument of node.arguments ?? []) entry.passed.add(argument.name.value);
          usage.fields.set(key, entry);
        },
      }),
    );
  }
  return usage;
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "object type";
  if (isInterfaceType(type)) return "interface";
  if (isUnionType(type)) return "union";
  if (isEnumType(type)) return "enum";
  if (isInputObjectType(type)) return "input type";
  return "scalar";
}

function argumentDifferences(
  key: string,
  ours: GraphQLField<unknown, unknown>,
  theirs: GraphQLField<unknown, unknown>,
  passed: ReadonlySet<string>,
): string[] {
  const differences: string[] = [];
  const theirArgs = new Map(theirs.args.map((argument) => [argument.name, argument]));
  for (const argument of ours.args) {
    const their = theirArgs.get(argument.name);
    if (!their) differences.push(`${key}(${argument.name}:): missing on the server`);
    else if (String(their.type) !== String(argument.type)) {
      differences.push(`${key}(${argument.name}:): schema/ has ${argument.type}, the server ${their.type}`);
    }
  }
  const required = (argument: GraphQLArgument) =>
    isNonNullType(argument.type) && argument.defaultValue === undefined;
  for (const their of theirs.args) {
    if (required(their) && !passed.has(their.name)) {
      differences.push(
        `${key}(${their.name}:): the server requires it (${their.type}); the SDK does not pass it`,
      );
    }
  }
  return differences;
}

/**
 * One line per difference between what the SDK uses of schema/ and the server's schema: a type
 * missing or of another kind, a field missing or typed differently, an argument missing or typed
 * differently, an argument the server requires that the SDK does not pass. Empty: they agree.
 */
export function compareWithServer(usage: SchemaUsage, server: GraphQLSchema): string[] {
  const differences: string[] = [];
  for (const [name, type] of usage.types) {
    const theirs = server.getType(name);
    if (!theirs) differences.push(`${name}: missing on the server`);
    else if (kindOf(theirs) !== kindOf(type)) {
      differences.push(`${name}: ${kindOf(type)} in schema/, ${kindOf(theirs)} on the server`);
    }
  }
  for (const [key, { parent, field, passed }] of usage.fields) {
    const owner = server.getType(parent);
    if (!owner || !(isObjectType(owner) || isInterfaceType(owner))) continue;
    const theirs = owner.getFields()[field.name];
    if (!theirs) {
      differences.push(`${key}: missing on the server`);
      continue;
    }
    if (String(theirs.type) !== String(field.type)) {
      differences.push(`${key}: schema/ has ${field.type}, the server ${theirs.type}`);
    }
    differences.push(...argumentDifferences(key, field, theirs, passed));
  }
  return differences;
}

/** The server's schema, or why it cannot be had (introspection refused or failed). */
export type Introspected = { schema: GraphQLSchema } | { refused: string };

/** Asks `endpoint` for its schema by introspection. */
export async function introspect(endpoint: ProbeEndpoint): Promise<Introspected> {
  const query = getIntrospectionQuery({ descriptions: false, inputValueDeprecation: false });
  const { status, json } = await postGraphQL(endpoint, {
    query,
    operationName: "IntrospectionQuery",
    variables: {},
  });
  const errors = (json?.errors ?? []).map((error) => String(error.message));
  const data = json?.data as IntrospectionQuery | undefined;
  if (errors.length > 0 || !data?.__schema) {
    const why = errors.length > 0 ? errors.join("; ") : json ? "no __schema in the answer" : "no JSON body";
    return { refused: `HTTP ${status}: ${why}` };
  }
  return { schema: buildClientSchema(data) };
}
