// Defect 9 (issue #19): control characters from a server reach the terminal only as visible text.
import { describe, expect, it } from "vitest";
import { terminalText, terminalTextKeepingTabs, visibleControl } from "../../src/output/terminal-text.js";

describe("terminalText", () => {
  it("leaves ordinary text alone, backslashes and Unicode included", () => {
    for (const text of ["brisk-sun-42", "C:\\runs\\a", "✔ ünïcode 日本", ""])
      expect(terminalText(text)).toBe(text);
  });

  it("defect 9: writes ESC, OSC 8 links, BEL and CR out visibly", () => {
    expect(terminalText("\u001b]0;pwned\u0007")).toBe("\\x1b]0;pwned\\x07");
    expect(terminalText("\u001b[2J")).toBe("\\x1b[2J");
    expect(terminalText("\u001b]8;;http://e\u001b\\click\u001b]8;;\u001b\\")).toBe(
      "\\x1b]8;;http://e\\x1b\\click\\x1b]8;;\\x1b\\",
    );
    expect(terminalText("✘ fail\r✔ pass")).toBe("✘ fail\\r✔ pass");
    expect(terminalText("a\nb\tc\u0000\u007f")).toBe("a\\nb\\tc\\x00\\x7f");
  });

  it("defect 9: writes C1 controls, line separators and bidi overrides out visibly", () => {
    expect(terminalText("\u009b2J")).toBe("\\x9b2J");
    expect(terminalText("a\u2028b\u202egnp.exe\u2066")).toBe("a\\u2028b\\u202egnp.exe\\u2066");
  });

  it("is safe to call twice on the same regular expression (no lastIndex carried over)", () => {
    expect(terminalText("x\u001b")).toBe("x\\x1b");
    expect(terminalText("\u001by")).toBe("\\x1by");
    expect(visibleControl("\u0085")).toBe("\\x85");
  });
});

describe("terminalTextKeepingTabs", () => {
  it("keeps tabs for console logs and still shows every other control character", () => {
    expect(terminalTextKeepingTabs("epoch\t1\x1b[2J\r")).toBe("epoch\t1\\x1b[2J\\r");
    expect(terminalText("a\tb")).toBe("a\\tb");
    expect(terminalText("\u200fabc\u061c")).toBe("\\u200fabc\\u061c");
  });
});
