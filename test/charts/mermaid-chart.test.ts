// Mermaid blocks proven by Mermaid's own parser (under jsdom), including for hostile titles and
// names: nothing from data may end the label, the block, or open a directive.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChartSeries, mermaidText, mermaidXyChart } from "../../src/index.js";
import { mermaidBlocks, parseMermaid } from "../helpers/mermaid.js";

const line = (name: string, y: number[], x = y.map((_, i) => i * 10)): ChartSeries => ({ name, x, y });

async function expectParses(markdown: string): Promise<string> {
  const blocks = mermaidBlocks(markdown);
  expect(blocks).toHaveLength(1);
  const block = blocks[0] as string;
  await expect(parseMermaid(block)).resolves.toMatchObject({ diagramType: "xychart" });
  return block;
}

describe("mermaidXyChart", () => {
  it("draws each series as a line on one x axis, and names the colours under the chart", async () => {
    const markdown = mermaidXyChart([line("baseline", [3, 2, 1]), line("candidate", [3.5, 1.5, 0.5])], {
      title: "loss",
    });
    const block = await expectParses(markdown);
    expect(block).toContain('title "loss"');
    expect(block).toContain('x-axis "step" 0 --> 20');
    expect(block.match(/^ {4}line \[/gm)).toHaveLength(2);
    expect(markdown).toContain("Lines: blue: baseline; orange: candidate");
  });

  it("samples at most maxPoints shared positions, and a shorter run's line stops where it ends", async () => {
    const long = line(
      "a",
      Array.from({ length: 5000 }, (_, i) => 1 / (i + 1)),
    );
    const short = line(
      "b",
      Array.from({ length: 1000 }, (_, i) => 2 / (i + 1)),
    );
    const block = await expectParses(mermaidXyChart([long, short], { title: "loss" }));
    const [a, b] = [...block.matchAll(/line \[([^\]]*)\]/g)].map((m) => (m[1] as string).split(", "));
    expect(a).toHaveLength(100);
    expect(b?.length).toBeGreaterThan(15);
    expect(b?.length).toBeLessThan(25);
  });

  it("writes numbers Mermaid reads: no exponents, however large or small", async () => {
    const block = await expectParses(
      mermaidXyChart([line("x", [1e300, -2.5e-300, 1e-7, -1234567890123, 0])], { title: "extremes" }),
    );
    expect(block).not.toMatch(/\de[+-]?\d/i);
  });

  it("leaves NaN and ±Infinity out, and names a series with no finite value without drawing it", async () => {
    const markdown = mermaidXyChart(
      [line("a", [1, Number.NaN, 3, Number.POSITIVE_INFINITY]), line("empty", [Number.NaN])],
      { title: "t" },
    );
    const block = await expectParses(markdown);
    expect(block.match(/line \[/g)).toHaveLength(1);
    expect(block).not.toMatch(/NaN|Infinity/);
    expect(markdown).toContain("empty (no finite values)");
  });

  it("is still a chart with nothing to draw", async () => {
    await expectParses(mermaidXyChart([], { title: "empty" }));
  });

  it("neutralises Mermaid syntax in titles, axis names and series names", async () => {
    const hostile = 'loss"\n%%{init: {"theme":"dark"}}%%\nline [9] #quot; <img src=x> ```';
    const markdown = mermaidXyChart([line(hostile, [1, 2])], {
      title: hostile,
      xLabel: hostile,
      yLabel: hostile,
    });
    const block = await expectParses(markdown);
    expect(block.split("\n").filter((l) => l.includes("%%"))).toHaveLength(1);
    expect(block).not.toMatch(/<img|#quot;|```/);
    expect(block.split("\n")).toHaveLength(6 + 1);
    // The legend is Markdown: no raw HTML, no line break, no code fence from the name.
    const legend = markdown.split("\n").find((l) => l.startsWith("Lines:")) as string;
    expect(legend).not.toMatch(/(^|[^\\])[<>`]/);
  });

  it("keeps any title and any series name inside its label (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.string({ maxLength: 20 }),
        async (title, name) => {
          const block = mermaidBlocks(mermaidXyChart([line(name, [1, 2, 3])], { title }))[0] as string;
          await parseMermaid(block);
          expect(block.split("\n")).toHaveLength(6);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("mermaidText", () => {
  it("keeps words, digits and common key punctuation; drops the rest; caps the length", () => {
    expect(mermaidText("train/loss (ema), step=1.5")).toBe("train/loss (ema), step=1.5");
    expect(mermaidText('a"b%%c#35;d[e]{f}`g<h>')).toBe("a b c 35 d e f g h");
    expect(mermaidText("x".repeat(300))).toHaveLength(100);
  });
});
