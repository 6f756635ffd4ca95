/**
 * Relay connections as W&B sends them (`edges { node }`, `pageInfo { endCursor hasNextPage }`),
 * their shape checked once here: a `null` where the schema promises a value is a
 * {@link WandbResponseError} naming the field's path, never a `TypeError` further in.
 */
import { WandbResponseError } from "../errors.js";

/** One page of a connection. */
export interface ConnectionPage<E extends { node: unknown }> {
  /** The edges, in order, each with its node; an edge whose nullable node is null is left out. */
  edges: E[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** The last edge's own `cursor`, when the selection asks for it and W&B sent one. */
  lastEdgeCursor: string | null;
}

/** Where a connection sits in an answer, for error messages. */
export interface ConnectionSource {
  /** Its path in the answer, e.g. `project.runs` or `p1.runs.edges.3.node.outputArtifacts`. */
  path: string;
  operation: string;
  runPath?: string | undefined;
}

/**
 * Reads one page. `nullNodes` says what an edge whose `node` is null means: `"skip"` where the
 * schema makes the node nullable (W&B nulls what the key may not see), `"error"` where it does not.
 * A null connection is `null`: what it means (no runs, no artifacts) is the caller's to say.
 */
export function readConnection<E extends { node: unknown }>(
  value: unknown,
  source: ConnectionSource,
  nullNodes: "skip" | "error",
): ConnectionPage<E> | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") throw shapeError(source, "", "an object", value);
  const { edges, pageInfo } = value as { edges?: unknown; pageInfo?: unknown };
  if (!Array.isArray(edges)) throw shapeError(source, ".edges", "a list of edges", edges);
  if (pageInfo === null || typeof pageInfo !== "object") {
    throw shapeError(source, ".pageInfo", "an object", pageInfo);
  }
  const { hasNextPage, endCursor } = pageInfo as { hasNextPage?: unknown; endCursor?: unknown };
  if (typeof hasNextPage !== "boolean") {
    throw shapeError(source, ".pageInfo.hasNextPage", "true or false", hasNextPage);
  }
  if (endCursor !== null && endCursor !== undefined && typeof endCursor !== "string") {
    throw shapeError(source, ".pageInfo.endCursor", "a string or null", endCursor);
  }
  // The answer's own list is handed on as it is unless an edge has to be left out.
  let kept: E[] = edges as E[];
  for (let index = 0; index < edges.length; index++) {
    const edge: unknown = edges[index];
    if (edge === null || typeof edge !== "object") {
      throw shapeError(source, `.edges.${index}`, "an edge object", edge);
    }
    const { node } = edge as { node?: unknown };
    const present = node !== null && node !== undefined;
    if (!present && nullNodes === "skip") {
      if (kept === edges) kept = edges.slice(0, index) as E[];
      continue;
    }
    if (!present || typeof node !== "object") {
      throw shapeError(source, `.edges.${index}.node`, "an object", node);
    }
    if (kept !== edges) kept.push(edge as E);
  }
  const last = (edges.at(-1) as { cursor?: unknown } | undefined)?.cursor;
  const lastEdgeCursor = typeof last === "string" ? last : null;
  return { edges: kept, hasNextPage, endCursor: endCursor ?? null, lastEdgeCursor };
}

function shapeError(
  source: ConnectionSource,
  at: string,
  expected: string,
  got: unknown,
): WandbResponseError {
  const path = `${source.path}${at}`;
  const what = got === null || got === undefined ? "null" : Array.isArray(got) ? "a list" : typeof got;
  const where = source.runPath ? ` (run ${source.runPath})` : "";
  return new WandbResponseError(
    `${source.operation}: W&B's answer has ${what} at ${path}${where}, where the schema promises ${expected}`,
    { operation: source.operation, runPath: source.runPath, field: path },
  );
}
