// The rules scripts/verify-evidence.mjs checks schema/'s evidence by (scripts/evidence-checks.mjs),
// each with a case it passes and one it fails, on small texts shaped like W&B's sources.
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import {
  checkDump,
  checkGoMember,
  checkOperation,
  checkPythonAttribute,
  checkPythonField,
  type Element,
  graphqlDefinitions,
  graphqlInPython,
  readGoStruct,
  readPythonClass,
  readPythonEnum,
  variableFits,
} from "../../scripts/evidence-checks.mjs";

const schema = buildSchema(`
  type Query { project(name: String, entityName: String): Project }
  type Project { run(name: String!): Run }
  type Run { heartbeatAt: DateTime tags: [String!] config(keys: [String!]): JSONString user: User }
  type User { name: String! }
  scalar DateTime
  scalar JSONString
`);

const field = (parent: string, name: string, type: string, args: Record<string, string> = {}): Element => ({
  kind: "field",
  parent,
  name,
  type,
  args: new Map(Object.entries(args)),
});
const heartbeatAt = field("Run", "heartbeatAt", "DateTime");
const tags = field("Run", "tags", "[String!]");
const config = field("Run", "config", "JSONString", { keys: "[String!]" });

describe("graphql-codegen dumps", () => {
  const dump = `
export type Scalars = {
  String: string;
  DateTime: any;
};

export type Run = Node & {
  __typename?: 'Run';
  config?: Maybe<Scalars['JSONString']>;
  heartbeatAt?: Maybe<Scalars['DateTime']>;
  tags?: Maybe<Array<Scalars['String']>>;
};

export type RunConfigArgs = {
  keys?: InputMaybe<Array<Scalars['String']>>;
};

export type Initiator = Run | User;

export enum ArtifactState {
  Committed = 'COMMITTED',
}
`;

  it("finds the member on the type", () => {
    expect(checkDump(dump, "Run.heartbeatAt", "field", heartbeatAt).status).toBe("pass");
    expect(checkDump(dump, "Run.createdAt", "field", field("Run", "createdAt", "DateTime!")).status).toBe(
      "fail",
    );
    expect(checkDump(dump, "Run.heartbeatAt", "field", field("User", "heartbeatAt", "DateTime")).status).toBe(
      "fail",
    );
  });

  it("reads Maybe as nullable, list items included", () => {
    expect(checkDump(dump, "Run.heartbeatAt", "null", heartbeatAt).status).toBe("pass");
    expect(checkDump(dump, "Run.heartbeatAt", "null", field("Run", "heartbeatAt", "DateTime!")).status).toBe(
      "fail",
    );
    expect(checkDump(dump, "Run.tags", "null", tags).status).toBe("pass");
    expect(checkDump(dump, "Run.tags", "null", field("Run", "tags", "[String]")).status).toBe("fail");
  });

  it("compares the named type and the list depth", () => {
    expect(checkDump(dump, "Run.config", "type", config).status).toBe("pass");
    expect(checkDump(dump, "Run.config", "type", field("Run", "config", "String")).status).toBe("fail");
    expect(checkDump(dump, "Run.tags", "type", field("Run", "tags", "String")).status).toBe("fail");
  });

  it("reads arguments from <Type><Field>Args with their types", () => {
    expect(checkDump(dump, "Run.config", "args", config, ["keys"]).status).toBe("pass");
    const nullableItems = field("Run", "config", "JSONString", { keys: "[String]" });
    expect(checkDump(dump, "Run.config", "args", nullableItems, ["keys"]).status).toBe("fail");
  });

  it("checks definitions: kind, union members, implements, scalars, enum values", () => {
    const run: Element = { kind: "def", name: "Run", defKind: "type", interfaces: ["Node"], members: [] };
    expect(checkDump(dump, "Run", "type", run).status).toBe("pass");
    expect(checkDump(dump, "Run", "implements", run).status).toBe("pass");
    expect(checkDump(dump, "Run", "implements", { ...run, interfaces: ["BucketType"] }).status).toBe("fail");
    expect(checkDump(dump, "Run", "type", { ...run, defKind: "interface" }).status).toBe("fail");
    const initiator: Element = {
      kind: "def",
      name: "Initiator",
      defKind: "union",
      interfaces: [],
      members: [],
    };
    expect(checkDump(dump, "Initiator", "type", { ...initiator, members: ["User", "Run"] }).status).toBe(
      "pass",
    );
    expect(checkDump(dump, "Initiator", "type", { ...initiator, members: ["Run"] }).status).toBe("fail");
    const scalar: Element = { kind: "def", name: "DateTime", defKind: "scalar", interfaces: [], members: [] };
    expect(checkDump(dump, "Scalars.DateTime", "type", scalar).status).toBe("pass");
    expect(checkDump(dump, "Scalars.Int64", "type", { ...scalar, name: "Int64" }).status).toBe("fail");
    const value = (name: string): Element => ({ kind: "value", parent: "ArtifactState", name });
    expect(checkDump(dump, "ArtifactState.COMMITTED", "value", value("COMMITTED")).status).toBe("pass");
    expect(checkDump(dump, "ArtifactState.DELETED", "value", value("DELETED")).status).toBe("fail");
  });
});

