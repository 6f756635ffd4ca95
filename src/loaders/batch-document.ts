/**
 * The document of one batched request. A batch that touches one project sends the generated
 * `RunsByName` operation as it is; a batch that touches several sends one aliased copy of its
 * `project` field per project (`p0`, `p1`, …) with the variables renamed to match (`$entity_1`),
 * so runs of several projects share a request. Every copy is the generated, schema-validated
 * selection; only names change.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { DocumentNode, FieldNode, VariableDefinitionNode } from "graphql";
import { RunsByNameDocument, type RunsByNameQuery } from "../_generated/graphql.js";
import type { GraphQLErrorEntry } from "../errors.js";
import { aliased, composedDocument, memoized, operationParts, renameVariables } from "./aliased-document.js";
import type { FieldGroup, PartVariables } from "./field-groups.js";

/** The answer for one project part. */
export type ProjectPart = RunsByNameQuery["project"];

type BatchDocument = TypedDocumentNode<Record<string, ProjectPart>, Record<string, unknown>>;

const runsByName = operationParts(RunsByNameDocument);

/** The document for `parts` project parts; memoized. */
export const batchDocument: (parts: number) => BatchDocument = memoized((parts: number) =>
  parts === 1 ? (RunsByNameDocument as DocumentNode as BatchDocument) : composeDocument(parts),
);

function composeDocument(parts: number): BatchDocument {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: FieldNode[] = [];
  for (let index = 0; index < parts; index++) {
    const renamed = renameVariables(runsByName.operation, (name) => partVariableName(name, index));
    for (const definition of renamed.variableDefinitions ?? []) variableDefinitions.push(definition);
    selections.push(aliased(renamed.selectionSet.selections[0] as FieldNode, partAlias(index, parts)));
  }
  return composedDocument(runsByName, variableDefinitions, selections);
}

/** Where part `index` of a `parts`-part document answers: `project` alone, else `p0`, `p1`, … */
export function partAlias(index: number, parts: number): string {
  return parts === 1 ? "project" : `p${index}`;
}

/** Whether an answer's top-level key (an error path's first element) is a part's alias. */
export function isPartAlias(value: unknown): boolean {
  return typeof value === "string" && (value === "project" || /^p\d+$/.test(value));
}

/** A GraphQL error that points into one run of a part, and the field group its path names. */
export interface RunError {
  /** `undefined` when the path points at the run itself, or a field no group answers. */
  group: FieldGroup | undefined;
  error: GraphQLErrorEntry;
}

/**
 * Sorts a part's errors by the run their path points at (`[alias, "runs", "edges", index,
 * "node", field, …]`, with `names[index]` the run); `whole` holds the errors that point at no run.
 */
export function attributeErrors(
  errors: readonly GraphQLErrorEntry[],
  names: ReadonlyArray<string | undefined>,
  groupOfField: ReadonlyMap<string, FieldGroup>,
): { whole: GraphQLErrorEntry[]; byRun: Map<string, RunError[]> } {
  const whole: GraphQLErrorEntry[] = [];
  const byRun = new Map<string, RunError[]>();
  for (const error of errors) {
    const [, runsField, edgesField, index, nodeField, field] = error.path ?? [];
    const name = typeof index === "number" ? names[index] : undefined;
    if (runsField !== "runs" || edgesField !== "edges" || nodeField !== "node" || name === undefined) {
      whole.push(error);
      continue;
    }
    const group = typeof field === "string" ? groupOfField.get(field) : undefined;
    const list = byRun.get(name) ?? [];
    list.push({ group, error });
    byRun.set(name, list);
  }
  return { whole, byRun };
}

function partVariableName(name: string, index: number): string {
  return `${name}_${index}`;
}

/** The variables of a request: each part's, renamed when there are several. */
export function batchVariables(parts: readonly PartVariables[]): Record<string, unknown> {
  if (parts.length === 1) return parts[0] as PartVariables;
  const variables: Record<string, unknown> = {};
  parts.forEach((part, index) => {
    for (const [name, value] of Object.entries(part)) variables[partVariableName(name, index)] = value;
  });
  return variables;
}
