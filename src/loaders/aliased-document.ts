/**
 * Building one request out of many copies of a generated operation's fields. W&B's schema looks
 * things up one at a time (`project(name:)`, `artifactCollectionMembership(name:)`,
 * `sweep(sweepName:)`), so lookups share a request as aliased copies of the same field with their
 * variables renamed apart. Every copy is the generated, schema-validated selection; only names
 * change. Used by the run batch document, the artifact version lookups and the sweep lookups.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import {
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
  visit,
} from "graphql";

/** A generated document taken apart: its operation, and the fragments the operation spreads. */
export interface OperationParts {
  operation: OperationDefinitionNode;
  fragments: readonly DefinitionNode[];
  /** The operation's first root field (`project`, for every lookup that batches). */
  rootField: FieldNode;
}

/** Takes a generated document apart. */
export function operationParts(document: DocumentNode): OperationParts {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return {
    operation,
    fragments: document.definitions.filter((definition) => definition !== operation),
    rootField: operation.selectionSet.selections[0] as FieldNode,
  };
}

/** A copy of `node` with every variable it uses (or defines) renamed by `rename`. */
export function renameVariables<T extends ASTNode>(node: T, rename: (name: string) => string): T {
  return visit(node, {
    Variable: (variable) => ({ ...variable, name: { ...variable.name, value: rename(variable.name.value) } }),
  });
}

/** `field` answering under `alias`. */
export function aliased(field: FieldNode, alias: string): FieldNode {
  return { ...field, alias: { kind: Kind.NAME, value: alias } };
}

/** `field` selecting `selections` instead of its own. */
export function withSelections(field: FieldNode, selections: readonly FieldNode[]): FieldNode {
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections } };
}

/** The operation's variable definition `name`, renamed by `rename` when given. */
export function variableDefinition(
  parts: OperationParts,
  name: string,
  rename: (name: string) => string = (same) => same,
): VariableDefinitionNode {
  const definition = (parts.operation.variableDefinitions ?? []).find(
    (candidate) => candidate.variable.name.value === name,
  );
  if (!definition) throw new Error(`${parts.operation.name?.value} has no variable $${name}`);
  return renameVariables(definition, rename);
}

/** The operation again, with these variables and root fields, and its fragments. */
export function composedDocument<TData>(
  parts: OperationParts,
  variableDefinitions: readonly VariableDefinitionNode[],
  selections: readonly FieldNode[],
): TypedDocumentNode<TData, Record<string, unknown>> {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...parts.operation,
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...parts.fragments,
    ],
  };
}

/** Memoizes documents by a key of their shape. */
export function memoized<K, D>(build: (key: K) => D): (key: K) => D {
  const built = new Map<K, D>();
  return (key) => {
    let document = built.get(key);
    if (!document) {
      document = build(key);
      built.set(key, document);
    }
    return document;
  };
}
