// The fake W&B executes exactly schema/: the schema it builds is schema/ (nothing added, nothing
// left out), and its objects answer every field of it, each with a value of the field's type.
import {
  buildSchema,
  type DocumentNode,
  defaultFieldResolver,
  execute,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  GraphQLScalarType,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  parse,
  printSchema,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { schemaSdl } from "../../mocks/_generated/schema-sdl.js";
import { MockDataset } from "../../mocks/dataset.js";
import { demoRuns, demoSweeps } from "../../mocks/demo-data.js";
import { demoFacts } from "../../mocks/demo-facts.js";
import { FileStore } from "../../mocks/file-store.js";
import { loadSchema } from "../helpers/schema.js";

const schema = loadSchema();
const known = demoFacts.knownRun;
const [entity, project, runId] = known.path.split("/") as [string, string, string];

/** Values for the arguments a field cannot go without, so the walk reaches demo data. */
const argumentsOf: Record<string, string> = {
  "Query.project": `(name: "${project}", entityName: "${entity}")`,
  "Query.model": `(name: "${project}", entityName: "${entity}")`,
  "Project.run": `(name: "${runId}")`,
  "Project.bucket": `(name: "${runId}")`,
  "Project.runs": "(first: 2)",
  "Project.sweep": `(sweepName: "${demoFacts.sweeps.vision[0]}")`,
  "Project.artifact": `(name: "${known.loggedArtifact.name}:latest")`,
  "Project.artifactType": `(name: "${known.loggedArtifact.type}")`,
  "Project.artifactCollection": `(name: "${known.loggedArtifact.name}")`,
  "Project.artifactCollectionMembership": `(name: "${known.loggedArtifact.name}:latest")`,
  // The demo's first version: the known run's model (the mock numbers versions in description order).
  "Query.artifact": `(id: "${Buffer.from("Artifact:1").toString("base64")}")`,
  "ArtifactCollection.artifactMembership": '(aliasName: "latest")',
  "ArtifactSequence.artifactMembership": '(aliasName: "latest")',
  "ArtifactPortfolio.artifactMembership": '(aliasName: "latest")',
  "Run.sampledHistory": `(specs: ["{\\"keys\\": [\\"_step\\", \\"loss\\"], \\"samples\\": 3}"])`,
  "Run.parquetHistory": `(liveKeys: ["_step"])`,
  "Run.history": "(samples: 3)",
  "Run.events": "(samples: 3)",
};

/**
 * A selection of every field of `type`, its fields' fields and so on, each object type expanded
 * once per path (a cycle stops there); abstract types also through each possible type.
 */
function selectAll(type: GraphQLNamedType, path: readonly string[], depth: number): string {
  if (isLeafType(type)) return "";
  if (depth > 7) return "{ __typename }";
  const fieldsOf = (owner: GraphQLNamedType): Array<GraphQLField<unknown, unknown>> =>
    isObjectType(owner) || isInterfaceType(owner) ? Object.values(owner.getFields()) : [];
  const select = (owner: GraphQLNamedType) =>
    fieldsOf(owner)
      .map((field) => {
        const named = getNamedType(field.type);
        const args = argumentsOf[`${owner.name}.${field.name}`] ?? "";
        // A type already on the path is not expanded again: the field is still answered.
        if (!isLeafType(named) && path.includes(named.name)) return `${field.name}${args} { __typename }`;
        return `${field.name}${args} ${selectAll(named, [...path, named.name], depth + 1)}`;
      })
      .join(" ");
  const concrete = isAbstractType(type)
    ? schema.getPossibleTypes(type).map((possible) => `... on ${possible.name} { ${select(possible)} }`)
    : [];
  return `{ __typename ${select(type)} ${concrete.join(" ")} }`;
}

// The custom scalars as W&B's clients read them, checked as strictly as graphql-js checks String
// or Int (the mock's own schema passes them through untouched).
const wireForms: Record<string, (value: unknown) => boolean> = {
  JSONString: (value) => typeof value === "string",
  DateTime: (value) => typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value),
  Int64: (value) => Number.isSafeInteger(value),
  Duration: (value) => Number.isSafeInteger(value),
  JSON: () => true,
};

function strictSchema() {
  const strict = buildSchema(schemaSdl);
  for (const [name, fits] of Object.entries(wireForms)) {
    const scalar = strict.getType(name);
    if (!(scalar instanceof GraphQLScalarType)) throw new Error(`schema/ has no scalar ${name}`);
    scalar.serialize = (value: unknown) => {
      if (!fits(value)) throw new TypeError(`${name} cannot be ${JSON.stringify(value)}`);
      return value;
    };
  }
  return strict;
}

/** Runs `document` over `root` the way the mock does, noting which fields were reached. */
function walk(
  document: DocumentNode,
  root: unknown = new MockDataset(demoRuns(), {
    sweeps: demoSweeps(),
    store: new FileStore("https://files.test", {}),
  }).root(),
) {
  const reached = new Set<string>();
  const unimplemented = new Set<string>();
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    const key = `${info.parentType.name}.${info.fieldName}`;
    reached.add(key);
    // The mock answers with plain objects and classes; a field it does not implement is absent.
    if (source === null || typeof source !== "object" || !(info.fieldName in source)) unimplemented.add(key);
    return defaultFieldResolver(source, args, context, info);
  };
  const result = execute({
    schema: strictSchema(),
    document,
    rootValue: root,
    contextValue: { touchRun: () => {}, apiOrigin: "https://api.wandb.ai" },
    fieldResolver,
  });
  return { result: result as Awaited<typeof result>, reached, unimplemented };
}

describe("the fake W&B and schema/", () => {
  it("builds its executable schema from schema/ and nothing else", () => {
    expect(printSchema(buildSchema(schemaSdl))).toBe(printSchema(schema));
  });

  it("answers every field of schema/, each with a value of its type", () => {
    const query = schema.getQueryType();
    if (!query) throw new Error("schema/ has no Query type");
    const document = parse(`query Everything ${selectAll(query, ["Query"], 0)}`);
    expect(validate(schema, document)).toEqual([]);
    const { result, reached, unimplemented } = walk(document);
    expect(result.errors ?? []).toEqual([]);
    expect([...unimplemented]).toEqual([]);
    const every = Object.values(schema.getTypeMap()).flatMap((type) =>
      type.name.startsWith("__") || !isObjectType(type)
        ? []
        : Object.keys(type.getFields()).map((field) => `${type.name}.${field}`),
    );
    expect(every.filter((field) => !reached.has(field))).toEqual([]);
  });

  it("tells a field answered null from one not implemented, and a scalar in the wrong form", () => {
    const root = { viewer: { id: "VXNlcjox", name: "Jo", username: null, flags: 3 } };
    const { result, unimplemented } = walk(parse("{ viewer { id name username email flags } }"), root);
    expect(result.data).toEqual({
      viewer: { id: "VXNlcjox", name: "Jo", username: null, email: null, flags: null },
    });
    expect(result.errors?.map((error) => error.message)).toEqual(["JSONString cannot be 3"]);
    expect([...unimplemented]).toEqual(["User.email"]);
  });
});
