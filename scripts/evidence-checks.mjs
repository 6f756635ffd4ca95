// The rules of scripts/verify-evidence.mjs: each reads one source text (a graphql-codegen dump,
// ariadne-codegen Python, genqlient Go, GraphQL operations, Python holding operations in strings)
// and says whether it shows what an evidence entry claims about an element of schema/. Pure
// functions over texts, so test/schema/evidence-checks.test.ts pins every rule without a mirror.
import { getNamedType, isListType, isNonNullType, Kind, parse } from "graphql";

/** @typedef {{status: "pass" | "fail" | "unchecked", detail: string}} Verdict */
/** @typedef {import("graphql").GraphQLSchema} GraphQLSchema */

const pass = (detail) => ({ status: "pass", detail });
const fail = (detail) => ({ status: "fail", detail });
const unchecked = (detail) => ({ status: "unchecked", detail });

/**
 * What an entry is about, read from schema/: a definition, a field (with its type and its
 * arguments' types as SDL text) or an enum value.
 *
 * @typedef {{kind: "def", name: string, defKind: string, interfaces: string[], members: string[]}
 *   | {kind: "field", parent: string, name: string, type: string, args: Map<string, string>}
 *   | {kind: "value", parent: string, name: string}} Element
 */

// ---------------------------------------------------------------------------------------------
// Type text: every source's types are brought to SDL text ("[String!]") and compared as such.

/** The named type of SDL type text: `[String!]!` -> `String`. */
export const namedOf = (typeText) => typeText.replace(/[[\]!]/g, "");
/** The wrappers of SDL type text with the name taken out: `[String!]!` -> `[X!]!`. */
export const shapeOf = (typeText) => typeText.replace(/[^[\]!]+/, "X");
const listDepth = (typeText) => (typeText.match(/\[/g) ?? []).length;

/** Compares a source's SDL type text with schema/'s for the `type` and `null` claims. */
export function compareTypeText(sourceText, schemaText, kind) {
  if (kind === "type") {
    if (namedOf(sourceText) !== namedOf(schemaText) || listDepth(sourceText) !== listDepth(schemaText)) {
      return fail(`source has ${sourceText}, schema/ ${schemaText}`);
    }
    return pass(sourceText);
  }
  if (listDepth(sourceText) !== listDepth(schemaText)) {
    return fail(`source has ${sourceText}, schema/ ${schemaText} (list depth differs)`);
  }
  return shapeOf(sourceText) === shapeOf(schemaText)
    ? pass(sourceText)
    : fail(
        `source has ${sourceText} (${nullabilityWords(sourceText)}), schema/ ${schemaText} (${nullabilityWords(schemaText)})`,
      );
}

/**
 * The nullability of SDL type text in words, since a source's type shown as SDL can read oddly
 * (Python's `str | None` is `str`): `[String!]` -> "a nullable list of non-null items".
 */
export function nullabilityWords(typeText) {
  const describe = (text, plural) => {
    const nonNull = text.endsWith("!");
    const inner = nonNull ? text.slice(0, -1) : text;
    const adjective = nonNull ? "non-null" : "nullable";
    if (inner.startsWith("[")) {
      return `${adjective} ${plural ? "lists" : "list"} of ${describe(inner.slice(1, -1), true)}`;
    }
    return `${adjective} ${plural ? "items" : "value"}`;
  };
  return `a ${describe(typeText, false)}`;
}

// ---------------------------------------------------------------------------------------------
// graphql-codegen dumps (DUMP, WEAVE): `export type Run = Node & { name?: Maybe<...>; }`.

/** SDL type text of a graphql-codegen TypeScript type: `Maybe<Array<Scalars['String']>>` -> `[String!]`. */
export function tsTypeToSdl(expression) {
  const text = expression.trim();
  const maybe = /^(?:Input)?Maybe<([\s\S]*)>$/.exec(text);
  if (maybe) return tsTypeToSdl(maybe[1]).replace(/!$/, "");
  const array = /^Array<([\s\S]*)>$/.exec(text);
  if (array) return `[${tsTypeToSdl(array[1])}]!`;
  const scalar = /^Scalars\['(\w+)'\](?:\['(?:input|output)'\])?$/.exec(text);
  if (scalar) return `${scalar[1]}!`;
  if (/^\w+$/.test(text)) return `${text}!`;
  throw new Error(`cannot read the TypeScript type ${text}`);
}

/** The body between a `{` at `open` and its matching `}`. */
function balanced(text, open, [left, right] = ["{", "}"]) {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === left) depth++;
    else if (text[index] === right && --depth === 0) return text.slice(open + 1, index);
  }
  return undefined;
}

