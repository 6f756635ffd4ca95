// `npm run docs`: the API reference in docs/api/, one Markdown page per module of docs/entries/,
// from the TSDoc comments of src/ and mocks/. The output is committed and .ci/run fails when
// regenerating it changes anything, so every setting here keeps it stable and free of noise.

/** @type {Partial<import("typedoc").TypeDocOptions & import("typedoc-plugin-markdown").PluginOptions>} */
const config = {
  // One entry per page; each re-exports part of src/index.ts under a `@module` name.
  entryPoints: [
    "docs/entries/client.ts",
    "docs/entries/run-operations.ts",
    "docs/entries/artifacts-and-files.ts",
    "docs/entries/workflows.ts",
    "docs/entries/charts.ts",
    "docs/entries/data-types.ts",
    "docs/entries/errors.ts",
    "docs/entries/mocks.ts",
  ],
  // The project's compiler settings over the entries and what they import; typedoc type-checks
  // them and fails on an error, so the entries need no place in tsconfig.json.
  tsconfig: "tsconfig.docs.json",
  plugin: ["typedoc-plugin-markdown"],
  out: "docs/api",
  // The index page: a short introduction, then the table of pages.
  readme: "docs/entries/index.md",
  mergeReadme: true,
  outputFileStrategy: "modules",
  excludeInternal: true,
  excludePrivate: true,
  // Leaves out what the classes inherit from the platform (Error.captureStackTrace, …).
  excludeExternals: true,
  // "Defined in file:line" would change the reference on every edit of a source file, doc comment
  // or not, and make the drift check fail for nothing; the pages name no file.
  disableSources: true,
  // Functions first: the run-operations page reads like W&B's, operation by operation.
  groupOrder: ["Functions", "Classes", "Interfaces", "Type Aliases", "Variables", "*"],
  // W&B's run-operations page heads its cross references "See Also".
  locales: { en: { tag_see: "See Also" } },
  parametersFormat: "table",
  indexFormat: "table",
  tableColumnSettings: { leftAlignHeaders: true },
  useCodeBlocks: true,
  hidePageHeader: true,
  hideBreadcrumbs: true,
  // A link that does not resolve, or a public type that is referenced but on no page, fails the
  // build instead of rendering as plain text.
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, unusedMergeModuleWith: true },
};

export default config;
