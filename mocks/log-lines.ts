/**
 * A run's console log as W&B's `logLines` serves it, both ways. `useImprovedPagination: true`
 * (server 0.77+): Relay pages forward from `after`, `first` lines each. Without it, the legacy
 * resolver: `first` is ignored and `after` is an offset back from the end of the log; `last` is the
 * tail either way. Tails are capped at 10,000 lines (server 0.68+). Line numbers are absolute, so a
 * client can tell where any page sits in the log.
 */
import type { RunLogLinesArgs } from "../src/_generated/schema-types.js";
import { paginate } from "./connections.js";
import { formatWireTime, toWireTime } from "./time.js";
import type { MockLogLine } from "./types.js";

/** W&B caps what one `last:` returns (server 0.68+). */
export const maxTailLines = 10_000;
/** Lines per forward page when `first` is not given. */
const defaultPageLines = 1000;

/** A `LogLine` node as the schema has it. */
export interface LogLineNode {
  number: number;
  timestamp: string;
  level: string;
  label: string;
  line: string;
}

/** A `LogLineConnection` as the schema has it. */
export interface LogLineConnection {
  edges: Array<{ node: LogLineNode }>;
  pageInfo: {
    endCursor: string | null;
    hasNextPage: boolean;
    startCursor: string | null;
    hasPreviousPage: boolean;
  };
}

/** The described lines as nodes: numbered from 0, a missing time one second per line after `createdMs`. */
export function logLineNodes(lines: readonly MockLogLine[], createdMs: number, path: string): LogLineNode[] {
  return lines.map((entry, number) => {
    const line = typeof entry === "string" ? { line: entry } : entry;
    if (typeof line?.line !== "string") throw new TypeError(`${path}: logs[${number}] needs a line`);
    const timestamp =
      line.timestamp === undefined
        ? formatWireTime(createdMs + number * 1000)
        : toWireTime(line.timestamp, `${path} logs[${number}].timestamp`).wire;
    return { number, timestamp, level: line.level ?? "", label: line.label ?? "", line: line.line };
  });
}

/** Resolves `Run.logLines`; `pageLimit` cuts forward pages short (see `MockRun.logPageLimit`). */
export function logLineConnection(
  nodes: readonly LogLineNode[],
  args: RunLogLinesArgs,
  kind: string,
  pageLimit: number | undefined,
): LogLineConnection {
  if (args.useImprovedPagination === true && args.last == null) {
    const first = args.first ?? defaultPageLines;
    const cut = pageLimit !== undefined && pageLimit < first;
    const page = paginate(
      nodes,
      { first: cut ? pageLimit : first, after: args.after },
      kind,
      defaultPageLines,
    );
    const pageInfo = cut ? { ...page.pageInfo, hasNextPage: false } : page.pageInfo;
    return { edges: page.items.map(({ item }) => ({ node: item })), pageInfo };
  }
  const offset = args.after == null ? 0 : Number(args.after);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new Error(`invalid offset ${JSON.stringify(args.after)}`);
  const end = Math.max(0, nodes.length - offset);
  const wanted = Math.min(args.last ?? end, maxTailLines);
  if (!Number.isInteger(wanted) || wanted < 0) throw new Error("last must be a non-negative integer");
  const start = Math.max(0, end - wanted);
  const edges = nodes.slice(start, end).map((node) => ({ node }));
  return {
    edges,
    pageInfo: { endCursor: null, hasNextPage: false, startCursor: null, hasPreviousPage: start > 0 },
  };
}
