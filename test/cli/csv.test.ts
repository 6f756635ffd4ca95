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
