import { decodeCursor, encodeCursor } from "./ids.js";
/**
 * The page of `items` that `args` asks for; `kind` names the list in its cursors, so a cursor from
 * another list is refused. Throws (a GraphQL error for the client) on a negative `first` or a bad
 * cursor.
 */
export function paginate(items, args, kind, defaultFirst) {
    const first = args.first ?? defaultFirst;
    if (!Number.isInteger(first) || first < 0)
        throw new Error(`first must be a non-negative integer, got ${first}`);
    const start = args.after ? decodeCursor(kind, args.after) + 1 : 0;
    const end = Math.min(items.length, start + first);
    const page = [];
    for (let index = start; index < end; index++) {
        page.push({ item: items[index], cursor: encodeCursor(kind, index) });
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
/**
 * A `RunEdge` whose `node` records the run as touched when, and only when, the query selects it:
 * the request log's `runs` lists the runs whose fields an answer carried.
 */
export class RunEdge {
    run;
    cursor;
    constructor(run, cursor) {
        this.run = run;
        this.cursor = cursor;
    }
    node(_args, context) {
        context.touchRun(this.run.path);
        return this.run;
    }
}
/** A `RunConnection` page over `runs`. */
export function runConnection(runs, args, kind, defaultFirst) {
    const page = paginate(runs, args, kind, defaultFirst);
    return { edges: page.items.map(({ item, cursor }) => new RunEdge(item, cursor)), pageInfo: page.pageInfo };
}
//# sourceMappingURL=connections.js.map