describe("ariadne-codegen Python", () => {
  const operations = graphqlDefinitions([
    `fragment RunFragment on Run {
      beat: heartbeatAt
      tags
      user { name }
    }`,
  ]);
  const python = `class RunFragment(GQLResult):
    typename__: Typename[Literal["Run"]] = "Run"
    beat: str | None
    tags: list[str] | None
    user: RunFragmentUser | None = Field(
        alias="user"
    )


class RunFragmentUser(GQLResult):
    name: str


class ArtifactState(str, Enum):
    COMMITTED = "COMMITTED"
`;
  const runFragment = readPythonClass(python, "RunFragment");
  if (!runFragment) throw new Error("the fixture has RunFragment");
  const attribute = (name: string) => {
    const found = runFragment.attributes.get(name);
    if (!found) throw new Error(`the fixture has ${name}`);
    return found;
  };

  it("finds the field through the class's selection, GraphQL aliases included", () => {
    expect(checkPythonField(runFragment, "beat", heartbeatAt, operations, schema, "RunFragment").status).toBe(
      "pass",
    );
    expect(checkPythonField(runFragment, "tags", heartbeatAt, operations, schema, "RunFragment").status).toBe(
      "fail",
    );
    const onUser = field("User", "heartbeatAt", "DateTime");
    expect(checkPythonField(runFragment, "beat", onUser, operations, schema, "RunFragment").status).toBe(
      "fail",
    );
  });

  it("reads `X | None` as nullable, `list[X]` as non-null items", () => {
    expect(checkPythonAttribute(attribute("beat"), "null", heartbeatAt).status).toBe("pass");
    expect(checkPythonAttribute(attribute("beat"), "null", field("Run", "heartbeatAt", "DateTime!"))).toEqual(
      {
        status: "fail",
        detail: "source has str (a nullable value), schema/ DateTime! (a non-null value)",
      },
    );
    expect(checkPythonAttribute(attribute("tags"), "null", tags).status).toBe("pass");
    expect(checkPythonAttribute(attribute("tags"), "null", field("Run", "tags", "[String]")).status).toBe(
      "fail",
    );
  });

  it("decides a type only where the Python type stands for one GraphQL type", () => {
    const id = { annotation: "GQLId" };
    expect(checkPythonAttribute(id, "type", field("Run", "id", "ID!")).status).toBe("pass");
    expect(checkPythonAttribute(id, "type", field("Run", "id", "String!")).status).toBe("fail");
    expect(checkPythonAttribute(attribute("beat"), "type", heartbeatAt).status).toBe("unchecked");
    const user = field("Run", "user", "User");
    const typeOfClass = (name: string) => (name === "RunFragmentUser" ? ["User"] : undefined);
    expect(checkPythonAttribute(attribute("user"), "type", user, typeOfClass).status).toBe("pass");
    expect(
      checkPythonAttribute(attribute("user"), "type", field("Run", "user", "Run"), typeOfClass).status,
    ).toBe("fail");
    expect(checkPythonAttribute(attribute("typename__"), "type", field("Project", "run", "Run")).status).toBe(
      "pass",
    );
    expect(
      checkPythonAttribute(attribute("typename__"), "type", field("Project", "run", "User")).status,
    ).toBe("fail");
  });

  it("reads enum classes", () => {
    expect(readPythonEnum(python, "ArtifactState")?.values).toEqual(["COMMITTED"]);
    expect(readPythonEnum(python, "RunFragment")).toBeUndefined();
  });
});

