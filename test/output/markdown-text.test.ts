// Defect 10 (issue #19): data in GitHub-flavoured Markdown shows as text, never as markup.
import { describe, expect, it } from "vitest";
import { markdownCode, markdownRow, markdownText } from "../../src/output/markdown-text.js";

describe("markdownText", () => {
  it("leaves plain words and numbers readable", () => {
    expect(markdownText("accuracy is 0.95")).toBe("accuracy is 0.95");
    expect(markdownText("")).toBe("");
  });

  it("defect 10: no line break of any kind survives, so no row or heading can be added", () => {
    for (const text of ["a\rb", "a\nb", "a\r\nb", "a\u2028b", "a\u0085b"]) {
      expect(markdownText(text)).not.toMatch(/[\r\n\u2028\u0085]/);
    }
    expect(markdownText("ok\r### all checks passed")).toBe("ok\\r\\#\\#\\# all checks passed");
  });

  it("defect 10: |, < and > are character references, so no cell, tag or autolink opens", () => {
    expect(markdownText("a|b")).toBe("a&#124;b");
    expect(markdownText('<img src="http://e/x.png">')).toBe('&lt;img src="http\\://e/x.png"&gt;');
    expect(markdownText("<http://e>")).toBe("&lt;http\\://e&gt;");
    expect(markdownText("&#124;")).toBe("&amp;\\#124;");
  });

  it("defect 10: links, images and bare URLs are text", () => {
    expect(markdownText("[x](http://e)")).toBe("\\[x\\]\\(http\\://e\\)");
    expect(markdownText("![x](http://e/p.png)")).toBe("\\!\\[x\\]\\(http\\://e/p.png\\)");
    expect(markdownText("see https://evil.example/a")).toBe("see https\\://evil.example/a");
    expect(markdownText("www.evil.example")).toBe("www\\.evil.example");
    expect(markdownText("mail ops@evil.example")).toBe("mail ops\\@evil.example");
  });

  it("escapes a backslash, so data cannot un-escape what follows it", () => {
    expect(markdownText("a\\|b")).toBe("a\\\\&#124;b");
    expect(markdownText("`code` *em* _em_ ~s~")).toBe("\\`code\\` \\*em\\* \\_em\\_ \\~s\\~");
  });
});

describe("markdownCode and markdownRow", () => {
  it("wraps escaped text in <code>, nothing for empty text", () => {
    expect(markdownCode("a|<b>")).toBe("<code>a&#124;&lt;b&gt;</code>");
    expect(markdownCode("")).toBe("");
  });

  it("joins cells into one table row", () => {
    expect(markdownRow(["a", markdownText("b|c")])).toBe("| a | b&#124;c |");
  });
});
