// `npm run check:package` (.ci/run runs it after the build): the tarball `npm publish` would upload,
// checked three ways. Exits non-zero on any problem; offline; removes its temporary folder.
//
// 1. Its files: package.json, README.md, LICENSE and, under dist/, one .js and one .d.ts per source
//    module of src/, mocks/ and shared/. Nothing else: no sources, tests, source maps (they would
//    point at sources the package does not ship; the build makes none, and no shipped file may
//    reference one) or leftovers of an older build.
// 2. publint, on the tarball: package.json against the files it names, every level (suggestions
//    too) treated as a failure.
// 3. attw (@arethetypeswrong/cli), on the tarball, with `--profile esm-only`. The package is
//    ESM-only by design (`"type": "module"`, an `exports` map with `types` + `default`, no CJS
//    build): the default profile would fail it for `node10` (which cannot read `exports` at all)
//    and for `node16` from CommonJS (where TypeScript sees ESM as reachable by dynamic import
//    only; Node >= 20.19, our engines floor, can `require()` it). esm-only ignores exactly those
//    two resolutions and still fails any wrong type for ESM importers and bundlers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { pack, root } from "./pack.mjs";

const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const alwaysShipped = ["LICENSE", "README.md", "package.json"];

// The CLI lands from its own branch; until src/cli/main.ts exists, `bin` names a file no build
// makes. That one publint error is reported as pending instead of failing; once the source
// exists, a bin missing from the tarball fails like anything else.
const binSources = Object.values(packageJson.bin ?? {}).map((target) =>
  target.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"),
);
const pendingBins = new Set(
  Object.values(packageJson.bin ?? {}).filter((_, i) => !existsSync(join(root, binSources[i]))),
);

function sourceModules(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Problems with the tarball's file list, compared with what the sources say it must hold. */
function checkFiles(files) {
  const expected = new Set(alwaysShipped);
  for (const source of [...sourceModules("src"), ...sourceModules("mocks"), ...sourceModules("shared")]) {
    const base = `dist/${source.replace(/\.ts$/, "")}`;
    expected.add(`${base}.js`);
    expected.add(`${base}.d.ts`);
  }
  const actual = new Set(files);
  return [
    ...[...actual]
      .filter((file) => !expected.has(file))
      .map((file) => `unexpected file in the package: ${file}`),
    ...[...expected].filter((file) => !actual.has(file)).map((file) => `missing from the package: ${file}`),
  ];
}

async function checkPublint(tarball) {
  const { messages, pkg } = await publint({
    pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
    level: "suggestion",
    strict: true,
  });
  const problems = [];
  const pending = [];
  for (const message of messages) {
    const text = `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`;
    const target = message.path[0] === "bin" ? pkg.bin?.[message.path[1]] : undefined;
    if (message.code === "FILE_DOES_NOT_EXIST" && pendingBins.has(target)) pending.push(text);
    else problems.push(text);
  }
  return { problems, pending };
}

function checkTypes(tarball) {
  const attw = join(root, "node_modules", ".bin", "attw");
  const run = spawnSync(attw, [tarball, "--profile", "esm-only", "--format", "table-flipped", "--no-color"], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { output: `${run.stdout}${run.stderr}`.trim(), ok: run.status === 0 };
}

/** Shipped files that point at a source map: the package ships none, so each would be a dead link. */
function checkSourceMapReferences(tarball, files) {
  const extracted = join(work, "extracted");
  mkdirSync(extracted);
  const tar = spawnSync("tar", ["-xzf", tarball, "-C", extracted], { timeout: 60_000 });
  if (tar.status !== 0) return [`could not extract the tarball: ${tar.stderr}`];
  return files
    .filter((file) => /\.(js|d\.ts)$/.test(file))
    .filter((file) => readFileSync(join(extracted, "package", file), "utf8").includes("sourceMappingURL="))
    .map((file) => `${file} references a source map the package does not ship`);
}

const work = mkdtempSync(join(tmpdir(), "wandb-query-package-"));
try {
  const { tarball, files } = pack(work);
  const fileProblems = [...checkFiles(files), ...checkSourceMapReferences(tarball, files)];
  const dist = files.filter((file) => file.startsWith("dist/"));
  console.log(
    `files: ${files.length} (${dist.filter((f) => f.endsWith(".d.ts")).length} .d.ts and ` +
      `${dist.filter((f) => f.endsWith(".js")).length} .js under dist/, ` +
      `${files.filter((f) => !f.startsWith("dist/")).join(", ")})`,
  );
  const lint = await checkPublint(tarball);
  for (const note of lint.pending) console.log(`pending until the CLI lands: ${note}`);
  console.log(lint.problems.length === 0 ? "publint: clean" : lint.problems.join("\n"));
  const types = checkTypes(tarball);
  console.log(`attw --profile esm-only:\n${types.output}`);
  const problems = [...fileProblems, ...lint.problems, ...(types.ok ? [] : ["attw found wrong types"])];
  if (problems.length > 0) {
    // A stale or mis-built dist can make hundreds; the first ones tell what went wrong.
    const shown = problems.slice(0, 30);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    console.error(shown.join("\n"));
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
