/**
 * The ingester's second half: one part of a batch answer handed to its runs. It checks the part's
 * shape, sorts its GraphQL errors by the run they point at, reads each run found, asks for the
 * further pages when W&B sent fewer runs than asked (through the page guard), and says what
 * became of every run: its fields, or the error that fails its loads.
 */
import { type GraphQLErrorEntry, ProjectNotFoundError } from "../errors.js";
import type { Transport } from "../transport/http-transport.js";
import { readConnection } from "../wire/connections.js";
import { graphQLError, runNotFound } from "./answers.js";
import { attributeErrors, batchDocument, batchVariables } from "./batch-document.js";
import { type Chunk, type Load, type PlannedRun, partVariables } from "./batch-plan.js";
import { groupOfField, type RunNode } from "./field-groups.js";
import { type FetchedRun, ingestRun } from "./ingest-run.js";
import { ceilingFor, PageGuard } from "./paging.js";

/** What one part of an answer holds for its chunk. */
export interface PartAnswer {
  /** The part's `project` field (under its alias). */
  project: unknown;
  /** The GraphQL errors whose path starts at this part. */
  errors: readonly GraphQLErrorEntry[];
  /** The alias the part answers under, for error messages (`project`, `p0`, …). */
  alias: string;
  operationName: string;
}

/** What reading a part needs besides the part. */
export interface PartContext<L extends Load> {
  transport: Transport;
  /** The request's shared signal: fires only when every caller waiting on it has aborted. */
  signal: AbortSignal;
  /** Called once for every run of the chunk. */
  deliver(planned: PlannedRun<L>, outcome: FetchedRun | Error): void;
}

type RunEdge = { node: RunNode };

const noErrors: ReturnType<typeof attributeErrors> = { whole: [], byRun: new Map() };

/** Hands one part of an answer to the runs of `chunk`; never rejects (failures are delivered). */
export async function readPart<L extends Load>(
  chunk: Chunk<L>,
  answer: PartAnswer,
  context: PartContext<L>,
): Promise<void> {
  const pending = new Map(chunk.runs.map((planned) => [planned.run.id, planned]));
  const failPending = (error: Error) => {
    for (const planned of pending.values()) context.deliver(planned, error);
    pending.clear();
  };
  try {
    await readPages(chunk, answer, context, pending);
    for (const planned of pending.values())
      context.deliver(planned, runNotFound(planned.run, answer.operationName));
    pending.clear();
  } catch (error) {
    failPending(error instanceof Error ? error : new Error(String(error)));
  }
}

async function readPages<L extends Load>(
  chunk: Chunk<L>,
  first: PartAnswer,
  context: PartContext<L>,
  pending: Map<string, PlannedRun<L>>,
): Promise<void> {
  const { operationName } = first;
  const projectPath = `${chunk.entity}/${chunk.project}`;
  let answer = first;
  if (answer.project === null || answer.project === undefined) {
    if (answer.errors.length > 0) throw graphQLError(answer.errors, answer.project, operationName);
    throw new ProjectNotFoundError(projectPath, { operation: operationName });
  }
  const guard = new PageGuard(
    { what: `runs asked for in ${projectPath}`, operation: operationName },
    ceilingFor(chunk.runs.length, `${chunk.runs.length} runs were asked for`),
  );
  for (;;) {
    const runs = (answer.project as { runs?: unknown } | null)?.runs;
    // `node` is non-null in the schema, so an error inside one run nulls the whole connection:
    // then the errors, not "not found", are the answer for every run of the part.
    if ((runs === null || runs === undefined) && answer.errors.length > 0) {
      throw graphQLError(answer.errors, answer.project, operationName);
    }
    const page = readConnection<RunEdge>(
      runs,
      { path: `${answer.alias}.runs`, operation: operationName },
      "error",
    );
    if (!page) return;
    const { edges } = page;
    const attributed =
      answer.errors.length === 0
        ? noErrors
        : attributeErrors(
            answer.errors,
            edges.map((edge) => edge.node.name),
            groupOfField,
          );
    if (attributed.whole.length > 0) throw graphQLError(attributed.whole, answer.project, operationName);
    let fresh = 0;
    for (let index = 0; index < edges.length; index++) {
      const node = (edges[index] as RunEdge).node;
      const planned = pending.get(node.name);
      if (!planned) continue;
      pending.delete(node.name);
      fresh++;
      const runErrors = attributed.byRun.get(node.name) ?? [];
      if (runErrors.some((entry) => entry.group === undefined)) {
        const errors = runErrors.map((entry) => entry.error);
        context.deliver(planned, graphQLError(errors, node, operationName, planned.run.path));
        continue;
      }
      const readContext = {
        run: planned.run,
        operation: operationName,
        transport: context.transport,
        path: `${answer.alias}.runs.edges.${index}.node`,
      };
      context.deliver(planned, ingestRun(node, chunk.coverage, readContext, runErrors));
    }
    if (pending.size === 0 || !page.hasNextPage) return;
    // W&B returned fewer runs than `first` asked for; the rest are on the following pages of the
    // same listing (same filters, same selection).
    const after = guard.next(page.endCursor, fresh);
    const next = await context.transport.request({
      document: batchDocument(1),
      variables: batchVariables([partVariables(chunk, after)]),
      signal: context.signal,
      runs: [...pending.values()].map((planned) => planned.run.path),
    });
    if (next.errors.some((error) => error.path?.[0] !== "project")) {
      throw graphQLError(next.errors, next.data, next.operationName);
    }
    answer = { project: next.data?.project, errors: next.errors, alias: "project", operationName };
    if (answer.project === null || answer.project === undefined) return;
  }
}
