// Part of `npm run codegen`: reads the evidence comments of schema/*.graphql, fails (exit 1) when a
// type, field, argument or enum value lacks evidence or an entry is malformed, and writes
// docs/schema-evidence.md. The format is described at the top of schema/wandb.graphql and in
// CONTRIBUTING.md; test/schema/schema-evidence.test.ts holds the schema to it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Kind, parse, print } from "graphql";

const proofKinds = new Set(["type", "field", "null", "args", "implements", "value"]);
const sourcePattern =
  /^#\s*@source\s+([A-Z][A-Z0-9-]*)\s+([\w.-]+\/[\w.-]+)@([0-9a-f]{7,40})\s+(\S+)\s+proves=([a-z,]+)\s+--\s+(.+)$/;
const entryPattern = /^([A-Z][A-Z0-9-]*) ([^\s:]+):(\S+) \(([^)]*)\)$/;
const argsProofPattern = /^args:([_A-Za-z]\w*(?:\/[_A-Za-z]\w*)*)$/;
const builtInScalars = new Set(["String", "Int", "Float", "Boolean", "ID"]);

/**
 * Reads one schema file: its sources, its elements (types, fields, enum values) with their
 * evidence entries and notes, and every problem found on the way.
 *
 * @param {string} text
 * @param {string} file
 */