/** Members of a TypeScript object type body: `name?: Type;` each, possibly over several lines. */
function tsMembers(body) {
  const members = new Map();
  for (const match of body.matchAll(/^\s*(\w+)(\?)?:\s*([^;]+);/gm)) {
    members.set(match[1], { optional: match[2] === "?", type: match[3].replace(/\s+/g, "") });
  }
  return members;
}

/**
 * One declaration of a graphql-codegen dump: an object or interface type (`export type X = A & B & {…}`),
 * a union (`export type X = A | B;`), an enum (`export enum X {…}`), or undefined.
 */
export function readDumpDeclaration(text, name) {
  const enumMatch = new RegExp(`^export enum ${name} \\{`, "m").exec(text);
  if (enumMatch) {
    const body = balanced(text, enumMatch.index + enumMatch[0].length - 1) ?? "";
    return { kind: "enum", values: [...body.matchAll(/=\s*'([^']*)'/g)].map((m) => m[1]) };
  }
  const typeMatch = new RegExp(`^export type ${name} =([^;{]*)(\\{|;)`, "m").exec(text);
  if (!typeMatch) return undefined;
  const head = typeMatch[1].replace(/\s+/g, " ").trim();
  if (typeMatch[2] === ";") {
    return { kind: "union", members: head.split("|").map((part) => part.trim()) };
  }
  const body = balanced(text, typeMatch.index + typeMatch[0].length - 1) ?? "";
  const members = tsMembers(body);
  const typename = /__typename\?:\s*'(\w+)'/.exec(body)?.[1];
  const heritage = head
    .split("&")
    .map((part) => part.trim())
    .filter(Boolean);
  return { kind: typename ? "object" : "abstract", typename, implements: heritage, members };
}

const capitalize = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Checks a dump entry (`Type.field`, `Type`, `Scalars.X`, `Enum.VALUE`) against the element.
 *
 * @param {string} text the dump
 * @param {string} symbol
 * @param {string} kind a proof kind
 * @param {Element} element
 * @param {string[]} [args] the arguments an `args` proof names
 * @returns {Verdict}
 */
export function checkDump(text, symbol, kind, element, args = []) {
  const [typeName, member] = symbol.split(".");
  if (typeName === "Scalars" && member) {
    const scalars = readScalars(text);
    if (!scalars.has(member)) return fail(`Scalars has no ${member}`);
    if (element.kind !== "def" || element.name !== member)
      return fail(`Scalars.${member} is not ${label(element)}`);
    return pass(`Scalars.${member}`);
  }
  const declaration = readDumpDeclaration(text, typeName);
  if (!declaration) return fail(`no declaration ${typeName}`);
  if (member === undefined) return checkDumpDefinition(declaration, typeName, kind, element);
  if (declaration.kind === "enum") {
    return kind === "value" && element.kind === "value" && declaration.values.includes(element.name)
      ? pass(`${typeName} has ${element.name}`)
      : fail(`${typeName} has values ${declaration.values.join(", ")}`);
  }
  if (declaration.kind === "union") return fail(`${typeName} is a union; it has no members`);
  if (element.kind !== "field") return fail(`${symbol} names a field, the entry is on ${label(element)}`);
  if (typeName !== element.parent) return fail(`${symbol} is on ${typeName}, the field on ${element.parent}`);
  const found = declaration.members.get(member);
  if (!found) return fail(`${typeName} has no member ${member}`);
  if (member !== element.name) return fail(`${symbol} is not ${element.parent}.${element.name}`);
  const sourceType = tsTypeToSdl(found.type);
  if (kind === "field") return pass(`${typeName}.${member}: ${sourceType}`);
  if (kind === "type" || kind === "null") return compareTypeText(sourceType, element.type, kind);
  if (kind === "args") {
    const argsType = readDumpDeclaration(text, `${typeName}${capitalize(member)}Args`);
    if (argsType?.kind !== "abstract") return fail(`no ${typeName}${capitalize(member)}Args`);
    const problems = [];
    for (const arg of args) {
      const source = argsType.members.get(arg);
      const schemaType = element.args.get(arg);
      if (!source) problems.push(`${arg}: not in ${typeName}${capitalize(member)}Args`);
      else if (schemaType === undefined) problems.push(`${arg}: schema/ has no such argument`);
      else if (tsTypeToSdl(source.type) !== schemaType) {
        problems.push(`${arg}: source has ${tsTypeToSdl(source.type)}, schema/ ${schemaType}`);
      }
    }
    return problems.length > 0 ? fail(problems.join("; ")) : pass(args.join(", "));
  }
  return unchecked(`a dump shows no ${kind} of a field`);
}

function readScalars(text) {
  const match = /^export type Scalars = \{/m.exec(text);
  if (!match) return new Set();
  const body = balanced(text, match.index + match[0].length - 1) ?? "";
  return new Set([...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]));
}

function checkDumpDefinition(declaration, typeName, kind, element) {
  if (element.kind !== "def")
    return fail(`${typeName} names a definition, the entry is on ${label(element)}`);
  if (typeName !== element.name) return fail(`${typeName} is not ${element.name}`);
  if (kind === "implements") {
    const missing = element.interfaces.filter((face) => !(declaration.implements ?? []).includes(face));
    return missing.length > 0
      ? fail(
          `${typeName} does not extend ${missing.join(", ")} (it extends ${(declaration.implements ?? []).join(", ")})`,
        )
      : pass(`${typeName} = ${element.interfaces.join(" & ")} & {…}`);
  }
  if (kind !== "type") return unchecked(`a definition's ${kind} is not read from a dump`);
  const expected = { type: "object", interface: "abstract", union: "union", enum: "enum", input: "abstract" };
  if (expected[element.defKind] !== declaration.kind) {
    return fail(`${typeName} is declared as ${declaration.kind}, schema/ has a ${element.defKind}`);
  }
  if (element.defKind === "union") {
    const sorted = (list) => [...list].sort().join(" | ");
    return sorted(declaration.members) === sorted(element.members)
      ? pass(`${typeName} = ${declaration.members.join(" | ")}`)
      : fail(`${typeName} = ${declaration.members.join(" | ")}, schema/ has ${element.members.join(" | ")}`);
  }
  return pass(`${declaration.kind} ${typeName}`);
}

function label(element) {
  if (element.kind === "def") return `${element.defKind} ${element.name}`;
  return `${element.parent}.${element.name}`;
}

// ---------------------------------------------------------------------------------------------
// ariadne-codegen Python (GEN-A, GEN-R): pydantic classes, one per selection set.

/**
 * A class of ariadne-codegen's Python: its bases and attributes (`name: annotation = Field(alias="x")`,
 * an attribute may continue over several lines), and the types its `typename__` Literal names.
 */
export function readPythonClass(text, name) {
  const match = new RegExp(`^class ${name}\\(([^)]*)\\):\\n`, "m").exec(text);
  if (!match) return undefined;
  const bodyLines = [];
  for (const line of text.slice(match.index + match[0].length).split("\n")) {
    if (line.trim() !== "" && !/^\s/.test(line)) break;
    bodyLines.push(line);
  }
  // Join an attribute's continuation lines (open parentheses or brackets) into one.
  const statements = [];
  let current = "";
  let depth = 0;
  for (const line of bodyLines) {
    current += ` ${line.trim()}`;
    depth += (line.match(/[([]/g) ?? []).length - (line.match(/[)\]]/g) ?? []).length;
    if (depth <= 0) {
      if (current.trim() !== "") statements.push(current.trim());
      current = "";
      depth = 0;
    }
  }
  const attributes = new Map();
  const assignments = new Map();
  for (const statement of statements) {
    const assignment = /^(\w+)\s*=\s*"([^"]*)"$/.exec(statement);
    if (assignment) assignments.set(assignment[1], assignment[2]);
    const attribute = /^(\w+):\s*(.+)$/.exec(statement);
    if (!attribute) continue;
    // The annotation ends at the first `=` outside brackets (`Field(discriminator="…")` is inside).
    const [attrName, rest] = [attribute[1], attribute[2]];
    const [annotation, value] = splitTopLevel(rest, "=");
    const alias = value ? /alias\s*=\s*"([^"]+)"/.exec(value)?.[1] : undefined;
    attributes.set(attrName, { annotation: annotation.replace(/\s+/g, " ").trim(), alias });
  }
  const typename = attributes.get("typename__")?.annotation;
  const literal = typename ? /Literal\[([^\]]*)\]/.exec(typename)?.[1] : undefined;
  return {
    bases: match[1].split(",").map((base) => base.trim()),
    attributes,
    assignments,
    typenames: literal ? [...literal.matchAll(/"(\w+)"/g)].map((m) => m[1]) : [],
  };
}

