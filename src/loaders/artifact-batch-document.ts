/**
 * The document of one batched artifact lookup: the generated `ArtifactVersionByName` selection,
 * copied once per project (`p0`, `p1`, …) and, inside each, once per version asked
 * (`v0`, `v1`, …), with the variables renamed to match (`$entity_0`, `$name_0_1`). W&B's schema
 * has no field that looks up several versions by name at once, so aliases are how many lookups
 * share one request; every copy is the generated, schema-validated selection, only names change.
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
import { ArtifactVersionByNameDocument, type ArtifactVersionByNameQuery } from "../_generated/graphql.js";

/** The answer for one project part: its aliased memberships, `null` where none answers the name. */
export type VersionsPart = Record<
  string,
  NonNullable<ArtifactVersionByNameQuery["project"]>["artifactCollectionMembership"]
> | null;

/** One project part of a request: where to look, and the `collection:alias` names to look up. */
export interface VersionsPartRequest {
  entity: string;
  project: string;
  names: readonly string[];
}

const operation = ArtifactVersionByNameDocument.definitions.find(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
) as OperationDefinitionNode;
const fragments = ArtifactVersionByNameDocument.definitions.filter((definition) => definition !== operation);
const projectField = operation.selectionSet.selections[0] as FieldNode;
const membershipField = projectField.selectionSet?.selections[0] as FieldNode;
const variableType = (name: string) =>
  (operation.variableDefinitions ?? []).find((definition) => definition.variable.name.value === name)
    ?.type as VariableDefinitionNode["type"];

const composed = new Map<string, TypedDocumentNode<Record<string, VersionsPart>, Record<string, unknown>>>();

/** Where part `index` answers. */
export function versionsPartAlias(index: number): string {
  return `p${index}`;
}

/** Where version `index` of a part answers. */
export function versionAlias(index: number): string {
  return `v${index}`;
}

/** The document for parts of these sizes (versions per project); memoized by shape. */
export function versionsDocument(
  sizes: readonly number[],
): TypedDocumentNode<Record<string, VersionsPart>, Record<string, unknown>> {
  const key = sizes.join(",");
  let document = composed.get(key);
  if (!document) {
    document = composeDocument(sizes);
    composed.set(key, document);
  }
  return document;
}

function renamed<T extends FieldNode>(field: T, rename: (variable: string) => string, alias: string): T {
  const copy = visit(field, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: rename(node.name.value) } }),
  });
  return { ...copy, alias: { kind: Kind.NAME, value: alias } };
}

function definition(name: string, type: string): VariableDefinitionNode {
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: variableType(type),
  };
}

function composeDocument(sizes: readonly number[]): DocumentNode {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: FieldNode[] = sizes.map((size, part) => {
    variableDefinitions.push(
      definition(`entity_${part}`, "entity"),
      definition(`project_${part}`, "project"),
    );
    const memberships = Array.from({ length: size }, (_, index) => {
      variableDefinitions.push(definition(`name_${part}_${index}`, "name"));
      return renamed(membershipField, () => `name_${part}_${index}`, versionAlias(index));
    });
    const project = renamed(
      { ...projectField, selectionSet: { kind: Kind.SELECTION_SET, selections: [] } },
      (variable) => `${variable}_${part}`,
      versionsPartAlias(part),
    );
    return { ...project, selectionSet: { kind: Kind.SELECTION_SET, selections: memberships } };
  });
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...operation, variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections } },
      ...fragments,
    ],
  };
}

/** The variables of a request with these parts, named as {@link versionsDocument} names them. */
export function versionsVariables(parts: readonly VersionsPartRequest[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  parts.forEach((part, index) => {
    variables[`entity_${index}`] = part.entity;
    variables[`project_${index}`] = part.project;
    part.names.forEach((name, j) => {
      variables[`name_${index}_${j}`] = name;
    });
  });
  return variables;
}