export function readEvidence(text, file) {
  const lines = text.split("\n");
  /** @type {string[]} */
  const problems = [];
  const problem = (line, message) => problems.push(`${file}:${line}: ${message}`);

  /** @type {Map<string, {tag: string, repo: string, commit: string, base: string, proves: string[], description: string, line: number}>} */
  const sources = new Map();
  lines.forEach((line, index) => {
    if (!/^#\s*@source\b/.test(line)) return;
    const match = sourcePattern.exec(line);
    if (!match) {
      problem(index + 1, "malformed @source line");
      return;
    }
    const [, tag, repo, commit, base, proves, description] = match;
    const kinds = proves.split(",");
    for (const kind of kinds) if (!proofKinds.has(kind)) problem(index + 1, `unknown proof kind "${kind}"`);
    if (sources.has(tag)) problem(index + 1, `source ${tag} declared twice`);
    sources.set(tag, { tag, repo, commit, base, proves: kinds, description, line: index + 1 });
  });

  // Which lines carry a trailing comment or a continuation; each must belong to an element.
  const claimed = new Set();
  const trailing = (lineNumber) => {
    const line = lines[lineNumber - 1] ?? "";
    const hash = line.indexOf("#");
    return hash > 0 && line.slice(0, hash).trim() !== "" ? line.slice(hash + 1).trim() : undefined;
  };
  const continuation = (lineNumber) => /^\s*#\+\s?(.*)$/.exec(lines[lineNumber - 1] ?? "")?.[1];
  const evidenceAt = (lineNumber) => {
    const parts = [];
    const first = trailing(lineNumber);
    if (first !== undefined) {
      claimed.add(lineNumber);
      parts.push(first);
    }
    for (let next = lineNumber + 1; continuation(next) !== undefined; next++) {
      claimed.add(next);
      parts.push(continuation(next));
    }
    return parts
      .flatMap((part) => part.split(" ; "))
      .map((raw) => parseEntry(raw.trim(), lineNumber))
      .filter((entry) => entry !== undefined);
  };
  const parseEntry = (raw, lineNumber) => {
    const match = entryPattern.exec(raw);
    if (!match) {
      problem(lineNumber, `malformed evidence entry "${raw}"`);
      return undefined;
    }
    const [, tag, path, symbol, proofText] = match;
    /** @type {{kind: string, args?: string[]}[]} */
    const proofs = [];
    for (const proof of proofText.split(/,\s*/)) {
      const args = argsProofPattern.exec(proof);
      if (args) proofs.push({ kind: "args", args: args[1].split("/") });
      else if (proofKinds.has(proof) && proof !== "args") proofs.push({ kind: proof });
      else problem(lineNumber, `unknown proof "${proof}" in "${raw}"`);
    }
    const source = sources.get(tag);
    if (!source) problem(lineNumber, `undeclared source ${tag}`);
    for (const proof of proofs) {
      if (source && !source.proves.includes(proof.kind)) {
        problem(lineNumber, `${tag} cannot prove ${proof.kind} (it proves ${source.proves.join(", ")})`);
      }
    }
    return { tag, path, symbol, proofs, line: lineNumber };
  };
  // Plain comment lines right above a definition (no blank line between) are its note.
  const noteAbove = (lineNumber) => {
    const note = [];
    for (let previous = lineNumber - 1; previous > 0; previous--) {
      const match = /^\s*#(?![+])\s?(.*)$/.exec(lines[previous - 1] ?? "");
      if (!match || /^\s*@source\b/.test(match[1])) break;
      note.unshift(match[1]);
    }
    return note.join(" ").trim();
  };

  /** @type {import("graphql").DocumentNode} */
  let document;
  try {
    document = parse(text);
  } catch (error) {
    problem(1, `does not parse: ${error instanceof Error ? error.message : String(error)}`);
    return { file, sources, types: [], problems };
  }
  const types = [];
  for (const definition of document.definitions) {
    if (!("name" in definition) || !definition.name) continue;
    const line = definition.name.loc?.startToken.line ?? 0;
    const type = {
      name: definition.name.value,
      kind: kindOf(definition.kind),
      interfaces: "interfaces" in definition ? (definition.interfaces ?? []).map((i) => i.name.value) : [],
      line,
      entries: evidenceAt(line),
      note: noteAbove(line),
      /** @type {Array<{name: string, signature: string, typeText: string, args: string[], line: number, entries: ReturnType<typeof evidenceAt>, note: string}>} */
      fields: [],
      /** @type {Array<{name: string, line: number, entries: ReturnType<typeof evidenceAt>, note: string}>} */
      values: [],
    };
    for (const field of "fields" in definition ? (definition.fields ?? []) : []) {
      const fieldLine = field.loc?.endToken.line ?? 0;
      const args = "arguments" in field ? (field.arguments ?? []) : [];
      type.fields.push({
        name: field.name.value,
        signature: print(field).replace(/\s+/g, " "),
        typeText: print(field.type),
        args: args.map((arg) => arg.name.value),
        line: fieldLine,
        entries: evidenceAt(fieldLine),
        note: noteAbove(field.loc?.startToken.line ?? fieldLine),
      });
    }
    for (const value of "values" in definition ? (definition.values ?? []) : []) {
      const valueLine = value.loc?.startToken.line ?? 0;
      type.values.push({
        name: value.name.value,
        line: valueLine,
        entries: evidenceAt(valueLine),
        note: noteAbove(valueLine),
      });
    }
    types.push(type);
  }
  lines.forEach((_, index) => {
    const lineNumber = index + 1;
    if (claimed.has(lineNumber)) return;
    if (trailing(lineNumber) !== undefined) problem(lineNumber, "evidence on a line that defines nothing");
    else if (continuation(lineNumber) !== undefined) problem(lineNumber, "#+ line that continues nothing");
  });
  checkCoverage(types, problem);
  for (const source of sources.values()) {
    const used = types.some((type) =>
      [type, ...type.fields, ...type.values].some((element) =>
        element.entries.some((entry) => entry.tag === source.tag),
      ),
    );
    if (!used) problem(source.line, `source ${source.tag} is declared but never cited`);
  }
  return { file, sources, types, problems };
}

function kindOf(astKind) {
  switch (astKind) {
    case Kind.OBJECT_TYPE_DEFINITION:
      return "type";
    case Kind.INTERFACE_TYPE_DEFINITION:
      return "interface";
    case Kind.ENUM_TYPE_DEFINITION:
      return "enum";
    case Kind.SCALAR_TYPE_DEFINITION:
      return "scalar";
    case Kind.UNION_TYPE_DEFINITION:
      return "union";
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return "input";
    default:
      return astKind;
  }
}

const proves = (entries, kind) => entries.some((entry) => entry.proofs.some((proof) => proof.kind === kind));

/** What each element needs proven: a definition its type, a field its existence, type and nullability. */
function checkCoverage(types, problem) {
  const byName = new Map(types.map((type) => [type.name, type]));
  for (const type of types) {
    if (builtInScalars.has(type.name)) problem(type.line, `${type.name} is built in`);
    if (!proves(type.entries, "type")) problem(type.line, `${type.name}: no evidence proves the type`);
    if (type.interfaces.length > 0 && !proves(type.entries, "implements")) {
      problem(type.line, `${type.name}: no evidence proves it implements ${type.interfaces.join(", ")}`);
    }
    const inherited = new Map();
    for (const name of type.interfaces) {
      const face = byName.get(name);
      for (const field of face?.fields ?? []) inherited.set(field.name, field);
    }
    for (const field of type.fields) {
      const where = `${type.name}.${field.name}`;
      const fromInterface = inherited.get(field.name);
      if (fromInterface && field.entries.length === 0) {
        if (field.signature !== fromInterface.signature) {
          problem(field.line, `${where} differs from the interface's ${fromInterface.signature}`);
        }
        continue;
      }
      for (const kind of ["field", "type", "null"]) {
        if (!proves(field.entries, kind)) problem(field.line, `${where}: no evidence proves ${kind}`);
      }
      const provenArgs = new Set(
        field.entries.flatMap((entry) => entry.proofs.flatMap((proof) => proof.args ?? [])),
      );
      for (const arg of field.args) {
        if (!provenArgs.has(arg)) problem(field.line, `${where}: no evidence proves argument ${arg}`);
      }
      for (const arg of provenArgs) {
        if (!field.args.includes(arg))
          problem(field.line, `${where}: evidence names argument ${arg}, which it lacks`);
      }
    }
    for (const value of type.values) {
      if (!proves(value.entries, "value"))
        problem(value.line, `${type.name}.${value.name}: no evidence proves the value`);
    }
  }
}

/** Counts of what the schema holds, all evidenced when `problems` is empty. */
export function evidenceCounts(model) {
  const types = model.types;
  return {
    types: types.length,
    fields: types.reduce((sum, type) => sum + type.fields.length, 0),
    arguments: types.reduce(
      (sum, type) => sum + type.fields.reduce((n, field) => n + field.args.length, 0),
      0,
    ),
    enumValues: types.reduce((sum, type) => sum + type.values.length, 0),
    entries: types.reduce(
      (sum, type) =>
        sum + [type, ...type.fields, ...type.values].reduce((n, element) => n + element.entries.length, 0),
      0,
    ),
  };
}

const cell = (text) => text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\n/g, " ");
const code = (text) => `\`${text}\``;