/** The GraphQL response key of a Python attribute: its alias, or its name (`typename__` is `__typename`). */
export const responseKeyOf = (attrName, attribute) =>
  attribute.alias ?? (attrName === "typename__" ? "__typename" : attrName);

/**
 * SDL-like type text of a Python annotation: `list[X | None] | None` -> `[X]`, with X the Python
 * name (`A | B` for a union of classes); parentheses around it and `Annotated[X, …]` are read through.
 */
export function pythonTypeToSdl(annotation) {
  let text = annotation.trim();
  while (text.startsWith("(") && text.endsWith(")") && closingOf(text, 0) === text.length - 1) {
    text = text.slice(1, -1).trim();
  }
  let nullable = false;
  const optional = /^Optional\[(.*)\]$/.exec(text);
  const parts = splitTopLevel(text, "|");
  if (optional) {
    text = optional[1].trim();
    nullable = true;
  } else if (parts.length > 1 && parts.at(-1) === "None") {
    text = parts.slice(0, -1).join(" | ");
    nullable = true;
  }
  const annotated = /^Annotated\[(.*)\]$/.exec(text);
  if (annotated)
    return pythonTypeToSdl(splitTopLevel(annotated[1], ",")[0] ?? "").replace(/!$/, nullable ? "" : "!");
  const list = /^(?:list|List)\[(.*)\]$/.exec(text);
  const inner = list ? `[${pythonTypeToSdl(list[1])}]` : text.replace(/\s+/g, "");
  return nullable ? inner : `${inner}!`;
}