describe("genqlient Go", () => {
  const go = `// RunInfoProjectRun includes the requested fields of the GraphQL type Run.
type RunInfoProjectRun struct {
	HeartbeatAt *time.Time \`json:"heartbeatAt"\`
	Tags        []string   \`json:"tags"\`
	Config      string     \`json:"config"\`
}
`;
  const struct = readGoStruct(go, "RunInfoProjectRun");
  if (!struct) throw new Error("the fixture has the struct");

  it("finds the member by its JSON key on the struct's GraphQL type", () => {
    expect(checkGoMember(struct, "HeartbeatAt", "field", heartbeatAt).status).toBe("pass");
    expect(checkGoMember(struct, "Tags", "field", heartbeatAt).status).toBe("fail");
    expect(
      checkGoMember(struct, "HeartbeatAt", "field", field("User", "heartbeatAt", "DateTime")).status,
    ).toBe("fail");
  });

  it("reads a pointer as nullable, and leaves a slice's own nullability unchecked", () => {
    expect(checkGoMember(struct, "HeartbeatAt", "null", heartbeatAt).status).toBe("pass");
    expect(checkGoMember(struct, "Config", "null", config).status).toBe("fail");
    expect(checkGoMember(struct, "Tags", "null", tags).status).toBe("unchecked");
  });

  it("maps Go types to the GraphQL types genqlient.yaml binds them to", () => {
    expect(checkGoMember(struct, "HeartbeatAt", "type", heartbeatAt).status).toBe("pass");
    expect(checkGoMember(struct, "HeartbeatAt", "type", field("Run", "heartbeatAt", "String")).status).toBe(
      "fail",
    );
  });
});

describe("GraphQL operations", () => {
  const operations = graphqlDefinitions([
    `query RunConfig($project: String, $entity: String, $run: String!, $keys: [String!]) {
      project(name: $project, entityName: $entity) {
        run(name: $run) { config(keys: $keys) ...RunFields }
      }
    }`,
    `fragment RunFields on Run { heartbeatAt }`,
  ]);

  it("finds the field on the type schema/ gives its position, through fragments", () => {
    expect(checkOperation(operations, schema, "RunConfig", "field", config).status).toBe("pass");
    expect(checkOperation(operations, schema, "RunConfig", "field", heartbeatAt).status).toBe("pass");
    expect(checkOperation(operations, schema, "RunConfig", "field", tags).status).toBe("fail");
    expect(checkOperation(operations, schema, "Nothing", "field", tags).status).toBe("fail");
  });

  it("checks that the arguments are passed, each a variable its type accepts", () => {
    expect(checkOperation(operations, schema, "RunConfig", "args", config, ["keys"]).status).toBe("pass");
    const nonNullKeys = field("Run", "config", "JSONString", { keys: "[String!]!" });
    expect(checkOperation(operations, schema, "RunConfig", "args", nonNullKeys, ["keys"]).status).toBe(
      "fail",
    );
    expect(checkOperation(operations, schema, "RunConfig", "args", config, ["keys", "first"]).status).toBe(
      "fail",
    );
  });

  it("follows GraphQL's rule for a variable in an argument's place", () => {
    expect(variableFits("String!", "String")).toBe(true);
    expect(variableFits("String", "String!")).toBe(false);
    expect(variableFits("String", "String!", true)).toBe(true);
    expect(variableFits("[String!]", "[String]")).toBe(true);
    expect(variableFits("[String]", "[String!]")).toBe(false);
    expect(variableFits("Int", "String")).toBe(false);
  });

  it("reads a fragment's type condition as the type of a definition", () => {
    const run: Element = { kind: "def", name: "Run", defKind: "type", interfaces: [], members: [] };
    expect(checkOperation(operations, schema, "RunFields", "type", run).status).toBe("pass");
    expect(checkOperation(operations, schema, "RunFields", "type", { ...run, name: "User" }).status).toBe(
      "fail",
    );
  });

  it("reads operations from Python strings, format placeholders included", () => {
    const python = `def history(node):
    query = """
    query RunHistory($project: String!, $entity: String!, $name: String!) {{
        project(name: $project, entityName: $entity) {{
            run(name: $name) {{ {}(samples: 10) heartbeatAt ...{fragment_name} }}
        }}
    }}
    """.format(node)
`;
    const definitions = graphqlInPython(python);
    expect(checkOperation(definitions, schema, "RunHistory", "field", heartbeatAt).status).toBe("pass");
    expect(checkOperation(definitions, schema, "RunHistory", "field", tags).status).toBe("unchecked");
  });
});
