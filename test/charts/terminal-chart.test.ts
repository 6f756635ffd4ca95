// The terminal charts as text: a known series gives a known chart, every line fits the width, and
// nothing from data reaches the terminal raw.
import { describe, expect, it } from "vitest";
import { type HistoryRow, historyChart, seriesChart, sparkline } from "../../src/index.js";

const rows = (values: number[], key = "loss"): HistoryRow[] =>
  values.map((value, i) => ({ _step: i, [key]: value }));
const esc = "\x1b";

describe("historyChart", () => {
  it("draws a known series as a known ASCII chart", () => {
    const chart = historyChart(rows([0, 1, 2, 3]), { keys: ["loss"], width: 24, height: 4 });
    expect(chart).toBe(
      [
        "* loss  min 0  max 3  last 3",
        "3 |                 ****",
        "  |          *******",
        "  |    ******",
        "0 |****",
        "  +---------------------",
        "   0       _step       3",
        "",
      ].join("\n"),
    );
  });

  it("fits every line to the width asked, labels included", () => {
    const values = Array.from({ length: 500 }, (_, i) => Math.sin(i / 20) * 1234.5678);
    for (const width of [24, 40, 80, 133]) {
      const chart = historyChart(rows(values), { keys: ["loss"], width, height: 8 });
      for (const line of chart.trimEnd().split("\n").slice(1)) expect(line.length).toBeLessThanOrEqual(width);
      expect(chart.split("\n")).toHaveLength(1 + 8 + 2 + 1);
    }
  });

  it("draws braille and box characters on a terminal, colours only when asked", () => {
    const values = [3, 1, 2, 0.5];
    const plain = historyChart(rows(values), { keys: ["loss"], width: 30, height: 3, style: "braille" });
    const plot = plain.split("\n").slice(1, 4).join("");
    expect(plot).toMatch(/[\u2801-\u28ff]/);
    expect(plot).not.toMatch(/[*o]/);
    expect(plain).toContain("┤");
    expect(plain).not.toContain(esc);
    const coloured = historyChart(rows(values), {
      keys: ["loss"],
      width: 30,
      height: 3,
      style: "braille",
      color: true,
    });
    expect(coloured).toContain(`${esc}[36m`);
    expect(coloured).toContain(`${esc}[0m`);
  });

  it("gives each key its own mark and a legend with min, max and last", () => {
    const history: HistoryRow[] = [
      { _step: 0, loss: 2, acc: 0.1 },
      { _step: 10, loss: 1, acc: 0.5 },
      { _step: 20, loss: 0.5, acc: Number.NaN },
    ];
    const chart = historyChart(history, { keys: ["loss", "acc"], width: 40, height: 5 });
    expect(chart.split("\n").slice(0, 2)).toEqual([
      "* loss  min 0.5  max 2  last 0.5",
      "o acc  min 0.1  max 0.5  last NaN",
    ]);
    expect(chart).toMatch(/o/);
  });

  it("breaks the line at NaN and leaves ±Infinity undrawn, without stretching the axis", () => {
    const chart = historyChart(rows([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3]), {
      keys: ["loss"],
      width: 30,
      height: 3,
    });
    expect(chart).toContain("min 1  max 3");
    expect(chart).not.toContain("Infinity |");
  });

  it("says there is nothing to draw for an empty history, or keys without numbers", () => {
    expect(historyChart([], { keys: ["loss"] })).toBe(
      "* loss  no values to draw\n(nothing to draw: no numeric values)\n",
    );
    const words: HistoryRow[] = [{ _step: 0, note: "warmup" }];
    expect(historyChart(words, { keys: ["note"] })).toContain("nothing to draw");
  });

  it("prints hostile keys with their control characters visible", () => {
    const key = `loss${esc}]0;pwned\x07${esc}[2J\r✔ ok\u009b`;
    const chart = historyChart(rows([1, 2], key), {
      keys: [key],
      width: 40,
      height: 3,
      xLabel: `x${esc}[31m`,
    });
    expect([...chart].filter((c) => c !== "\n" && (c < " " || (c >= "\u007f" && c <= "\u009f")))).toEqual([]);
    expect(chart).toContain("loss\\x1b]0;pwned\\x07\\x1b[2J\\x0d✔ ok\\x9b");
  });

  it("plots against another key with `x`", () => {
    const history: HistoryRow[] = [
      { _step: 0, _runtime: 30, loss: 1 },
      { _step: 1, _runtime: 10, loss: 3 },
      { _step: 2, _runtime: 20, loss: 2 },
    ];
    const chart = historyChart(history, { keys: ["loss"], x: "_runtime", width: 24, height: 3 });
    expect(chart.trimEnd().split("\n").at(-1)).toMatch(/^\s+10\s+_runtime\s+30$/);
  });

  it("draws 300,000 points without building an array per point", () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i % 997);
    const chart = historyChart(rows(big), { keys: ["loss"], width: 80, height: 10, style: "braille" });
    expect(chart).toContain("max 996");
  });
});

describe("seriesChart", () => {
  it("draws lines of different x ranges on one axis", () => {
    const chart = seriesChart(
      [
        { name: "a", x: [0, 100], y: [1, 0] },
        { name: "b", x: [0, 50], y: [0, 1] },
      ],
      { width: 30, height: 4 },
    );
    expect(chart.trimEnd().split("\n").at(-1)).toMatch(/^\s+0\s+_step\s+100$/);
  });
});

describe("sparkline", () => {
  it("maps the lowest value to ▁ and the highest to █", () => {
    expect(sparkline([1, 0.8, 0.5, 0.4, 0.35])).toBe("█▆▃▂▁");
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([7, 6, 5, 4, 3, 2, 1, 0])).toBe("█▇▆▅▄▃▂▁");
  });

  it("averages into at most `width` characters", () => {
    expect(
      sparkline(
        Array.from({ length: 1000 }, (_, i) => i),
        10,
      ),
    ).toHaveLength(10);
  });

  it("shows a flat line in the middle, a gap for a slice without finite values, and nothing for none", () => {
    expect(sparkline([2, 2, 2])).toBe("▄▄▄");
    expect(sparkline([1, Number.NaN, 3])).toBe("▁ █");
    expect(sparkline([])).toBe("");
  });
});
