/**
 * The document of one batched request. A batch that touches one project sends the generated
 * `RunsByName` operation as it is; a batch that touches several sends one aliased copy of its
 * `project` field per project (`p0`, `p1`, …) with the variables renamed to match (`$entity_1`),
 * so runs of several projects share a request. Every copy is the generated, schema-validated
 * selection; only names change.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import {
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
  visit,
} from "graphql";
import {
  RunsByNameDocument,
  type RunsByNameQuery,
  type RunsByNameQueryVariables,
} from "../_generated/graphql.js";

/** The answer for one project part. */
export type ProjectPart = RunsByNameQuery["project"];

/** Variables of one part, before renaming. */
export type PartVariables = RunsByNameQueryVariables;

const operation = RunsByNameDocument.definitions.find(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
) as OperationDefinitionNode;
const fragments = RunsByNameDocument.definitions.filter((definition) => definition !== operation);

const composed = new Map<number, TypedDocumentNode<Record<string, ProjectPart>, Record<string, unknown>>>();

/** The document for `parts` project parts; memoized. */
export function batchDocument(
  parts: number,
): TypedDocumentNode<Record<string, ProjectPart>, Record<string, unknown>> {
  let document = composed.get(parts);
  if (!document) {
    document = parts === 1 ? (RunsByNameDocument as DocumentNode) : composeDocument(parts);
    composed.set(parts, document);
  }
  return document;
}

function composeDocument(parts: number): DocumentNode {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: FieldNode[] = [];
  for (let index = 0; index < parts; index++) {
    const renamed = visit(operation, {
      Variable: (node) => ({
        ...node,
        name: { ...node.name, value: partVariableName(node.name.value, index) },
      }),
    });
    variableDefinitions.push(...(renamed.variableDefinitions ?? []));
    const projectField = renamed.selectionSet.selections[0] as FieldNode;
    selections.push({ ...projectField, alias: { kind: Kind.NAME, value: partAlias(index, parts) } });
  }
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...operation, variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections } },
      ...fragments,
    ],
  };
}

/** Where part `index` of a `parts`-part document answers: `project` alone, else `p0`, `p1`, … */
export function partAlias(index: number, parts: number): string {
  return parts === 1 ? "project" : `p${index}`;
}

function partVariableName(name: string, index: number): string {
  return `${name}_${index}`;
}

/** The variables of a request: each part's, renamed when there are several. */
export function batchVariables(parts: readonly PartVariables[]): Record<string, unknown> {
  if (parts.length === 1) return { ...(parts[0] as PartVariables) };
  const variables: Record<string, unknown> = {};
  parts.forEach((part, index) => {
    for (const [name, value] of Object.entries(part)) variables[partVariableName(name, index)] = value;
  });
  return variables;
}