/** The index of the bracket closing the one at `open` (any of `([{`). */
function closingOf(text, open) {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if ("([{".includes(text[index])) depth++;
    else if (")]}".includes(text[index]) && --depth === 0) return index;
  }
  return -1;
}

/** Splits at `separator` outside brackets, trimming each part. */
function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if ("([{".includes(text[index])) depth++;
    else if (")]}".includes(text[index])) depth--;
    else if (depth === 0 && text[index] === separator) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** The GraphQL scalars a Python scalar annotation stands for (wandb's ariadne-codegen configuration). */
const pythonScalars = {
  GQLId: ["ID"],
  str: ["String", "DateTime", "JSONString"],
  int: ["Int", "Int64"],
  float: ["Float"],
  bool: ["Boolean"],
  Any: ["JSON", "Duration"],
};

/** The GraphQL scalars a genqlient Go type stands for (core/api/graphql/genqlient.yaml's bindings). */
const goScalars = {
  string: ["String", "ID", "JSONString"],
  "time.Time": ["DateTime"],
  int: ["Int"],
  int64: ["Int64", "Duration"],
  float64: ["Float"],
  bool: ["Boolean"],
  "interface{}": ["JSON"],
};

/**
 * Compares a named type from generated code with schema/'s: a scalar by the set it can stand for,
 * a class or struct by the GraphQL type `typeOfClass` resolves it to.
 */
function compareNamed(sourceName, schemaNamed, scalars, typeOfClass, language) {
  const candidates = scalars[sourceName];
  if (candidates) {
    if (!candidates.includes(schemaNamed)) return fail(`${language} ${sourceName} cannot be ${schemaNamed}`);
    return candidates.length === 1
      ? pass(`${sourceName} is ${schemaNamed}`)
      : unchecked(`${language} ${sourceName} stands for any of ${candidates.join(", ")}`);
  }
  const resolved = typeOfClass(sourceName);
  if (resolved === undefined) return unchecked(`${sourceName} does not say which GraphQL type it holds`);
  return resolved.includes(schemaNamed)
    ? pass(`${sourceName} holds ${resolved.join(" | ")}`)
    : fail(`${sourceName} holds ${resolved.join(" | ")}, schema/ has ${schemaNamed}`);
}

/**
 * Checks the `null` and `type` claims of a generated Python attribute against a field of schema/.
 * `typeOfClass` names the GraphQL types a class holds (its typename Literal, an enum), or undefined.
 */
export function checkPythonAttribute(attribute, kind, element, typeOfClass = () => undefined) {
  if (element.kind !== "field") return fail(`an attribute is evidence for a field, not ${label(element)}`);
  const sdl = pythonTypeToSdl(attribute.annotation);
  if (kind === "null") return compareTypeText(sdl, element.type, "null");
  if (kind === "type") {
    const typename = attribute.annotation.startsWith("Typename[");
    if (!typename && listDepth(sdl) !== listDepth(element.type))
      return fail(`source has ${sdl}, schema/ ${element.type}`);
    const schemaNamed = namedOf(element.type);
    const literal = /^Typename\[Literal\[(.*)\]\]$/.exec(attribute.annotation);
    if (literal) {
      // `typename__` shows the types the enclosing selection can hold: the field's own type.
      const names = [...literal[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
      return names.length === 1 && names[0] === schemaNamed
        ? pass(`__typename is "${schemaNamed}"`)
        : names.includes(schemaNamed)
          ? unchecked(`__typename is one of ${names.join(", ")}`)
          : fail(`__typename is one of ${names.join(", ")}, schema/ has ${schemaNamed}`);
    }
    const base = namedOf(sdl);
    if (base.includes("|")) return unchecked(`a union of classes (${base}) is not matched to a GraphQL type`);
    return compareNamed(base, schemaNamed, pythonScalars, typeOfClass, "Python");
  }
  return unchecked(`generated Python shows no ${kind}`);
}

/** An enum class of ariadne-codegen's enums.py (`class X(str, Enum)`): its members' values. */
export function readPythonEnum(text, name) {
  const found = readPythonClass(text, name);
  if (!found?.bases.includes("Enum")) return undefined;
  return { values: [...found.assignments.values()] };
}

// ---------------------------------------------------------------------------------------------
// genqlient Go (GO): `// X includes the requested fields of the GraphQL type T.` above `type X struct {…}`.

/** A struct of genqlient's Go: the GraphQL type its comment names, its members by JSON key. */
export function readGoStruct(text, name) {
  const match = new RegExp(`^type ${name} struct \\{`, "m").exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index).split("\n").slice(-8).join("\n");
  const graphqlType = new RegExp(
    `// ${name} includes the requested fields of the GraphQL (?:type|interface) (\\w+)\\.`,
  ).exec(before)?.[1];
  const body = balanced(text, match.index + match[0].length - 1) ?? "";
  const members = new Map();
  for (const line of body.matchAll(/^\s*(\w+)\s+(\S+)\s+`json:"([^",]*)[^`]*`/gm)) {
    members.set(line[1], { goType: line[2], jsonKey: line[3] });
  }
  return { graphqlType, members };
}

/** SDL-like type text of a Go type, a slice's own nullability unknown (`?`): `[]*X` -> `[X]?`. */
export function goTypeToSdl(goType) {
  if (goType.startsWith("*")) return goTypeToSdl(goType.slice(1)).replace(/!$/, "");
  if (goType.startsWith("[]")) return `[${goTypeToSdl(goType.slice(2))}]?`;
  return `${goType}!`;
}

/** Checks a struct member's `field`, `null` and `type` claims; `typeOfStruct` resolves a struct's GraphQL type. */
export function checkGoMember(struct, memberName, kind, element, typeOfStruct = () => undefined) {
  const member = struct.members.get(memberName);
  if (!member) return fail(`no member ${memberName}`);
  if (element.kind !== "field") return fail(`a member is evidence for a field, not ${label(element)}`);
  if (kind === "field") {
    if (member.jsonKey !== element.name)
      return fail(`${memberName} reads "${member.jsonKey}", not ${element.name}`);
    if (struct.graphqlType === undefined)
      return unchecked("the struct does not say which GraphQL type it holds");
    return struct.graphqlType === element.parent
      ? pass(`${struct.graphqlType}.${member.jsonKey}`)
      : fail(`the struct holds ${struct.graphqlType}, the field is on ${element.parent}`);
  }
  const sdl = goTypeToSdl(member.goType);
  if (kind === "null") {
    if (sdl.includes("?")) return unchecked("a Go slice is nil for a null list and for an empty one alike");
    return compareTypeText(sdl, element.type, "null");
  }
  if (kind === "type") {
    if (listDepth(sdl) !== listDepth(element.type))
      return fail(`source has ${member.goType}, schema/ ${element.type}`);
    return compareNamed(namedOf(sdl).replace("?", ""), namedOf(element.type), goScalars, typeOfStruct, "Go");
  }
  return unchecked(`generated Go shows no ${kind}`);
}

// ---------------------------------------------------------------------------------------------
// GraphQL operations (OPS, CORE, and PY's operations in Python strings).

/**
 * GraphQL definitions held in Python string literals: from each `query|mutation|fragment Name`
 * to its closing brace. In a format string (`{{`), doubled braces are undoubled, a `...{x}` spread
 * is dropped and any other `{x}` becomes the field name `__placeholder__`.
 */
export function graphqlInPython(text) {
  const definitions = [];
  for (const match of text.matchAll(/\b(query|mutation|fragment)\s+(\w+)/g)) {
    const rest = text.slice(match.index);
    const end = rest.search(/"""|'''/);
    let region = end === -1 ? rest : rest.slice(0, end);
    if (region.includes("{{")) {
      region = region
        .replace(/\.\.\.\{\w*\}/g, "")
        .replace(/\{(\w*)\}(?!\})/g, (whole, _name, offset, all) =>
          all[offset - 1] === "{" ? whole : "__placeholder__",
        )
        .replace(/\{\{/g, "{")
        .replace(/\}\}/g, "}");
    }
    const open = region.indexOf("{");
    const body = open === -1 ? undefined : balanced(region, open);
    if (body === undefined) continue;
    const source = `${region.slice(0, open)}{${body}}`;
    try {
      definitions.push(...parse(source).definitions);
    } catch {
      // Not GraphQL (a word "query" in prose, say): nothing to read.
    }
  }
  return definitions;
}

/** The definitions of GraphQL files. */
export const graphqlDefinitions = (texts) => texts.flatMap((text) => parse(text).definitions);

/**
 * Every selection of `fieldName` on `parentType` (by schema/'s types) reachable from the named
 * operation or fragment, spreads followed through `definitions`; also whether a Python placeholder
 * stood where a field name would be.
 *
 * @param {readonly import("graphql").DefinitionNode[]} definitions
 * @param {GraphQLSchema} schema
 */
export function findSelections(definitions, schema, rootName, parentType, fieldName) {
  const fragments = new Map(
    definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = definitions.find(
    (d) =>
      (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) &&
      d.name?.value === rootName,
  );
  if (!root) return undefined;
  // A fragment's variables are those of the operations that spread it.
  const users =
    root.kind === Kind.OPERATION_DEFINITION
      ? [root]
      : definitions.filter(
          (d) => d.kind === Kind.OPERATION_DEFINITION && reachableFragments(d, fragments).has(rootName),
        );
  const variables = new Map(
    users.flatMap((operation) =>
      (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v]),
    ),
  );
  const rootType =
    root.kind === Kind.FRAGMENT_DEFINITION
      ? root.typeCondition.name.value
      : { query: "Query", mutation: "Mutation", subscription: "Subscription" }[root.operation];
  const found = [];
  const untyped = [];
  let gap;
  let placeholder = false;
  const seen = new Set();
  const walk = (selectionSet, typeName) => {
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const key = `${selection.name.value}@${typeName}`;
        if (fragment && !seen.has(key)) {
          seen.add(key);
          walk(fragment.selectionSet, fragment.typeCondition.name.value);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName);
      } else {
        const name = selection.name.value;
        if (name === "__placeholder__" && typeName === parentType) placeholder = true;
        if (name === fieldName && typeName === parentType) {
          found.push({ field: selection, responseKey: selection.alias?.value ?? name });
        }
        if (name === fieldName && typeName === undefined) untyped.push(gap);
        const fields = type && "getFields" in type ? type.getFields() : {};
        const fieldDef = fields[name];
        if (selection.selectionSet) {
          const outer = gap;
          // Below a field schema/ lacks, types are unknown: a match there proves nothing.
          if (!fieldDef && typeName !== undefined) gap = `${typeName}.${name}`;
          walk(selection.selectionSet, fieldDef ? getNamedType(fieldDef.type).name : undefined);
          gap = outer;
        }
      }
    }
  };
  walk(root.selectionSet, rootType);
  return { root, rootType, found, untyped, placeholder, variables, fragments };
}

/** The names of the fragments an operation spreads, directly or through other fragments. */
function reachableFragments(operation, fragments) {
  const names = new Set();
  const visit = (selectionSet) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!names.has(selection.name.value)) {
          names.add(selection.name.value);
          if (fragment) visit(fragment.selectionSet);
        }
      } else if (selection.selectionSet) visit(selection.selectionSet);
    }
  };
  visit(operation.selectionSet);
  return names;
}

/**
 * Checks an operation entry: `field` (the operation selects the field on the right type), `args`
 * (it passes those arguments, each a value its schema/ type accepts, a nullable variable only to
 * a nullable argument), `type` (a fragment's type condition names the definition).
 */
export function checkOperation(definitions, schema, symbol, kind, element, args = []) {
  if (element.kind === "def") {
    const root = definitions.find((d) => d.name?.value === symbol);
    if (!root) return fail(`no operation or fragment ${symbol}`);
    if (kind !== "type") return unchecked(`operations show no ${kind} of a definition`);
    if (root.kind !== Kind.FRAGMENT_DEFINITION)
      return unchecked(`${symbol} is an operation, not a fragment on a type`);
    const on = root.typeCondition.name.value;
    return on === element.name ? pass(`fragment ${symbol} on ${on}`) : fail(`fragment ${symbol} is on ${on}`);
  }
  if (element.kind !== "field") return unchecked(`operations show no enum values`);
  const result = findSelections(definitions, schema, symbol, element.parent, element.name);
  if (!result) return fail(`no operation or fragment ${symbol}`);
  if (result.found.length === 0) {
    if (result.placeholder) {
      return unchecked(
        `${symbol} selects a field whose name is a Python format placeholder on ${element.parent}`,
      );
    }
    if (result.untyped.length > 0) {
      return unchecked(
        `${symbol} selects ${element.name} below ${result.untyped[0]}, which schema/ lacks, so on a type unknown here`,
      );
    }
    return fail(`${symbol} does not select ${element.name} on ${element.parent}`);
  }
  if (kind === "field") return pass(`${symbol} selects ${element.parent}.${element.name}`);
  if (kind === "args") {
    const verdicts = result.found.map((selection) =>
      checkArguments(selection.field, result.variables, schema, element, args),
    );
    return verdicts.find((verdict) => verdict.status === "pass") ?? verdicts[0];
  }
  return unchecked(`operations show no ${kind} of a field`);
}

function checkArguments(field, variables, schema, element, args) {
  const passed = new Map((field.arguments ?? []).map((arg) => [arg.name.value, arg.value]));
  const problems = [];
  for (const name of args) {
    const value = passed.get(name);
    const schemaType = element.args.get(name);
    if (!value) problems.push(`${name} not passed`);
    else if (schemaType === undefined) problems.push(`${name}: schema/ has no such argument`);
    else {
      const problem = valueProblem(value, schemaType, variables, schema);
      if (problem) problems.push(`${name}: ${problem}`);
    }
  }
  return problems.length > 0 ? fail(problems.join("; ")) : pass(args.join(", "));
}

/** Why a value cannot be passed to an argument of SDL type `expected`, or undefined when it can. */
function valueProblem(value, expected, variables, schema) {
  if (value.kind === Kind.VARIABLE) {
    const definition = variables.get(value.name.value);
    if (!definition) return `$${value.name.value} is not declared`;
    const declared = typeText(definition.type);
    const hasDefault = definition.defaultValue !== undefined && definition.defaultValue.kind !== Kind.NULL;
    return variableFits(declared, expected, hasDefault)
      ? undefined
      : `$${value.name.value}: ${declared} cannot be passed as ${expected}`;
  }
  if (value.kind === Kind.NULL) return expected.endsWith("!") ? `null passed as ${expected}` : undefined;
  const named = namedOf(expected);
  if (value.kind === Kind.LIST) {
    if (listDepth(expected) === 0) return `a list passed as ${expected}`;
    const item = expected.replace(/!$/, "").slice(1, -1);
    return value.values.map((v) => valueProblem(v, item, variables, schema)).find(Boolean);
  }
  const literalTypes = {
    [Kind.INT]: ["Int", "Int64", "Float", "ID", "Duration"],
    [Kind.FLOAT]: ["Float"],
    [Kind.STRING]: ["String", "ID", "JSONString", "DateTime", "JSON"],
    [Kind.BOOLEAN]: ["Boolean"],
  };
  if (value.kind === Kind.ENUM) {
    const type = schema.getType(named);
    return type && "getValue" in type && type.getValue(value.value)
      ? undefined
      : `${value.value} is not a ${named}`;
  }
  const accepts = literalTypes[value.kind];
  if (!accepts) return `a ${value.kind} literal is not checked`;
  return accepts.includes(named) ? undefined : `a ${value.kind} literal passed as ${expected}`;
}

const typeText = (node) =>
  node.kind === Kind.NON_NULL_TYPE
    ? `${typeText(node.type)}!`
    : node.kind === Kind.LIST_TYPE
      ? `[${typeText(node.type)}]`
      : node.name.value;

/** GraphQL's rule for a variable in an argument's place, with what it shows about nullability. */
export function variableFits(declared, expected, hasDefault = false) {
  if (expected.endsWith("!") && !declared.endsWith("!")) {
    return hasDefault && variableFits(declared, expected.slice(0, -1));
  }
  const strip = (text) => (text.endsWith("!") ? text.slice(0, -1) : text);
  const d = declared.endsWith("!") && !expected.endsWith("!") ? strip(declared) : declared;
  const e = expected;
  if (d.endsWith("!") !== e.endsWith("!")) return false;
  const dInner = strip(d);
  const eInner = strip(e);
  if (dInner.startsWith("[") !== eInner.startsWith("[")) return false;
  if (dInner.startsWith("[")) return variableFits(dInner.slice(1, -1), eInner.slice(1, -1));
  return dInner === eInner;
}

/** SDL text of a graphql-js type. */
export function schemaTypeText(type) {
  if (isNonNullType(type)) return `${schemaTypeText(type.ofType)}!`;
  if (isListType(type)) return `[${schemaTypeText(type.ofType)}]`;
  return type.name;
}

// ---------------------------------------------------------------------------------------------
// Which selection an ariadne-codegen class holds: a fragment's class is named after the fragment,
// an operation's after the operation, and a nested selection's after its parent's class and its
// response key in PascalCase (an inline fragment's after the type it names).

/**
 * The selection set and GraphQL type (by schema/'s types) an ariadne-codegen class holds, found in
 * the operations it was generated from, or undefined.
 *
 * @param {readonly import("graphql").DefinitionNode[]} definitions
 * @param {GraphQLSchema} schema
 */
export function locateClass(definitions, schema, className) {
  let gap;
  const search = (selectionSet, typeName, name) => {
    if (name === className) return { selectionSet, typeName, gap };
    if (!className.startsWith(name)) return undefined;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const fields = type && "getFields" in type ? type.getFields() : {};
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.selectionSet) {
        const fieldDef = fields[selection.name.value];
        const key = selection.alias?.value ?? selection.name.value;
        const outer = gap;
        // Below a field schema/ lacks, the type is unknown here.
        if (!fieldDef && typeName !== undefined) gap = `${typeName}.${selection.name.value}`;
        const hit = search(
          selection.selectionSet,
          fieldDef ? getNamedType(fieldDef.type).name : undefined,
          name + capitalize(key),
        );
        gap = outer;
        if (hit) return hit;
      } else if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition) {
        const on = selection.typeCondition.name.value;
        const hit = search(selection.selectionSet, on, name + on);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const hit = search(definition.selectionSet, definition.typeCondition.name.value, definition.name.value);
      if (hit) return hit;
    } else if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
      const root = { query: "Query", mutation: "Mutation", subscription: "Subscription" }[
        definition.operation
      ];
      const hit = search(definition.selectionSet, root, definition.name.value);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The field a response key selects in a selection set, spreads and inline fragments followed. */
export function fieldOfResponseKey(selectionSet, definitions, responseKey) {
  const fragments = new Map(
    definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const seen = new Set();
  const look = (set) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if ((selection.alias?.value ?? selection.name.value) === responseKey) return selection.name.value;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const hit = look(selection.selectionSet);
        if (hit) return hit;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          const hit = look(fragment.selectionSet);
          if (hit) return hit;
        }
      }
    }
    return undefined;
  };
  return look(selectionSet);
}

/**
 * Checks the `field` claim of a generated Python attribute: the class's selection (found in the
 * operations it was generated from) selects the field, under that response key, on the element's type.
 */
export function checkPythonField(pythonClass, attrName, element, definitions, schema, className) {
  const attribute = pythonClass.attributes.get(attrName);
  if (!attribute) return fail(`${className} has no attribute ${attrName}`);
  if (element.kind !== "field") return fail(`an attribute is evidence for a field, not ${label(element)}`);
  const key = responseKeyOf(attrName, attribute);
  const located = locateClass(definitions, schema, className);
  if (!located) {
    if (key !== element.name) return fail(`${attrName} reads "${key}", not ${element.name}`);
    return unchecked(`${className}'s selection is not found in its operations, so its type is unknown`);
  }
  const fieldName = fieldOfResponseKey(located.selectionSet, definitions, key);
  if (fieldName === undefined) return fail(`${className}'s selection has no response key ${key}`);
  if (fieldName !== element.name)
    return fail(`${attrName} ("${key}") selects ${fieldName}, not ${element.name}`);
  if (located.typeName === undefined) {
    return unchecked(
      `${className} is a selection below ${located.gap}, which schema/ lacks, so its type is unknown here`,
    );
  }
  return located.typeName === element.parent
    ? pass(`${located.typeName}.${fieldName}${key === fieldName ? "" : ` as ${key}`}`)
    : fail(`${className} holds ${located.typeName}, the field is on ${element.parent}`);
}
