/**
 * `LogLine` nodes of a run's console log. Timestamps are UTC without a zone designator on the wire;
 * an empty or unreadable one becomes `null`, as W&B's Python client makes it `None`, so one odd
 * line does not hide a whole log. A line without a whole `number` cannot be placed in the log, so
 * it is an error.
 */
import type { LogLineFieldsFragment } from "../_generated/graphql.js";
import { expectCount, type FieldSource, within } from "./fields.js";
import { parseWandbTime } from "./time.js";

/** One line of a run's console output (stdout and stderr as the run's process wrote them). */
export interface LogLine {
  /** Its position in the run's log, from 0. Absolute: a page or a tail says where it sits. */
  number: number;
  /** When it was captured (UTC); `null` when W&B recorded none or one that is not a timestamp. */
  timestamp: Date | null;
  /** `"error"` for lines written to stderr, `""` otherwise. */
  level: string;
  /** The writing process's label when several write to one run (shared mode), else `""`. */
  label: string;
  /** The text as written: it may hold terminal escapes; make control characters visible before printing it. */
  text: string;
}

/** Reads the edges of a `LogLineConnection` (`null` for a run without console output: no lines). */
export function readLogLines(
  edges: ReadonlyArray<{ node: LogLineFieldsFragment }> | null | undefined,
  source: FieldSource,
): LogLine[] {
  if (!edges) return [];
  const lines: LogLine[] = [];
  for (let i = 0; i < edges.length; i++) {
    const node = (edges[i] as { node: LogLineFieldsFragment }).node;
    lines.push({
      number: expectCount(node.number, within(source, i), "number"),
      timestamp: readLineTime(node.timestamp),
      level: node.level ?? "",
      label: node.label ?? "",
      text: node.line ?? "",
    });
  }
  return lines;
}

function readLineTime(raw: string | null): Date | null {
  if (!raw) return null;
  try {
    return parseWandbTime(raw);
  } catch {
    return null;
  }
}
