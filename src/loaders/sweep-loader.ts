/**
 * Sweeps by their ID, for `runSweep`. Every sweep asked for in one tick is read in one request per
 * project: the generated `SweepByName` operation with its `sweep` field copied once per sweep
 * (aliases `s0`, `s1`, …, variables `$sweepName_0`, …). Answers are cached per client like run
 * fields; `null` (W&B has no such sweep) is an answer too.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import DataLoader from "dataloader";
import {
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  visit,
} from "graphql";
import { SweepByNameDocument, type SweepFieldsFragment } from "../_generated/graphql.js";
import { raceAbort } from "../transport/abort.js";
import type { Transport } from "../transport/http-transport.js";
import { graphQLError, requireProject } from "./answers.js";

/** Where a sweep lives, and its ID. */
export interface SweepRef {
  entity: string;
  project: string;
  name: string;
}

type ProjectSweeps = Record<string, SweepFieldsFragment | null>;

const operation = SweepByNameDocument.definitions.find(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
) as OperationDefinitionNode;
const fragments = SweepByNameDocument.definitions.filter((definition) => definition !== operation);
const projectField = operation.selectionSet.selections[0] as FieldNode;
const sweepField = projectField.selectionSet?.selections[0] as FieldNode;
const composed = new Map<
  number,
  TypedDocumentNode<{ project: ProjectSweeps | null }, Record<string, unknown>>
>();

/** @internal The document for `count` sweeps of one project; memoized. */
export function sweepsDocument(
  count: number,
): TypedDocumentNode<{ project: ProjectSweeps | null }, Record<string, unknown>> {
  let document = composed.get(count);
  if (!document) {
    const [entity, project] = operation.variableDefinitions ?? [];
    const nameDefinition = operation.variableDefinitions?.[2];
    if (!entity || !project || !nameDefinition) throw new Error("SweepByName lost its variables");
    const renamed = <T extends ASTNode>(node: T, i: number): T =>
      visit(node, {
        Variable: (variable) => ({ ...variable, name: { ...variable.name, value: `sweepName_${i}` } }),
      });
    const copies = Array.from(
      { length: count },
      (_, i): FieldNode => ({
        ...renamed(sweepField, i),
        alias: { kind: Kind.NAME, value: `s${i}` },
      }),
    );
    const names = Array.from({ length: count }, (_, i) => renamed(nameDefinition, i));
    const built: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [
        {
          ...operation,
          variableDefinitions: [entity, project, ...names],
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [{ ...projectField, selectionSet: { kind: Kind.SELECTION_SET, selections: copies } }],
          },
        },
        ...fragments,
      ],
    };
    document = built as TypedDocumentNode<{ project: ProjectSweeps | null }, Record<string, unknown>>;
    composed.set(count, document);
  }
  return document;
}

function keyOf(ref: SweepRef): string {
  return JSON.stringify([ref.entity, ref.project, ref.name]);
}

/** Per client: sweeps by ID, batched per project per tick, cached until `clear()`. */
export class SweepLoader {
  private readonly loader: DataLoader<string, SweepFieldsFragment | null>;

  constructor(
    private readonly transport: Transport,
    cache: boolean,
  ) {
    this.loader = new DataLoader((keys) => this.fetch(keys), { cache });
  }

  /** The sweep, or `null` when W&B has none by that ID. `fresh` asks again. */
  load(ref: SweepRef, options: { signal?: AbortSignal | undefined; fresh?: boolean | undefined }) {
    const key = keyOf(ref);
    if (options.fresh) this.loader.clear(key);
    return raceAbort(this.loader.load(key), options.signal);
  }

  clear(): void {
    this.loader.clearAll();
  }

  private async fetch(keys: readonly string[]): Promise<Array<SweepFieldsFragment | null | Error>> {
    const byProject = new Map<string, Array<{ index: number; ref: SweepRef }>>();
    keys.forEach((key, index) => {
      const [entity, project, name] = JSON.parse(key) as [string, string, string];
      const list = byProject.get(`${entity}/${project}`) ?? [];
      list.push({ index, ref: { entity, project, name } });
      byProject.set(`${entity}/${project}`, list);
    });
    const results: Array<SweepFieldsFragment | null | Error> = new Array(keys.length).fill(null);
    await Promise.all(
      [...byProject.values()].map(async (sweeps) => {
        const first = (sweeps[0] as { ref: SweepRef }).ref;
        const variables: Record<string, unknown> = { entity: first.entity, project: first.project };
        sweeps.forEach(({ ref }, i) => {
          variables[`sweepName_${i}`] = ref.name;
        });
        try {
          const answer = await this.transport.request({ document: sweepsDocument(sweeps.length), variables });
          if (answer.errors.length > 0) throw graphQLError(answer.errors, answer.data, answer.operationName);
          const project = requireProject(answer.data?.project, first, answer.operationName);
          sweeps.forEach(({ index }, i) => {
            results[index] = project[`s${i}`] ?? null;
          });
        } catch (error) {
          for (const { index } of sweeps)
            results[index] = error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    return results;
  }
}
