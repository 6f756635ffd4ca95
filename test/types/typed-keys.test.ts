// Types that catch typos, checked by tsc as a consumer would compile them: the fixture must compile
// (its @ts-expect-error lines are the ones that must not), strictly and with
// noPropertyAccessFromIndexSignature; so must every TypeScript block of the README. A typo in a
// key asked for must fail with "does not exist".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = fileURLToPath(new URL("typed-keys.fixture.ts", import.meta.url));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noEmit: true,
  skipLibCheck: true,
  baseUrl: root,
  // The build's declarations, as an installed package gives them (npm test builds first).
  paths: {
    "wandb-query": ["./dist/src/index.d.ts"],
    "wandb-query/mocks": ["./dist/mocks/index.d.ts"],
    "wandb-query/mocks/msw": ["./dist/mocks/msw.d.ts"],
  },
};

/** tsc's errors for `files` (name -> text), each file placed in test/types/ so node_modules resolves. */
function diagnosticsOf(files: Record<string, string>): string[] {
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [`${root}test/types/${name}`, text]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, language, onError)
      : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(root.length)}: ` : "";
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

describe("keys asked for make the type", () => {
  it("the fixture compiles under noPropertyAccessFromIndexSignature, its typos flagged", () => {
    expect(diagnosticsOf({ "fixture.ts": readFileSync(fixture, "utf8") })).toEqual([]);
  }, 60_000);

  it("a typo in a key asked for does not compile, naming the key", () => {
    const code = `
import { createClient, runHistory, runSummary } from "wandb-query";
const run = createClient({ apiKey: "k".repeat(40) }).run("acme/vision/r1");
const summary = await runSummary(run, { keys: ["accuracy"] });
console.log(summary.acuracy);
const [row] = await runHistory(run, { keys: ["loss"] });
console.log(row?.los);
export {};
`;
    const errors = diagnosticsOf({ "typo.ts": code });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^test\/types\/typo\.ts: Property 'acuracy' does not exist on type '\{ accuracy\?: JsonValue/,
    );
    expect(errors[1]).toMatch(/^test\/types\/typo\.ts: Property 'los' does not exist/);
  }, 60_000);
});

describe("the README's TypeScript", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);

  it("has blocks, and each compiles under noPropertyAccessFromIndexSignature", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    // Each block a module of its own, as a reader would paste it.
    const files = Object.fromEntries(blocks.map((text, i) => [`readme-${i}.ts`, `${text}\nexport {};\n`]));
    expect(diagnosticsOf(files)).toEqual([]);
  }, 60_000);
});
