/**
 * A run's console log: the tail (`logLines(last:)`, the same on every server) and forward pages
 * (`useImprovedPagination: true`, server 0.77+). A server that rejects the argument is remembered
 * per client (per transport) and read through tails from then on, each placed by its absolute line
 * numbers: where W&B's own client gives up on such servers, this reads what the tail can reach.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type LogLineFieldsFragment, RunLogPageDocument, RunLogTailDocument } from "../_generated/graphql.js";
import { WandbGraphQLError } from "../errors.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import type { FieldSource } from "../wire/fields.js";
import { type LogLine, readLogLines } from "../wire/log-lines.js";
import { requireRun, throwIfErrors } from "./answers.js";

/** W&B returns at most this many lines for one `last:` (server 0.68+). */
export const maxTailLines = 10_000;

/** What one read of the log says. */
export interface LogRead {
  lines: LogLine[];
  /** `logLineCount`: lines in the whole log when the answer was made (0 when W&B sent none). */
  lineCount: number;
  /** The run's state in the same answer (`running`, `finished`, …). */
  state: string | null;
}

// Transports whose server rejected useImprovedPagination: asked once per client, then remembered.
const legacyServers = new WeakSet<Transport>();

/** Whether `error` is a server's validation refusal of the argument (W&B's own test: its name in the text). */
function rejectsImprovedPagination(error: unknown): boolean {
  return (
    error instanceof WandbGraphQLError &&
    error.errors.some((entry) => entry.message.includes("useImprovedPagination"))
  );
}

/** The last `last` lines (at most {@link maxTailLines}), in ascending line order. */
export async function readLogTail(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  last: number,
  signal: AbortSignal | undefined,
): Promise<LogRead> {
  const variables = {
    entity: ref.entity,
    project: ref.project,
    run: ref.id,
    last: Math.min(last, maxTailLines),
  };
  return (await requestLog(transport, RunLogTailDocument, variables, ref, runPath, signal)).read;
}

/** What a log request carries about its run, whether a tail or a page asked for it. */
interface LogRun {
  logLines?: { edges: ReadonlyArray<{ node: LogLineFieldsFragment }> } | null;
  logLineCount?: number | null;
  state: string | null;
}

/**
 * Sends one log request about the run `ref` and reads its answer: the run (for what only a page
 * carries) and its lines in ascending order, with the line count and state beside them.
 */
async function requestLog<TRun extends LogRun, TVariables>(
  transport: Transport,
  document: TypedDocumentNode<{ project?: { run: TRun | null } | null }, TVariables>,
  variables: TVariables,
  ref: RunRef,
  runPath: string,
  signal: AbortSignal | undefined,
): Promise<{ run: TRun; read: LogRead }> {
  const answer = await transport.request({
    document,
    variables,
    signal,
    runs: [runPath],
    project: `${ref.entity}/${ref.project}`,
  });
  throwIfErrors(answer, runPath);
  const run = requireRun(answer.data?.project, ref, answer.operationName);
  const source: FieldSource = { field: "logLines.edges", runPath, operation: answer.operationName };
  return {
    run,
    read: {
      lines: sortByNumber(readLogLines(run.logLines?.edges, source)),
      lineCount: run.logLineCount ?? 0,
      state: run.state,
    },
  };
}

/**
 * The lines numbered `next` and above that a tail can reach: a tail of `batch` lines first, and when
 * its first line is past `next` (more lines came than it held), one more tail sized from the line
 * count. Lines older than the newest {@link maxTailLines} are out of a tail's reach; the returned
 * lines' numbers show such a gap.
 */
export async function readLogSince(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  next: number,
  batch: number,
  signal: AbortSignal | undefined,
): Promise<LogRead> {
  let read = await readLogTail(transport, ref, runPath, batch, signal);
  const first = read.lines[0];
  if (first !== undefined && first.number > next && read.lineCount - next > read.lines.length) {
    const wanted = Math.min(maxTailLines, read.lineCount - next);
    if (wanted > read.lines.length) read = await readLogTail(transport, ref, runPath, wanted, signal);
  }
  return { ...read, lines: read.lines.filter((line) => line.number >= next) };
}

/** How to scan a log forward. */
export interface LogScan {
  /** Lines per forward page. */
  pageSize: number;
  signal: AbortSignal | undefined;
}

/**
 * Every line of the log, oldest first, page by page. On a server without improved pagination, the
 * lines a tail can reach, read in tails and continued while line numbers say more exist. Each
 * page must move forward (a new cursor, higher line numbers), so the scan cannot loop.
 */
export async function* scanLogLines(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  scan: LogScan,
): AsyncGenerator<LogLine, void, undefined> {
  let next = 0;
  let after: string | undefined;
  while (!legacyServers.has(transport)) {
    let page: LogRead & { endCursor: string | null; more: boolean };
    try {
      page = await readLogPage(transport, ref, runPath, scan.pageSize, after, scan.signal);
    } catch (error) {
      if (!rejectsImprovedPagination(error)) throw error;
      legacyServers.add(transport);
      break;
    }
    const fresh = page.lines.filter((line) => line.number >= next);
    yield* fresh;
    const lastLine = fresh.at(-1);
    if (lastLine) next = lastLine.number + 1;
    // A page that does not move (same cursor, no new line) would be asked for again and again.
    if (!page.more || page.endCursor === after || fresh.length === 0) return;
    after = page.endCursor ?? undefined;
  }
  for (;;) {
    const read = await readLogSince(transport, ref, runPath, next, maxTailLines, scan.signal);
    yield* read.lines;
    const lastLine = read.lines.at(-1);
    if (!lastLine) return;
    next = lastLine.number + 1;
    if (next >= read.lineCount) return;
  }
}

async function readLogPage(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  first: number,
  after: string | undefined,
  signal: AbortSignal | undefined,
): Promise<LogRead & { endCursor: string | null; more: boolean }> {
  const variables = { entity: ref.entity, project: ref.project, run: ref.id, first, after };
  const { run, read } = await requestLog(transport, RunLogPageDocument, variables, ref, runPath, signal);
  const pageInfo = run.logLines?.pageInfo;
  const endCursor = pageInfo?.endCursor ?? null;
  return {
    ...read,
    endCursor,
    more: hasMoreLines(endCursor, pageInfo?.hasNextPage ?? false, read.lines, read.lineCount),
  };
}

/**
 * Whether lines follow a page, as wandb-core's `pageHasNextLines` decides: W&B can cut a page short
 * on a size budget and say `hasNextPage: false` mid-log, so line numbers (absolute) overrule it;
 * without a cursor a page cannot be continued; without a line count only the flag counts.
 */
export function hasMoreLines(
  endCursor: string | null,
  hasNextPage: boolean,
  lines: readonly LogLine[],
  lineCount: number,
): boolean {
  if (!endCursor) return false;
  if (hasNextPage) return true;
  const lastLine = lines.at(-1);
  return lastLine !== undefined && lastLine.number + 1 < lineCount;
}

function sortByNumber(lines: LogLine[]): LogLine[] {
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] as LogLine).number < (lines[i - 1] as LogLine).number) {
      return lines.sort((a, b) => a.number - b.number);
    }
  }
  return lines;
}
