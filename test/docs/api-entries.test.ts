// The API reference covers the public surface exactly: each name src/index.ts (and mocks/index.ts)
// exports is on one page of docs/api, and every page has an entry in typedoc's config.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const entriesDir = new URL("docs/entries/", root);
const entryFiles = readdirSync(entriesDir)
  .filter((name) => name.endsWith(".ts"))
  .sort();
const path = (relative: string) => fileURLToPath(new URL(relative, root));

const program = ts.createProgram(
  [
    path("src/index.ts"),
    path("mocks/index.ts"),
    path("mocks/msw.ts"),
    ...entryFiles.map((name) => path(`docs/entries/${name}`)),
  ],
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  },
);
const checker = program.getTypeChecker();

function exportedNames(file: string): string[] {
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`no module symbol for ${file}`);
  return checker
    .getExportsOfModule(symbol)
    .map((exported) => exported.name)
    .sort();
}

describe("docs/entries", () => {
  const perPage = new Map(entryFiles.map((name) => [name, exportedNames(path(`docs/entries/${name}`))]));
  const sdkPages = entryFiles.filter((name) => name !== "mocks.ts");

  it("puts every export of src/index.ts on exactly one page", () => {
    const documented = sdkPages.flatMap((name) => perPage.get(name) ?? []);
    expect(documented.length).toBe(new Set(documented).size);
    expect([...documented].sort()).toEqual(exportedNames(path("src/index.ts")));
  });

  it("puts every export of wandb-query/mocks and wandb-query/mocks/msw on the mocks page", () => {
    const mocks = [...exportedNames(path("mocks/index.ts")), ...exportedNames(path("mocks/msw.ts"))];
    expect(perPage.get("mocks.ts")).toEqual(mocks.sort());
  });

  it("lists every page in typedoc's config", async () => {
    const configUrl = new URL("typedoc.config.mjs", root).href;
    const { default: config } = (await import(configUrl)) as { default: { entryPoints: string[] } };
    expect([...config.entryPoints].sort()).toEqual(entryFiles.map((name) => `docs/entries/${name}`));
  });

  it("has a generated page per entry, linked from the README", () => {
    for (const name of entryFiles) {
      expect(existsSync(new URL(`docs/api/${name.replace(/\.ts$/, ".md")}`, root))).toBe(true);
    }
    const readme = readFileSync(new URL("README.md", root), "utf8");
    // The README links absolutely into the repository's tree (npm shows it, where relative links fail).
    const links = [
      ...readme.matchAll(/\]\(https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/(docs\/api\/[^)#]+)/g),
    ].map((match) => match[1] as string);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(existsSync(new URL(link, root)), link).toBe(true);
  });
});
