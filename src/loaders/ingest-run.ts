/**
 * The ingester's first half: one run node of an answer read into the groups its request asked
 * for. A group that cannot be read, or that a GraphQL error points at, fails alone; the run's
 * other groups still answer their loads.
 */
import { graphQLError } from "./answers.js";
import type { RunError } from "./batch-document.js";
import {
  type Coverage,
  type FieldGroup,
  groupNames,
  type ReadContext,
  type RunNode,
  type RunRecord,
  specOf,
} from "./field-groups.js";

/** What one answer brought for one run. */
export interface FetchedRun {
  /** The groups read, by group. */
  values: RunRecord;
  /** The groups that failed, and why. */
  errors: Partial<Record<FieldGroup, Error>>;
  /** The groups whose answer goes on over further pages (artifacts of a busy run). */
  pending: Partial<Record<FieldGroup, Promise<unknown>>>;
  /** The run node as W&B sent it, and what was asked of it: what a shared store keeps. */
  node: RunNode;
  coverage: Coverage;
}

/** Reads every group `coverage` asks for from `node`; `fieldErrors` fail the groups they name. */
export function ingestRun(
  node: RunNode,
  coverage: Coverage,
  context: ReadContext,
  fieldErrors: readonly RunError[],
): FetchedRun {
  const fetched: FetchedRun = { values: {}, errors: {}, pending: {}, node, coverage };
  const values = fetched.values as Record<FieldGroup, unknown>;
  for (const { group, error } of fieldErrors) {
    if (group) fetched.errors[group] = graphQLError([error], node, context.operation, context.run.path);
  }
  for (const group of groupNames) {
    const covered = coverage[group];
    if (covered === undefined || fetched.errors[group]) continue;
    try {
      const value = specOf(group).read(node, covered, context);
      if (value instanceof Promise) {
        // Every waiter attaches its own handlers; this one keeps an abandoned page from being
        // reported as an unhandled rejection.
        value.catch(() => {});
        fetched.pending[group] = value;
      } else {
        values[group] = value;
      }
    } catch (error) {
      fetched.errors[group] = error instanceof Error ? error : new Error(String(error));
    }
  }
  return fetched;
}
