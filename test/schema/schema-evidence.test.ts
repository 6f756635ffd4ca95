// Every type, field, argument and enum value of schema/ names the public source that shows it
// (format: the top of schema/wandb.graphql, CONTRIBUTING.md), and docs/schema-evidence.md is what
// scripts/schema-evidence.mjs writes from it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  evidenceCounts,
  readEvidence,
  readSchemaEvidence,
  renderMarkdown,
} from "../../scripts/schema-evidence.mjs";

// Lines 1 and 2 of every schema below; its own text starts on line 3.
const header = `# @source DUMP acme/dump@0123456789abcdef src/ proves=type,field,null,args,implements,value -- a dump
# @source PY acme/py@0123456789abcdef lib/ proves=field,args -- hand-written queries
`;

/** The problems the checker finds in a small schema, as `line: message`. */
function problemsOf(sdl: string): string[] {
  return readEvidence(header + sdl.replace(/^\n/, ""), "x.graphql").problems.map((problem) =>
    problem.replace(/^x\.graphql:/, ""),
  );
}

const unusedPy = "2: source PY is declared but never cited";

describe("schema/ evidence", () => {
  const models = readSchemaEvidence();

  it("has evidence for every type, field, argument and enum value, and no malformed entry", () => {
    expect(models.flatMap((model) => model.problems)).toEqual([]);
    const counts = models.map(evidenceCounts);
    expect(counts.reduce((sum, count) => sum + count.fields, 0)).toBeGreaterThan(100);
    expect(counts.reduce((sum, count) => sum + count.arguments, 0)).toBeGreaterThan(20);
  });

  it("says which connection type each artifact direction has, with its evidence", () => {
    const run = models.flatMap((model) => model.types).find((type) => type.name === "Run");
    const input = run?.fields.find((field) => field.name === "inputArtifacts");
    expect(input?.typeText).toBe("InputArtifactConnection");
    expect(input?.entries.map((entry) => entry.tag)).toEqual(expect.arrayContaining(["OPS", "DUMP"]));
  });

  it("docs/schema-evidence.md is what npm run codegen writes from schema/", () => {
    const written = readFileSync(new URL("../../docs/schema-evidence.md", import.meta.url), "utf8");
    expect(written).toBe(models.map((model) => renderMarkdown(model)).join("\n"));
  });
});

describe("the evidence checker", () => {
  it("accepts a fully evidenced schema", () => {
    const sdl = `
type Query {
  #+ DUMP graphql.ts:Query (type)
  run(name: String!): Run # PY runs.py:Run (field, args:name) ; DUMP graphql.ts:Query.run (type, null)
}
type Run {
  #+ DUMP graphql.ts:Run (type)
  name: String! # DUMP graphql.ts:Run.name (field, type, null)
}`;
    expect(problemsOf(sdl)).toEqual([]);
  });

  it("fails a field, an argument, a type and an enum value without evidence", () => {
    const sdl = `
type Query {
  #+ DUMP graphql.ts:Query (type)
  run(name: String!, other: Int): Run # DUMP graphql.ts:Query.run (field, type, null, args:name)
  bare: String
}
type Run {
  name: String! # DUMP graphql.ts:Run.name (field, type)
}
enum State {
  #+ DUMP graphql.ts:State (type)
  DONE
}`;
    expect(problemsOf(sdl)).toEqual([
      "5: Query.run: no evidence proves argument other",
      "6: Query.bare: no evidence proves field",
      "6: Query.bare: no evidence proves type",
      "6: Query.bare: no evidence proves null",
      "8: Run: no evidence proves the type",
      "9: Run.name: no evidence proves null",
      "13: State.DONE: no evidence proves the value",
      unusedPy,
    ]);
  });

  it("fails a malformed entry, an undeclared source and a proof a source cannot give", () => {
    const sdl = `
type Query {
  #+ DUMP graphql.ts:Query (type)
  a: String # DUMP graphql.ts Query.a (field, type, null)
  b: String # NOPE graphql.ts:Query.b (field, type, null)
  c: String # PY runs.py:Runs (field, type, null) ; DUMP graphql.ts:Query.c (type, null)
  d(x: Int): String # DUMP graphql.ts:Query.d (field, type, null, args:x/y, nullable)
}`;
    expect(problemsOf(sdl)).toEqual([
      '5: malformed evidence entry "DUMP graphql.ts Query.a (field, type, null)"',
      "6: undeclared source NOPE",
      "7: PY cannot prove type (it proves field, args)",
      "7: PY cannot prove null (it proves field, args)",
      '8: unknown proof "nullable" in "DUMP graphql.ts:Query.d (field, type, null, args:x/y, nullable)"',
      "5: Query.a: no evidence proves field",
      "5: Query.a: no evidence proves type",
      "5: Query.a: no evidence proves null",
      "8: Query.d: evidence names argument y, which it lacks",
    ]);
  });

  it("fails evidence that belongs to nothing, and an unused source", () => {
    const sdl = `
type Query {
  #+ DUMP graphql.ts:Query (type)
  a: String # DUMP graphql.ts:Query.a (field, type, null)
} # DUMP graphql.ts:Query (type)

#+ DUMP graphql.ts:Nothing (type)`;
    expect(problemsOf(sdl)).toEqual([
      "6: evidence on a line that defines nothing",
      "8: #+ line that continues nothing",
      unusedPy,
    ]);
  });

  it("takes a field inherited from an interface as proven there, only when written the same", () => {
    const sdl = `
interface Collection {
  #+ DUMP graphql.ts:Collection (type)
  name: String! # DUMP graphql.ts:Collection.name (field, type, null)
}
type Sequence implements Collection {
  #+ DUMP graphql.ts:Sequence (type, implements)
  name: String
}
type Portfolio implements Collection {
  #+ DUMP graphql.ts:Portfolio (type)
  name: String!
}`;
    expect(problemsOf(sdl)).toEqual([
      "9: Sequence.name differs from the interface's name: String!",
      "11: Portfolio: no evidence proves it implements Collection",
      unusedPy,
    ]);
  });

  it("keeps the plain comment lines above a definition as its note", () => {
    const model = readEvidence(
      `${header}type Query {
  #+ DUMP graphql.ts:Query (type)
  # Not-found is null,
  # not an error.
  run: String # DUMP graphql.ts:Query.run (field, type, null) ; PY runs.py:Run (field)
}`,
      "x.graphql",
    );
    const run = model.types[0]?.fields[0];
    expect(run?.note).toBe("Not-found is null, not an error.");
    expect(run?.entries.map((entry) => `${entry.tag} ${entry.path}:${entry.symbol}`)).toEqual([
      "DUMP graphql.ts:Query.run",
      "PY runs.py:Run",
    ]);
  });
});
