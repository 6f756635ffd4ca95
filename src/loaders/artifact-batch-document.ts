/**
 * The document of one batched artifact lookup: the generated `ArtifactVersionByName` selection,
 * copied once per project (`p0`, `p1`, …) and, inside each, once per version asked
 * (`v0`, `v1`, …), with the variables renamed to match (`$entity_0`, `$name_0_1`). W&B's schema
 * has no field that looks up several versions by name at once, so aliases are how many lookups
 * share one request; every copy is the generated, schema-validated selection, only names change.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { FieldNode, VariableDefinitionNode } from "graphql";
import { ArtifactVersionByNameDocument, type ArtifactVersionByNameQuery } from "../_generated/graphql.js";
import {
  aliased,
  composedDocument,
  memoized,
  operationParts,
  renameVariables,
  variableDefinition,
  withSelections,
} from "./aliased-document.js";

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

type VersionsDocument = TypedDocumentNode<Record<string, VersionsPart>, Record<string, unknown>>;

const versionByName = operationParts(ArtifactVersionByNameDocument);
const membershipField = versionByName.rootField.selectionSet?.selections[0] as FieldNode;

/** Where part `index` answers. */
export function versionsPartAlias(index: number): string {
  return `p${index}`;
}

/** Whether an answer's top-level key (an error path's first element) is a part's alias. */
export function isVersionsPartAlias(value: unknown): boolean {
  return typeof value === "string" && /^p\d+$/.test(value);
}

/** Where version `index` of a part answers. */
export function versionAlias(index: number): string {
  return `v${index}`;
}

const documents = memoized((key: string) => composeDocument(key.split(",").map(Number)));

/** The document for parts of these sizes (versions per project); memoized by shape. */
export function versionsDocument(sizes: readonly number[]): VersionsDocument {
  return documents(sizes.join(","));
}

function composeDocument(sizes: readonly number[]): VersionsDocument {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections = sizes.map((size, part) => {
    const ofPart = (name: string) => `${name}_${part}`;
    variableDefinitions.push(
      variableDefinition(versionByName, "entity", ofPart),
      variableDefinition(versionByName, "project", ofPart),
    );
    const memberships = Array.from({ length: size }, (_, index) => {
      const ofVersion = () => `name_${part}_${index}`;
      variableDefinitions.push(variableDefinition(versionByName, "name", ofVersion));
      return aliased(renameVariables(membershipField, ofVersion), versionAlias(index));
    });
    const project = withSelections(versionByName.rootField, []);
    return aliased(withSelections(renameVariables(project, ofPart), memberships), versionsPartAlias(part));
  });
  return composedDocument(versionByName, variableDefinitions, selections);
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
