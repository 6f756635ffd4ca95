import { describe, expect, it } from "vitest";
import { fitColumns, formatTable, truncate } from "../../src/cli/table.js";

describe("truncate", () => {
  it("cuts with an ellipsis only when needed, counting code points", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abcdef", 1)).toBe("…");
    expect(truncate("abcdef", 0)).toBe("");
    expect(truncate("✔✔✔", 3)).toBe("✔✔✔");
  });
});

describe("fitColumns", () => {
  it("keeps natural widths when they fit or there is no limit", () => {
    expect(fitColumns([4, 10, 3], undefined)).toEqual([4, 10, 3]);
    expect(fitColumns([4, 10, 3], 21)).toEqual([4, 10, 3]);
  });

  it("shrinks the widest column first, never below four characters", () => {
    expect(fitColumns([4, 10, 3], 17)).toEqual([4, 6, 3]);
    expect(fitColumns([8, 10, 3], 17)).toEqual([5, 5, 3]);
    expect(fitColumns([10, 10], 4)).toEqual([4, 4]);
  });
});

describe("formatTable", () => {
  it("aligns columns two spaces apart without trailing spaces", () => {
    const lines = formatTable(
      ["id", "state", "acc"],
      [
        ["1mbku38n", "finished", "0.953"],
        ["x", "crashed", ""],
      ],
    );
    expect(lines).toEqual(["id        state     acc", "1mbku38n  finished  0.953", "x         crashed"]);
  });

  it("fits the width, cutting the widest cells with …", () => {
    const lines = formatTable(
      ["id", "name"],
      [
        ["1mbku38n", "a-very-long-display-name-indeed"],
        ["x", "short"],
      ],
      20,
    );
    expect(lines).toEqual(["id        name", "1mbku38n  a-very-lo…", "x         short"]);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(20);
  });

  it("keeps each row on one line, control characters made visible", () => {
    expect(formatTable(["a"], [["one\ntwo\tthree"]])).toEqual(["a", "one\\ntwo\\tthree"]);
    expect(formatTable(["a"], [["\u001b]0;pwned\u0007\r✔"]])).toEqual(["a", "\\x1b]0;pwned\\x07\\r✔"]);
  });
});
