import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "../../src/cli/csv.js";

describe("CSV (RFC 4180)", () => {
  it("leaves plain fields alone", () => {
    expect(csvField("brisk-sun-42")).toBe("brisk-sun-42");
    expect(csvField("")).toBe("");
    expect(csvField("a b;c'd")).toBe("a b;c'd");
  });

  it("quotes fields with commas, quotes, CR or LF, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField('"')).toBe('""""');
  });

  it("ends each record with CRLF", () => {
    expect(csvRecord(["id", "name, full", ""])).toBe('id,"name, full",\r\n');
  });
});

describe("CSV and spreadsheets (OWASP CSV injection, issue #19 defect 15)", () => {
  it.each([
    ['=HYPERLINK("http://e","x")', '"\'=HYPERLINK(""http://e"",""x"")"'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
  ])("a text cell %j is written so a spreadsheet shows it as text", (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it("leaves text cells that start otherwise alone, and cells written from numbers", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("-0.5", true)).toBe("-0.5");
    expect(csvField("-Infinity", true)).toBe("-Infinity");
    expect(csvField("-0.5")).toBe("'-0.5");
    expect(csvRecord(["-1", "-1"], [true, false])).toBe("-1,'-1\r\n");
  });

  it("writes control characters other than tab, CR and LF out visibly", () => {
    expect(csvField("a\u001b[2Jb")).toBe("a\\x1b[2Jb");
    expect(csvField("x\u009by")).toBe("x\\x9by");
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});
