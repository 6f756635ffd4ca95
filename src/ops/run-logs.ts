/** A run's console log: the tail (runLogs), every line (scanRunLogs), new lines as they come (followRunLogs). */
import { InvalidArgumentError, WandbTimeoutError } from "../errors.js";
import { maxTailLines, readLogSince, readLogTail, scanLogLines } from "../loaders/log-lines.js";
import { contextOf, type Run } from "../run.js";
import { sleep } from "../transport/abort.js";
import type { LogLine } from "../wire/log-lines.js";
import { checkCount, checkOptions, type OperationOptions, rejectThrown } from "./operation-options.js";

/** Options of {@link runLogs}. */
export interface RunLogsOptions extends OperationOptions {
  /** How many of the newest lines. Default 1000; at most 10,000 (W&B caps a tail there). */
  last?: number | undefined;
}

/** Options of {@link scanRunLogs}. */
export interface ScanRunLogsOptions {
  /** Lines per request. Default 1000. */
  pageSize?: number | undefined;
  /** Stops the scan; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link followRunLogs}. */
export interface FollowRunLogsOptions {
  /** Start with the newest this many lines (default 0: only lines written from now on); at most 10,000. */
  last?: number | undefined;
  /**
   * Start at this line number instead (e.g. one past the last line a {@link scanRunLogs} gave);
   * not with `last`.
   */
  fromLine?: number | undefined;
  /** Milliseconds between polls while nothing new came. Default 5000. */
  pollMs?: number | undefined;
  /** Give up after this many milliseconds with a `WandbTimeoutError`. Default: no limit. */
  timeoutMs?: number | undefined;
  /** Stops following; the pending `next()` rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

const terminalStates = new Set(["finished", "failed", "crashed", "killed"]);
/** Lines asked for per poll; a poll that finds more came asks again for exactly those. */
const followBatch = 1000;

/**
 * The newest lines of the run's console log (what its process wrote to stdout and stderr), oldest
 * first, in one request that every W&B server answers alike. Each line comes with its number in
 * the log, its timestamp (UTC; W&B sends it without a zone), its level (`"error"` for stderr) and
 * label. The text is as the process wrote it, terminal escapes included: make control characters
 * visible before printing it to a terminal.
 *
 * @param run - The W&B run whose console log to read
 * @param options - `last`: how many of the newest lines (default 1000, at most 10,000, where W&B
 * caps a tail); `signal` and `fresh`: see {@link OperationOptions} (logs are never cached, so
 * `fresh` changes nothing).
 *
 * @example Show Why a Run Crashed
 * ```ts
 * const lines = await runLogs(run, { last: 20 });
 * for (const line of lines) console.log(line.number, line.level, JSON.stringify(line.text));
 * ```
 *
 * @see
 * - {@link scanRunLogs} - For every line, oldest first
 * - {@link followRunLogs} - For new lines while the run lives
 */
export function runLogs(run: Run, options?: RunLogsOptions): Promise<LogLine[]> {
  return rejectThrown(async () => {
    const operation = "runLogs";
    const context = contextOf(run, operation);
    const checked = checkOptions(options, operation, ["last"]);
    const last = checkTail(checked.last, operation, 1000);
    return (await readLogTail(context.transport, run, run.path, last, checked.signal)).lines;
  });
}

/**
 * Every line of the run's console log, oldest first, fetched page by page as you iterate. W&B
 * servers from 0.77 page forward (`useImprovedPagination`); a page W&B cuts short still continues,
 * since line numbers say where the log ends. An older server rejects that argument: the client
 * remembers it and reads tails instead, which reach the newest 10,000 lines (the numbers of the
 * first lines yielded then show what was out of reach). Bad options throw at once.
 *
 * @param run - The W&B run whose console log to read
 * @param options - `pageSize`: lines per request (default 1000); `signal`: stops the scan, the
 * pending `next()` rejecting with the signal's reason.
 *
 * @example Count Errors
 * ```ts
 * let errors = 0;
 * for await (const line of scanRunLogs(run)) if (line.level === "error") errors++;
 * ```
 *
 * @see
 * - {@link runLogs} - For the newest lines, in one request
 */
export function scanRunLogs(run: Run, options?: ScanRunLogsOptions): AsyncIterable<LogLine> {
  const operation = "scanRunLogs";
  const context = contextOf(run, operation);
  const checked = checkOptions(options as ScanRunLogsOptions & { fresh?: undefined }, operation, [
    "pageSize",
  ]);
  const pageSize = checkCount(checked.pageSize, "pageSize", operation, 1000);
  return scanLogLines(context.transport, run, run.path, { pageSize, signal: checked.signal });
}

/**
 * New lines of the run's console log as the run writes them, until it ends (finished, failed,
 * crashed or killed): the lines after the state changed are read before the iteration ends. It
 * polls every `pollMs` while nothing is new, through the tail every server answers; when more
 * lines came between two polls than a tail holds (10,000), the numbers of the next lines show the gap.
 *
 * @param run - The W&B run to follow
 * @param options - `last`: start with the newest this many lines (default 0; at most 10,000);
 * `fromLine`: start at this line number instead;
 * `pollMs`: milliseconds between polls while nothing is new (default 5000); `timeoutMs`: give up
 * after this long with a `WandbTimeoutError` (default: no limit); `signal`: stops following.
 *
 * @example Show a Training Run's Output in CI
 * ```ts
 * for await (const line of followRunLogs(run, { last: 50, pollMs: 10_000 })) {
 *   console.log(line.text);
 * }
 * ```
 *
 * @see
 * - {@link runLogs} - For the newest lines once
 * - {@link waitForRun} - To wait for the state only
 */
export function followRunLogs(run: Run, options?: FollowRunLogsOptions): AsyncIterable<LogLine> {
  const operation = "followRunLogs";
  const context = contextOf(run, operation);
  const checked = checkOptions(options as FollowRunLogsOptions & { fresh?: undefined }, operation, [
    "last",
    "fromLine",
    "pollMs",
    "timeoutMs",
  ]);
  const last = checked.last === 0 || checked.last === undefined ? 0 : checkTail(checked.last, operation, 0);
  const fromLine = checked.fromLine;
  if (fromLine !== undefined && (!Number.isSafeInteger(fromLine) || fromLine < 0 || last > 0)) {
    throw new InvalidArgumentError(
      `${operation}: fromLine must be a whole number >= 0, and not given with last`,
      {
        operation,
      },
    );
  }
  const pollMs = checkCount(checked.pollMs, "pollMs", operation, 5000);
  const timeoutMs =
    checked.timeoutMs === undefined ? undefined : checkCount(checked.timeoutMs, "timeoutMs", operation, 1);
  const signal = checked.signal;
  return {
    async *[Symbol.asyncIterator]() {
      const started = Date.now();
      let polls = 1;
      const first = await readLogTail(context.transport, run, run.path, Math.max(1, last), signal);
      let next = fromLine ?? first.lineCount;
      if (fromLine !== undefined) {
        const read = await readLogSince(context.transport, run, run.path, fromLine, followBatch, signal);
        yield* read.lines;
        next = Math.max(next, (read.lines.at(-1)?.number ?? -1) + 1);
      } else if (last > 0) {
        yield* first.lines;
        next = Math.max(next, (first.lines.at(-1)?.number ?? -1) + 1);
      }
      let ended = first.state !== null && terminalStates.has(first.state);
      for (;;) {
        if (!ended) {
          if (timeoutMs !== undefined && Date.now() - started + pollMs > timeoutMs) {
            throw new WandbTimeoutError(
              `followRunLogs: run ${run.path} did not end within timeoutMs ${timeoutMs} ms (${polls} polls)`,
              polls,
              Date.now() - started,
              { operation, runPath: run.path },
            );
          }
          await sleep(pollMs, signal);
        }
        polls++;
        const read = await readLogSince(context.transport, run, run.path, next, followBatch, signal);
        yield* read.lines;
        const lastLine = read.lines.at(-1);
        if (lastLine) next = lastLine.number + 1;
        // Lines written after the run ended are read once more before stopping.
        if (ended && next >= read.lineCount) return;
        ended = read.state !== null && terminalStates.has(read.state);
        if (ended && next >= read.lineCount) return;
      }
    },
  };
}

function checkTail(value: number | undefined, operation: string, fallback: number): number {
  const last = checkCount(value, "last", operation, fallback);
  if (last > maxTailLines) {
    throw new InvalidArgumentError(
      `${operation}: last must be at most ${maxTailLines} (W&B returns no more in one tail); use scanRunLogs for every line`,
      { operation },
    );
  }
  return last;
}
