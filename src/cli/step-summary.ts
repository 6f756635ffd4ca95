/** The Markdown `check` appends to `$GITHUB_STEP_SUMMARY`, which GitHub shows on the run's page. */
import { appendFileSync } from "node:fs";
import type { CheckResult } from "./checks.js";

/** Text made safe for one cell of a Markdown table: one line, pipes escaped. */
export function markdownCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
}

/** A heading naming the run and the verdict, then a table of the checks (check, result, detail). */
export function checksMarkdown(runPath: string, results: readonly CheckResult[]): string {
  const ok = results.every((result) => result.ok);
  const lines = [
    `### wandb-query check \`${runPath}\`: ${ok ? "passed" : "failed"}`,
    "",
    "| check | result | detail |",
    "| --- | --- | --- |",
    ...results.map(
      (result) =>
        `| ${markdownCell(result.check)} | ${result.ok ? "✔ pass" : "✘ fail"} | ${markdownCell(result.detail)} |`,
    ),
  ];
  return `${lines.join("\n")}\n\n`;
}

/** Why `check` decided nothing (an API error), so the summary does not silently lack the run. */
export function errorMarkdown(runPath: string, message: string): string {
  return `### wandb-query check \`${runPath}\`: error\n\n${markdownCell(message)}\n\n`;
}

/** Appends to the file `GITHUB_STEP_SUMMARY` names; does nothing when it names none. */
export function appendStepSummary(env: Record<string, string | undefined>, markdown: string): void {
  const path = env.GITHUB_STEP_SUMMARY;
  if (path) appendFileSync(path, markdown);
}