function sourceLink(source, path) {
  return `https://github.com/${source.repo}/blob/${source.commit}/${source.base}${path}`;
}

function entryCells(model, entry) {
  const source = model.sources.get(entry.tag);
  const where = source ? `[${code(entry.path)}](${sourceLink(source, entry.path)})` : code(entry.path);
  const proofs = entry.proofs
    .map((proof) => (proof.kind === "args" ? `args ${proof.args.join(", ")}` : proof.kind))
    .join(", ");
  return `${entry.tag} ${where} ${code(entry.symbol)} | ${proofs}`;
}

/** docs/schema-evidence.md for one schema file. */
export function renderMarkdown(model) {
  const counts = evidenceCounts(model);
  const out = [
    "# Schema evidence",
    "",
    `Generated by \`npm run codegen\` (\`scripts/schema-evidence.mjs\`) from \`${model.file}\`; do not edit.`,
    "",
    "W&B's GraphQL schema is private. Every type, field, argument and enum value of the schema",
    "wandb-query sends its documents against, and that its mock executes, is listed here with the",
    "public source that shows it and what that source proves: `type` (a definition's kind and name,",
    "a field's named type), `field` (the field exists on that type), `null` (the nullability of the",
    "field and of its list items), `args` (those arguments, with the types written), `implements`,",
    "`value` (an enum value). Where sources disagree, W&B's current operations and their generated",
    "code win over the older dumps. The format of the evidence comments is in CONTRIBUTING.md.",
    "",
    `${counts.types} types, ${counts.fields} fields, ${counts.arguments} arguments and ${counts.enumValues} enum values, ${counts.entries} evidence entries.`,
    "",
    "## Sources",
    "",
    "| tag | repository and path | proves | what it is |",
    "| --- | --- | --- | --- |",
  ];
  for (const source of model.sources.values()) {
    const where = `[${code(`${source.repo}@${source.commit.slice(0, 8)} ${source.base}`)}](https://github.com/${source.repo}/tree/${source.commit}/${source.base})`;
    out.push(`| ${source.tag} | ${where} | ${source.proves.join(", ")} | ${cell(source.description)} |`);
  }
  for (const type of model.types) {
    out.push("", `## ${type.name}`, "");
    const interfaces = type.interfaces.length > 0 ? ` implements ${type.interfaces.join(" & ")}` : "";
    out.push(
      `${code(`${type.kind} ${type.name}${interfaces}`)}${type.note ? `: ${cell(type.note)}` : ""}`,
      "",
    );
    out.push("| element | source | proves | note |", "| --- | --- | --- | --- |");
    const rows = (label, element) => {
      if (element.entries.length === 0) {
        out.push(`| ${label} | from the interface | | ${cell(element.note)} |`);
        return;
      }
      element.entries.forEach((entry, index) => {
        out.push(
          `| ${index === 0 ? label : ""} | ${entryCells(model, entry)} | ${index === 0 ? cell(element.note) : ""} |`,
        );
      });
    };
    rows(`(${type.kind})`, { entries: type.entries, note: "" });
    for (const field of type.fields) rows(code(cell(field.signature)), field);
    for (const value of type.values) rows(code(value.name), value);
  }
  return `${out.join("\n")}\n`;
}

/** Every `schema/*.graphql` file, read. */
export function readSchemaEvidence(schemaDir = new URL("../schema/", import.meta.url)) {
  return readdirSync(schemaDir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => readEvidence(readFileSync(new URL(name, schemaDir), "utf8"), `schema/${name}`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const models = readSchemaEvidence();
  const problems = models.flatMap((model) => model.problems);
  if (problems.length > 0) {
    console.error(`schema/ has elements without evidence or malformed evidence:\n${problems.join("\n")}`);
    process.exit(1);
  }
  writeFileSync(
    new URL("../docs/schema-evidence.md", import.meta.url),
    models.map((model) => renderMarkdown(model)).join("\n"),
  );
}
