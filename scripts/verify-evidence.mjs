// Checks every evidence entry of schema/ against the source it cites, at the pinned commit, in
// local copies of the repositories (no network): that the cited symbol is in the cited file and
// shows what the entry claims. Not part of `npm test` or CI, which have no copies; run it by hand:
//
//   npm run evidence:verify -- --mirror wandb/wandb=DIR --mirror wandb/wandb-js=DIR \
//     --file-root wandb/weave=DIR [--verbose]
//
// --mirror names a git directory (bare or not) holding the repository's pinned commits;
// --file-root a folder holding single files as <commit>/<path> (for a repository not mirrored).
// Prints a summary per tag and proof kind and every failure; exits 1 on any failure. The rules
// are in scripts/evidence-checks.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema } from "graphql";
import {
  checkDump,
  checkGoMember,
  checkOperation,
  checkPythonAttribute,
  checkPythonField,
  graphqlDefinitions,
  graphqlInPython,
  locateClass,
  namedOf,
  readGoStruct,
  readPythonClass,
  readPythonEnum,
  schemaTypeText,
} from "./evidence-checks.mjs";
import { readSchemaEvidence } from "./schema-evidence.mjs";

/** Reads files of one repository at one commit, from a git directory or a folder of single files. */
function repositoryReader(repo, mirrors, fileRoots) {
  const gitDir = mirrors.get(repo);
  if (gitDir) {
    const git = (...args) =>
      execFileSync("git", ["-C", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
    return {
      where: gitDir,
      read: (commit, path) => {
        try {
          return git("show", `${commit}:${path}`);
        } catch {
          return undefined;
        }
      },
      list: (commit, base) =>
        git("ls-tree", "-r", "--name-only", commit, "--", base).split("\n").filter(Boolean),
    };
  }
  const root = fileRoots.get(repo);
  if (!root) return undefined;
  const walk = (dir, prefix) =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) =>
          statSync(join(dir, name)).isDirectory()
            ? walk(join(dir, name), `${prefix}${name}/`)
            : [`${prefix}${name}`],
        )
      : [];
  return {
    where: root,
    read: (commit, path) => {
      const file = join(root, commit, path);
      return existsSync(file) ? readFileSync(file, "utf8") : undefined;
    },
    list: (commit, base) => walk(join(root, commit, base), base),
  };
}

/**
 * The file an entry cites: base + path when that exists; else, for a path without a folder, the
 * one file under the base path with that name, or, among several, the one file whose text holds
 * the symbol's first part (a class, struct, type, operation or fragment name).
 */
function resolveFile(reader, source, path, symbol) {
  const direct = `${source.base}${path}`;
  const text = reader.read(source.commit, direct);
  if (text !== undefined) return { path: direct, text, rule: "direct" };
  const candidates = reader.list(source.commit, source.base).filter((file) => file.endsWith(`/${path}`));
  if (candidates.length === 1) {
    return { path: candidates[0], text: reader.read(source.commit, candidates[0]), rule: "unique basename" };
  }
  const head = symbol.split(".")[0];
  const holding = candidates.filter((file) =>
    new RegExp(`\\b${head}\\b`).test(reader.read(source.commit, file) ?? ""),
  );
  if (holding.length === 1) {
    return {
      path: holding[0],
      text: reader.read(source.commit, holding[0]),
      rule: "basename holding the symbol",
    };
  }
  return {
    problem:
      candidates.length === 0
        ? `no file ${path} under ${source.base}`
        : `${path} is ambiguous under ${source.base}: ${candidates.join(", ")}`,
  };
}

/** Every element of schema/ with its entries, typed from the built schema. */
function elementsOf(model, schema) {
  const elements = [];
  for (const type of model.types) {
    const built = schema.getType(type.name);
    const members =
      type.kind === "union"
        ? built.getTypes().map((t) => t.name)
        : type.kind === "interface"
          ? schema.getPossibleTypes(built).map((t) => t.name)
          : [];
    elements.push({
      element: { kind: "def", name: type.name, defKind: type.kind, interfaces: type.interfaces, members },
      entries: type.entries,
      line: type.line,
    });
    for (const field of type.fields) {
      const built2 = built.getFields()[field.name];
      elements.push({
        element: {
          kind: "field",
          parent: type.name,
          name: field.name,
          type: schemaTypeText(built2.type),
          args: new Map(built2.args.map((arg) => [arg.name, schemaTypeText(arg.type)])),
        },
        entries: field.entries,
        line: field.line,
      });
    }
    for (const value of type.values) {
      elements.push({
        element: { kind: "value", parent: type.name, name: value.name },
        entries: value.entries,
        line: value.line,
      });
    }
  }
  return elements;
}

/** The folder of a path, with its trailing slash. */
const folderOf = (path) => path.slice(0, path.lastIndexOf("/") + 1);

