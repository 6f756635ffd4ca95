/**
 * What `check` and `diff` append to `$GITHUB_STEP_SUMMARY`, which GitHub shows on the run's page:
 * Markdown blocks, every piece of data in them escaped ({@link markdownText}), and the whole held to
 * GitHub's limit. A block is a head that stands or falls whole (a heading and a table's header, or
 * a chart) and rows that may be left out from the end; whatever is left out is said in a closing
 * line, so a cut summary never reads as a complete one.
 */
import { appendFileSync, statSync } from "node:fs";
import { markdownCode, markdownRow, markdownText } from "../output/markdown-text.js";
import type { CheckResult } from "./checks.js";

/** GitHub accepts at most 1 MiB of summary per step; past it the step's summary is not shown at all. */
export const stepSummaryMaxBytes = 1024 * 1024;

/** One part of a summary. */
export interface SummaryBlock {
  /** Markdown lines written whole or not at all: a heading, a table's header, a Mermaid block. */
  head: readonly string[];
  /** Markdown lines that may be cut from the end when the summary is full: a table's rows. */
  rows?: Iterable<string>;
}

/** What {@link appendStepSummary} wrote. */
export interface SummaryWritten {
  /** Bytes appended, the closing line included. */
  bytes: number;
  /** Lines left out to keep the file within the limit (0: nothing was cut). */
  linesLeftOut: number;
}

/** The closing line of a cut summary; `left` lines did not fit. */
export function cutNotice(left: number): string {
  return `_wandb-query: summary cut to fit GitHub's 1 MiB limit; ${left} more line${left === 1 ? "" : "s"} left out (the command's output has them all)._`;
}
// Room kept for the closing line: its text with the largest count a summary could leave out.
const noticeBytes = Buffer.byteLength(`${cutNotice(Number.MAX_SAFE_INTEGER)}\n\n`);

/** Blocks as Markdown text, uncut: what `diff --format md` prints. */
export function summaryText(blocks: readonly SummaryBlock[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    for (const line of block.head) parts.push(`${line}\n`);
    for (const line of block.rows ?? []) parts.push(`${line}\n`);
    parts.push("\n");
  }
  return parts.join("");
}

/**
 * Markdown for `blocks`, at most `maxBytes` (UTF-8) of it: whole blocks while they fit, then the
 * rows of the block that reached the limit as far as they fit, then {@link cutNotice}. Rows past the
 * limit are counted, never built into one string.
 */
export function capSummary(
  blocks: readonly SummaryBlock[],
  maxBytes: number,
): { text: string; linesLeftOut: number } {
  const parts: string[] = [];
  let bytes = 0;
  let left = 0;
  const budget = maxBytes - noticeBytes;
  const add = (line: string): boolean => {
    const size = Buffer.byteLength(line) + 1;
    if (left > 0 || bytes + size > budget) return false;
    parts.push(`${line}\n`);
    bytes += size;
    return true;
  };
  for (const block of blocks) {
    const headBytes = block.head.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    if (left > 0 || bytes + headBytes > budget) {
      left += block.head.length;
      for (const _ of block.rows ?? []) left++;
      continue;
    }
    for (const line of block.head) add(line);
    for (const line of block.rows ?? []) if (!add(line)) left++;
    if (left === 0) add("");
  }
  if (left > 0) {
    if (maxBytes < noticeBytes) return { text: "", linesLeftOut: left };
    parts.push(`${cutNotice(left)}\n\n`);
  }
  return { text: parts.join(""), linesLeftOut: left };
}

/**
 * Appends `blocks` to the file `GITHUB_STEP_SUMMARY` names, capped so the file stays within
 * {@link stepSummaryMaxBytes} (what an earlier step of the same job wrote counts). Does nothing
 * and returns undefined when the variable names no file.
 */
export function appendStepSummary(
  env: Record<string, string | undefined>,
  blocks: readonly SummaryBlock[],
  maxBytes = stepSummaryMaxBytes,
): SummaryWritten | undefined {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return undefined;
  const { text, linesLeftOut } = capSummary(blocks, Math.max(0, maxBytes - existingBytes(path)));
  if (text !== "") appendFileSync(path, text);
  return { bytes: Buffer.byteLength(text), linesLeftOut };
}

function existingBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // Not there yet: appending creates it.
    return 0;
  }
}

const passFail = (ok: boolean) => (ok ? "✔ pass" : "✘ fail");

/** A heading naming the run and the verdict, then a table of the checks (check, result, detail). */
export function checksBlock(runPath: string, results: readonly CheckResult[]): SummaryBlock {
  const ok = results.every((result) => result.ok);
  return {
    head: [
      `### wandb-query check ${markdownCode(runPath)}: ${ok ? "passed" : "failed"}`,
      "",
      "| check | result | detail |",
      "| --- | --- | --- |",
    ],
    rows: results.map((result) =>
      markdownRow([markdownText(result.check), passFail(result.ok), markdownText(result.detail)]),
    ),
  };
}

/** Why `check` decided nothing (an API error), so the summary does not silently lack the run. */
export function errorBlock(runPath: string, message: string): SummaryBlock {
  return { head: [`### wandb-query check ${markdownCode(runPath)}: error`, "", markdownText(message)] };
}

/** {@link checksBlock} as text, uncut. */
export function checksMarkdown(runPath: string, results: readonly CheckResult[]): string {
  return summaryText([checksBlock(runPath, results)]);
}
