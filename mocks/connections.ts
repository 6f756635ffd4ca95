/**
 * Relay-style cursor pages (`edges { cursor node }`, `pageInfo { endCursor hasNextPage }`) over a
 * stable list: a cursor is the opaque position of an item, and a page starts right after the
 * position its `after` names, so pages join to the whole list with nothing twice.
 */
import type { RequestContext } from "./context.js";
import { decodeCursor, encodeCursor } from "./ids.js";

/** `pageInfo` as the schema has it. */
export interface PageInfoNode {
  endCursor: string | null;
  hasNextPage: boolean;
  startCursor: string | null;
  hasPreviousPage: boolean;
}

/** The paging arguments every connection field takes. */
export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** One page: its items with their cursors, and its `pageInfo`. */
export interface Page<T> {
  items: Array<{ item: T; cursor: string }>;
  pageInfo: PageInfoNode;
}

/**
 * The page of `items` that `args` asks for; `kind` names the list in its cursors, so a cursor from
 * another list is refused. Throws (a GraphQL error for the client) on a negative `first` or a bad
 * cursor.
 */
export function paginate<T>(
  items: readonly T[],
  args: PageArgs,
  kind: string,
  defaultFirst: number,
): Page<T> {
  const first = args.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 0)
    throw new Error(`first must be a non-negative integer, got ${first}`);
  const start = args.after ? decodeCursor(kind, args.after) + 1 : 0;
  const end = Math.min(items.length, start + first);
  const page: Page<T>["items"] = [];
  for (let index = start; index < end; index++) {
    page.push({ item: items[index] as T, cursor: encodeCursor(kind, index) });
  }
  return {
    items: page,
    pageInfo: {
      startCursor: page[0]?.cursor ?? null,
      endCursor: page.at(-1)?.cursor ?? null,
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
    },
  };
}

/** Anything a `RunEdge` can point at: it only needs to say which run it is. */
export interface TouchableRun {
  readonly path: string;
}

/**
 * A `RunEdge` whose `node` records the run as touched when, and only when, the query selects it:
 * the request log's `runs` lists the runs whose fields an answer carried.
 */
export class RunEdge<R extends TouchableRun> {
  constructor(
    private readonly run: R,
    readonly cursor: string,
  ) {}

  node(_args: unknown, context: RequestContext): R {
    context.touchRun(this.run.path);
    return this.run;
  }
}

/** A `RunConnection` page over `runs`. */
export function runConnection<R extends TouchableRun>(
  runs: readonly R[],
  args: PageArgs,
  kind: string,
  defaultFirst: number,
): { edges: Array<RunEdge<R>>; pageInfo: PageInfoNode } {
  const page = paginate(runs, args, kind, defaultFirst);
  return { edges: page.items.map(({ item, cursor }) => new RunEdge(item, cursor)), pageInfo: page.pageInfo };
}

/** A connection page of plain nodes (`edges { cursor node }`, `pageInfo`, `totalCount`). */
export function nodeConnection<T>(
  items: readonly T[],
  args: PageArgs,
  kind: string,
  defaultFirst: number,
): { edges: Array<{ node: T; cursor: string }>; pageInfo: PageInfoNode; totalCount: number } {
  const page = paginate(items, args, kind, defaultFirst);
  return {
    edges: page.items.map(({ item, cursor }) => ({ node: item, cursor })),
    pageInfo: page.pageInfo,
    totalCount: items.length,
  };
}