function makeChecker(schema, readerOf) {
  const cache = new Map();
  const memo = (key, make) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
  };
  // The operations in one folder of a repository at a commit, parsed once.
  const operationsIn = (reader, commit, folder) =>
    memo(`ops ${reader.where} ${commit} ${folder}`, () =>
      graphqlDefinitions(
        reader
          .list(commit, folder)
          .filter((file) => file.endsWith(".graphql") && folderOf(file) === folder)
          .map((file) => reader.read(commit, file) ?? ""),
      ),
    );

  return (source, file, entry, proof, element) => {
    const reader = readerOf(source.repo);
    const [head, member] = entry.symbol.split(".");
    const args = proof.args ?? [];
    if (file.path.endsWith(".ts")) return checkDump(file.text, entry.symbol, proof.kind, element, args);
    if (file.path.endsWith(".graphql")) {
      return checkOperation(
        operationsIn(reader, source.commit, folderOf(file.path)),
        schema,
        entry.symbol,
        proof.kind,
        element,
        args,
      );
    }
    if (file.path.endsWith(".go")) {
      const struct = readGoStruct(file.text, head);
      if (!struct) return { status: "fail", detail: `no struct ${head}` };
      const typeOfStruct = (name) => {
        const found = readGoStruct(file.text, name);
        return found?.graphqlType
          ? [found.graphqlType]
          : /^[A-Z]\w*$/.test(name) && !found
            ? [name]
            : undefined;
      };
      if (member !== undefined) return checkGoMember(struct, member, proof.kind, element, typeOfStruct);
      if (proof.kind !== "type")
        return { status: "unchecked", detail: `a struct alone shows no ${proof.kind}` };
      const named =
        element.kind === "def" ? element.name : element.kind === "field" ? namedOf(element.type) : undefined;
      if (struct.graphqlType === undefined)
        return { status: "unchecked", detail: `${head} does not name its GraphQL type` };
      return struct.graphqlType === named
        ? { status: "pass", detail: `${head} holds ${struct.graphqlType}` }
        : { status: "fail", detail: `${head} holds ${struct.graphqlType}, schema/ has ${named}` };
    }
    if (file.path.endsWith(".py") && /^# Generated by ariadne-codegen/.test(file.text)) {
      const operationsFolder = /^# Source: (\S+\/)$/m.exec(file.text)?.[1];
      const definitions = operationsFolder ? operationsIn(reader, source.commit, operationsFolder) : [];
      if (element.kind === "value" || (element.kind === "def" && element.defKind === "enum")) {
        const found = readPythonEnum(file.text, head);
        if (!found) return { status: "fail", detail: `no enum class ${head}` };
        if (element.kind === "def") {
          return head === element.name
            ? { status: "pass", detail: `enum class ${head}` }
            : { status: "fail", detail: `enum class ${head} is not ${element.name}` };
        }
        return head === element.parent && found.values.includes(element.name)
          ? { status: "pass", detail: `${head}.${element.name}` }
          : { status: "fail", detail: `${head} has ${found.values.join(", ")}` };
      }
      const pythonClass = readPythonClass(file.text, head);
      if (!pythonClass) return { status: "fail", detail: `no class ${head}` };
      const typeOfClass = (name) => {
        const enums = reader.read(source.commit, `${folderOf(file.path)}enums.py`) ?? "";
        if (readPythonEnum(enums, name)) return [name];
        const located = locateClass(definitions, schema, name);
        if (located?.typeName) return [located.typeName];
        const typenames = readPythonClass(file.text, name)?.typenames ?? [];
        return typenames.length > 0 ? typenames : undefined;
      };
      if (element.kind === "def") {
        if (proof.kind !== "type") return { status: "unchecked", detail: `a class shows no ${proof.kind}` };
        const holds = typeOfClass(head);
        if (holds === undefined)
          return { status: "unchecked", detail: `${head} does not say which type it holds` };
        return holds.length === 1 && holds[0] === element.name
          ? { status: "pass", detail: `${head} holds ${element.name}` }
          : { status: "fail", detail: `${head} holds ${holds.join(" | ")}, not ${element.name}` };
      }
      const attribute = pythonClass.attributes.get(member ?? "");
      if (!attribute) return { status: "fail", detail: `${head} has no attribute ${member}` };
      if (proof.kind === "field")
        return checkPythonField(pythonClass, member, element, definitions, schema, head);
      return checkPythonAttribute(attribute, proof.kind, element, typeOfClass);
    }
    if (file.path.endsWith(".py")) {
      return checkOperation(graphqlInPython(file.text), schema, entry.symbol, proof.kind, element, args);
    }
    return { status: "unchecked", detail: `no rule reads ${file.path}` };
  };
}

