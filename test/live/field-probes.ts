// The field probes of the live contract suite, derived from the generated operations: for every
// leaf field an operation selects, a minimal query that reaches that field along the operation's
// own path (same arguments, same aliases) and selects nothing else. Sent to a live W&B, a probe
// that comes back with a validation error names the one field the real schema lacks, which one
// big query could not; a field added to queries/ gets its probe without anyone writing it.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  type InlineFragmentNode,
  isLeafType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  TypeInfo,
  type VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from "graphql";

/** One leaf field of one operation, and the query that selects only it. */
export interface FieldProbe {
  /** The operation it comes from, e.g. `RunsByName`. */
  operation: string;
  /** Schema coordinate of the leaf, e.g. `Run.summaryMetrics`. */
  coordinate: string;
  /** Response keys from the root to the leaf, e.g. `["project", "runs", "edges", "node", "summarySubset"]`. */
  path: string[];
  /** The leaf's type in schema/, which the live value must fit. */
  type: GraphQLOutputType;
  /** The probe: the operation's path to the leaf, without directives, with the variables it uses. */
  document: DocumentNode;
  /** Names of the variables the probe uses. */
  variables: string[];
}

type PathNode = FieldNode | InlineFragmentNode;

function isPathNode(node: unknown): node is PathNode {
  const kind = (node as { kind?: unknown } | null)?.kind;
  return kind === Kind.FIELD || kind === Kind.INLINE_FRAGMENT;
}

/** The document's operation with every fragment spread replaced by the fragment's selection. */
function inlineFragments(document: DocumentNode): OperationDefinitionNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operation = definition;
  }
  if (!operation) throw new Error("a document without an operation");
  // visit() walks into a node returned from enter, so fragments spread inside fragments inline too.
  return visit(operation, {
    FragmentSpread(spread): InlineFragmentNode {
      const fragment = fragments.get(spread.name.value);
      if (!fragment) throw new Error(`fragment ${spread.name.value} is not in the document`);
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        directives: [],
        selectionSet: fragment.selectionSet,
      };
    },
  });
}

/** The selection from the root to the leaf, one node per level, `@include`/`@skip` dropped. */
function chainSelection(chain: readonly PathNode[]): SelectionNode {
  let selection: SelectionNode | undefined;
  for (const node of [...chain].reverse()) {
    const selectionSet = selection ? { kind: Kind.SELECTION_SET, selections: [selection] } : undefined;
    selection = { ...node, directives: [], selectionSet } as SelectionNode;
  }
  if (!selection) throw new Error("an empty path");
  return selection;
}

function usedVariables(selection: SelectionNode): string[] {
  const names = new Set<string>();
  visit(selection, {
    Variable(node) {
      names.add(node.name.value);
    },
  });
  return [...names].sort();
}

function responseKey(node: PathNode): string[] {
  if (node.kind === Kind.INLINE_FRAGMENT) return [];
  return [node.alias?.value ?? node.name.value];
}

function probeDocument(
  operation: OperationDefinitionNode,
  name: string,
  selection: SelectionNode,
  variables: readonly string[],
): DocumentNode {
  const definitions: VariableDefinitionNode[] = (operation.variableDefinitions ?? []).filter((definition) =>
    variables.includes(definition.variable.name.value),
  );
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: operation.operation,
        name: { kind: Kind.NAME, value: name },
        variableDefinitions: definitions,
        directives: [],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] },
      },
    ],
  };
}

/** The probes of one generated operation document, in selection order. */
export function probesOf(schema: GraphQLSchema, document: DocumentNode): FieldProbe[] {
  const operation = inlineFragments(document);
  const operationName = operation.name?.value ?? "Anonymous";
  const typeInfo = new TypeInfo(schema);
  const probes: FieldProbe[] = [];
  const seen = new Set<string>();
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Field(node, _key, _parent, _path, ancestors) {
        const type = typeInfo.getType();
        const parent = typeInfo.getParentType();
        if (!type || !parent || node.name.value.startsWith("__") || !isLeafType(getNamedType(type))) return;
        const chain = [...ancestors.filter(isPathNode), node];
        const path = chain.flatMap(responseKey);
        const selection = chainSelection(chain);
        const variables = usedVariables(selection);
        const name = `Probe_${operationName}_${path.join("_")}`;
        const probe = probeDocument(operation, name, selection, variables);
        // A field selected twice at one response path (directly and through a fragment, as `name`
        // in RunsByName) is one field by GraphQL's merging rules: one probe is enough.
        const key = path.join(".");
        if (seen.has(key)) return;
        seen.add(key);
        probes.push({
          operation: operationName,
          coordinate: `${parent.name}.${node.name.value}`,
          path,
          type,
          document: probe,
          variables,
        });
      },
    }),
  );
  return probes;
}

/** The probes of every operation. */
export function fieldProbes(
  schema: GraphQLSchema,
  documents: ReadonlyArray<readonly [string, DocumentNode]>,
): FieldProbe[] {
  return documents.flatMap(([, document]) => probesOf(schema, document));
}
