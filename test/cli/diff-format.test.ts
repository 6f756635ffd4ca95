// How `diff` shows differences, and how paths and durations read on the command line.
import { describe, expect, it } from "vitest";
import { diffJson, diffMarkdown, diffTable } from "../../src/cli/diff-format.js";
import { positiveSeconds } from "../../src/cli/flag-values.js";
import { formatKeyPath } from "../../src/cli/key-path.js";
import type { RunDiff } from "../../src/index.js";

const diff: RunDiff = {
  config: [
    { path: ["optimizer", "lr"], kind: "changed", a: 0.001, b: 0.0003 },
    { path: ["note"], kind: "changed", a: "", b: null },
  ],
  summary: [
    { path: ["loss"], kind: "changed", a: 0.5, b: Number.NaN },
    { path: ["eval.f1"], kind: "added", b: { macro: 0.8 } },
    { path: ["a|b"], kind: "removed", a: "x|y" },
  ],
};

describe("formatKeyPath", () => {
  it.each([
    [["lr"], "lr"],
    [["optimizer", "lr"], "optimizer.lr"],
    [["train/loss"], "train/loss"],
    [["eval.f1"], '["eval.f1"]'],
    [["eval", "f1.macro"], '["eval","f1.macro"]'],
    [[""], '[""]'],
  ])("%j reads %s", (path, label) => {
    expect(formatKeyPath(path)).toBe(label);
  });
});

describe("diff formats", () => {
  it("tables each difference; an empty string and null read apart from absent", () => {
    expect(diffTable(diff, "a/p/1", "a/p/2").lines).toEqual([
      "section  key           change   a/p/1  a/p/2",
      "config   optimizer.lr  changed  0.001  0.0003",
      'config   note          changed  ""     null',
      "summary  loss          changed  0.5    NaN",
      'summary  ["eval.f1"]   added           {"macro":0.8}',
      "summary  a|b           removed  x|y",
    ]);
    expect(diffTable({ config: [], summary: [] }, "a/p/1", "a/p/2").lines).toEqual([
      "no differences between a/p/1 and a/p/2",
    ]);
  });

  it("writes Markdown with pipes written as references, values in <code>", () => {
    const markdown = diffMarkdown(diff, "a/p/1", "a/p/2");
    expect(markdown.split("\n")[0]).toBe(
      "### wandb-query diff <code>a/p/1</code> → <code>a/p/2</code>: 5 differences",
    );
    expect(markdown).toContain("| summary | <code>a&#124;b</code> | removed | <code>x&#124;y</code> |  |");
    expect(diffMarkdown({ config: [], summary: [] }, "x", "y")).toBe(
      "### wandb-query diff <code>x</code> → <code>y</code>: no differences\n\n",
    );
  });

  it("leaves out the section column, then the change, when the width runs out", () => {
    const { lines, hidden } = diffTable(diff, "a/p/1", "a/p/2", 45);
    expect(hidden).toEqual(["section"]);
    expect(lines[0]).toBe("key           change   a/p/1  a/p/2");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(45);
    const narrower = diffTable(diff, "a/p/1", "a/p/2", 40);
    expect(narrower.hidden).toEqual(["section", "change"]);
    expect(narrower.lines[1]).toBe("optimizer.lr  0.001  0.0003");
  });

  it("writes JSON that keeps NaN apart from null", () => {
    expect(JSON.parse(diffJson(diff, "a/p/1", "a/p/2")).summary[0]).toEqual({
      path: ["loss"],
      kind: "changed",
      a: 0.5,
      b: "NaN",
    });
  });
});

describe("positiveSeconds", () => {
  it.each([
    ["30", 30],
    ["2.5", 2.5],
    ["90s", 90],
    ["2h", 7200],
    ["0.5s", 0.5],
  ])("%s is %s seconds", (text, seconds) => {
    expect(positiveSeconds(text, "--timeout")).toBe(seconds);
  });

  it.each(["0", "soon", "-1", "2x", ""])("refuses %j", (text) => {
    expect(() => positiveSeconds(text, "--timeout")).toThrow(/bad --timeout/);
  });
});