function parseOptions(argv) {
  const mirrors = new Map();
  const fileRoots = new Map();
  let verbose = false;
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index];
    const value = () => {
      const pair = argv[++index] ?? "";
      const at = pair.indexOf("=");
      if (at <= 0) throw new Error(`${option} takes owner/repo=DIR, not "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    };
    if (option === "--mirror") mirrors.set(...value());
    else if (option === "--file-root") fileRoots.set(...value());
    else if (option === "--verbose") verbose = true;
    else throw new Error(`unknown option ${option}`);
  }
  return { mirrors, fileRoots, verbose };
}

/** Runs every check; returns the results, one per entry and proof. */
export function verifyEvidence({ mirrors, fileRoots }, schemaDir = new URL("../schema/", import.meta.url)) {
  const models = readSchemaEvidence(schemaDir);
  const schemaText = readdirSync(schemaDir)
    .filter((name) => name.endsWith(".graphql"))
    .map((name) => readFileSync(new URL(name, schemaDir), "utf8"))
    .join("\n");
  const schema = buildSchema(schemaText);
  const readers = new Map();
  const readerOf = (repo) => {
    if (!readers.has(repo)) readers.set(repo, repositoryReader(repo, mirrors, fileRoots));
    return readers.get(repo);
  };
  const check = makeChecker(schema, readerOf);
  const results = [];
  for (const model of models) {
    for (const { element, entries, line } of elementsOf(model, schema)) {
      for (const entry of entries) {
        const source = model.sources.get(entry.tag);
        const reader = readerOf(source.repo);
        const file = reader
          ? resolveFile(reader, source, entry.path, entry.symbol)
          : { problem: `no --mirror or --file-root for ${source.repo}` };
        for (const proof of entry.proofs) {
          const kind = proof.kind;
          let verdict;
          if (file.problem) verdict = { status: reader ? "fail" : "unchecked", detail: file.problem };
          else {
            try {
              verdict = check(source, file, entry, proof, element);
            } catch (error) {
              verdict = {
                status: "fail",
                detail: `the check threw: ${error instanceof Error ? error.message : error}`,
              };
            }
          }
          results.push({ file: model.file, line, entry, kind, element, rule: file.rule, ...verdict });
        }
      }
    }
  }
  return results;
}

const entryText = (entry) =>
  `${entry.tag} ${entry.path}:${entry.symbol} (${entry.proofs.map((p) => (p.args ? `args:${p.args.join("/")}` : p.kind)).join(", ")})`;

function report(results, verbose) {
  const table = new Map();
  for (const result of results) {
    const key = `${result.entry.tag} ${result.kind}`;
    const row = table.get(key) ?? { pass: 0, fail: 0, unchecked: 0 };
    row[result.status]++;
    table.set(key, row);
  }
  const lines = ["tag    kind        checked  passed  failed  unchecked"];
  const total = { pass: 0, fail: 0, unchecked: 0 };
  for (const [key, row] of [...table].sort()) {
    const [tag, kind] = key.split(" ");
    const checked = row.pass + row.fail + row.unchecked;
    lines.push(
      `${tag.padEnd(6)} ${kind.padEnd(10)} ${String(checked).padStart(8)} ${String(row.pass).padStart(7)} ${String(row.fail).padStart(7)} ${String(row.unchecked).padStart(10)}`,
    );
    for (const status of ["pass", "fail", "unchecked"]) total[status] += row[status];
  }
  lines.push(
    `${"all".padEnd(17)} ${String(results.length).padStart(8)} ${String(total.pass).padStart(7)} ${String(total.fail).padStart(7)} ${String(total.unchecked).padStart(10)}`,
  );
  const rules = new Map();
  for (const result of results) if (result.rule) rules.set(result.rule, (rules.get(result.rule) ?? 0) + 1);
  lines.push(`files found: ${[...rules].map(([rule, n]) => `${n} ${rule}`).join(", ")} (counted per proof)`);
  const where = (result) =>
    `${result.file}:${result.line} ${result.element.kind === "def" ? result.element.name : `${result.element.parent}.${result.element.name}`}`;
  const unchecked = new Map();
  for (const result of results.filter((r) => r.status === "unchecked")) {
    const key = `${result.entry.tag} ${result.kind}: ${result.detail.replace(/^\S+ does not say/, "a class does not say")}`;
    unchecked.set(key, (unchecked.get(key) ?? 0) + 1);
  }
  if (unchecked.size > 0) {
    lines.push("", "unchecked, and why:");
    for (const [why, n] of [...unchecked].sort()) lines.push(`  ${n} × ${why}`);
  }
  const failures = results.filter((r) => r.status === "fail");
  if (failures.length > 0) lines.push("", "failures:");
  for (const result of failures) {
    lines.push(
      `  ${where(result)}: ${entryText(result.entry)} [${result.kind}]`,
      `    source: ${result.detail}`,
    );
  }
  if (verbose) {
    lines.push("", "every result:");
    for (const result of results) {
      lines.push(
        `  ${result.status.padEnd(9)} ${where(result)}: ${result.entry.tag} ${result.entry.symbol} [${result.kind}] ${result.detail}`,
      );
    }
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseOptions(process.argv.slice(2));
  const results = verifyEvidence(options);
  console.log(report(results, options.verbose));
  process.exitCode = results.some((result) => result.status === "fail") ? 1 : 0;
}
