// Defect 10 (issue #19): the step summary holds escaped data and stays within GitHub's 1 MiB.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  appendStepSummary,
  capSummary,
  cutNotice,
  type SummaryBlock,
  stepSummaryMaxBytes,
  summaryText,
} from "../../src/cli/step-summary.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const tempDir = useTempDirs("step-summary");

function table(rows: number, cell = "x"): SummaryBlock {
  return {
    head: ["### t", "", "| a |", "| --- |"],
    rows: Array.from({ length: rows }, (_, i) => `| ${cell}${i} |`),
  };
}

describe("capSummary", () => {
  it("writes everything, each block followed by a blank line, when it fits", () => {
    const { text, linesLeftOut } = capSummary([table(2), { head: ["chart"] }], 10_000);
    expect(text).toBe("### t\n\n| a |\n| --- |\n| x0 |\n| x1 |\n\nchart\n\n");
    expect(linesLeftOut).toBe(0);
    expect(text).toBe(summaryText([table(2), { head: ["chart"] }]));
  });

  it("defect 10: cuts rows at the limit and says how many lines were left out", () => {
    const { text, linesLeftOut } = capSummary([table(100_000), { head: ["chart", "lines"] }], 4096);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    const lines = text.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(cutNotice(linesLeftOut));
    const rowsShown = lines.filter((line) => /^\| x\d+ \|$/.test(line)).length;
    expect(rowsShown).toBeGreaterThan(100);
    // Every row not shown, and the whole second block, are counted.
    expect(linesLeftOut).toBe(100_000 - rowsShown + 2);
    expect(text).not.toContain("chart");
  });

  it("writes a block's head whole or not at all", () => {
    const big = { head: ["```mermaid", "y".repeat(3000), "```"] };
    const { text } = capSummary([table(1), big], 2000);
    expect(text).not.toContain("mermaid");
    expect(text).toContain(cutNotice(3));
  });

  it("counts bytes, not characters", () => {
    const { text } = capSummary([table(10_000, "✔✔✔✔")], 3000);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(3000);
  });
});

describe("appendStepSummary", () => {
  it("does nothing without GITHUB_STEP_SUMMARY", () => {
    expect(appendStepSummary({}, [table(1)])).toBeUndefined();
  });

  it("defect 10: keeps the whole file within 1 MiB, counting what was already in it", () => {
    const path = join(tempDir(), "summary.md");
    writeFileSync(path, "e".repeat(stepSummaryMaxBytes - 10_000));
    const written = appendStepSummary({ GITHUB_STEP_SUMMARY: path }, [table(200_000, "value-")]);
    const size = readFileSync(path).length;
    expect(size).toBeLessThanOrEqual(stepSummaryMaxBytes);
    expect(size).toBeGreaterThan(stepSummaryMaxBytes - 1000);
    expect(written?.linesLeftOut).toBeGreaterThan(199_000);
    expect(
      readFileSync(path, "utf8")
        .trimEnd()
        .endsWith(cutNotice(written?.linesLeftOut ?? 0)),
    ).toBe(true);
  });

  it("appends to what is there", () => {
    const path = join(tempDir(), "summary.md");
    appendStepSummary({ GITHUB_STEP_SUMMARY: path }, [{ head: ["one"] }]);
    appendStepSummary({ GITHUB_STEP_SUMMARY: path }, [{ head: ["two"] }]);
    expect(readFileSync(path, "utf8")).toBe("one\n\ntwo\n\n");
  });
});
