import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  hasBareToken,
  parseExtendedJson,
  parseTolerantJson,
  replaceSpecialStrings,
} from "../../src/wire/json.js";

describe("parseTolerantJson: W&B's extended JSON", () => {
  it("reads bare NaN, Infinity and -Infinity tokens as numbers", () => {
    const value = parseTolerantJson('{"a": NaN, "b": Infinity, "c": -Infinity, "d": [NaN, 1, -Infinity]}');
    expect(value).toEqual({
      a: Number.NaN,
      b: Number.POSITIVE_INFINITY,
      c: Number.NEGATIVE_INFINITY,
      d: [Number.NaN, 1, Number.NEGATIVE_INFINITY],
    });
    expect(Number.isNaN((value as { a: number }).a)).toBe(true);
  });

  it("reads the tokens at the top level and nested deep", () => {
    expect(parseTolerantJson("NaN")).toBeNaN();
    expect(parseTolerantJson(" -Infinity ")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseTolerantJson('{"x": {"y": [{"z": Infinity}]}}')).toEqual({
      x: { y: [{ z: Number.POSITIVE_INFINITY }] },
    });
  });

  it("leaves the string forms as strings unless asked (config keeps them)", () => {
    const text = '{"a": "NaN", "b": "Infinity", "c": "-Infinity", "d": "nan"}';
    expect(parseTolerantJson(text)).toEqual({ a: "NaN", b: "Infinity", c: "-Infinity", d: "nan" });
  });

  it("turns the string forms into numbers with specialStrings (summaries, history rows)", () => {
    const text = '{"a": "NaN", "b": "Infinity", "c": ["-Infinity", "text"], "NaN": "keys stay", "d": "nan"}';
    expect(parseTolerantJson(text, { specialStrings: true })).toEqual({
      a: Number.NaN,
      b: Number.POSITIVE_INFINITY,
      c: [Number.NEGATIVE_INFINITY, "text"],
      NaN: "keys stay",
      d: "nan",
    });
  });

  it("converts string forms and bare tokens in one document", () => {
    expect(parseTolerantJson('{"a": NaN, "b": "Infinity"}', { specialStrings: true })).toEqual({
      a: Number.NaN,
      b: Number.POSITIVE_INFINITY,
    });
  });

  it("tolerates raw control characters inside strings", () => {
    const text = `{"note": "line one\nline two\ttabbed\u0001", "k": NaN}`;
    expect(parseTolerantJson(text)).toEqual({ note: "line one\nline two\ttabbed\u0001", k: Number.NaN });
    expect(parseTolerantJson(`["a\rb"]`)).toEqual(["a\rb"]);
  });

  it("reads escapes exactly as JSON does", () => {
    const text = String.raw`{"s": "q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00", "n": NaN}`;
    expect(parseTolerantJson(text)).toEqual({ s: 'q"b\\s/n\nt\tu\u00e9\u{1F600}', n: Number.NaN });
  });

  it("keeps __proto__ as an own key, as JSON.parse does", () => {
    const value = parseTolerantJson('{"__proto__": {"polluted": 1}, "x": NaN}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects what is not JSON even with the extensions, naming the offset", () => {
    for (const bad of [
      "",
      "{",
      '{"a": nan}',
      '{"a": Inf}',
      '{"a": 1,}',
      "[1 2]",
      '{"a" 1}',
      "01",
      "1.",
      "-",
      '"\\x"',
      "NaN NaN",
      "+1",
      '{"a": NaN',
    ]) {
      expect(() => parseTolerantJson(bad), bad).toThrow(SyntaxError);
    }
    expect(() => parseTolerantJson('{"a": NaN, "b": ]}')).toThrow(/offset 16 /);
  });

  it("parses numbers exactly as JSON.parse does, fast path and fallback alike", () => {
    const numbers = [
      "0",
      "-0",
      "1e400",
      "-1e400",
      "5e-324",
      "0.1",
      "123456789012345678901234567890",
      "1.7976931348623157e308",
      "4.35",
      "0.30000000000000004",
      "9007199254740993",
      "-12.50",
      "1E+2",
    ];
    for (const n of numbers) {
      expect(Object.is(parseExtendedJson(n), JSON.parse(n)), n).toBe(true);
      const [first] = parseTolerantJson(`[${n}, NaN]`) as number[];
      expect(Object.is(first, JSON.parse(n)), n).toBe(true);
    }
  });
});

describe("parseTolerantJson agrees with JSON.parse on everything JSON.parse accepts", () => {
  // fc.json() produces JSON text that JSON.parse accepts; strings with control characters and
  // unicode come from fc.string with the full unit range.
  const jsonText = fc.oneof(
    fc.json({ maxDepth: 5 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ unit: "binary" }).map((s) => JSON.stringify({ s, n: [s] })),
    fc.double().map((d) => JSON.stringify([d, { d }])),
  );

  it("public parser: same value for every valid JSON text", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(parseTolerantJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("fallback parser alone: same value for every valid JSON text", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(parseExtendedJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("fallback parser rejects what JSON.parse rejects (outside the two extensions)", () => {
    const almostJson = fc.string({
      unit: fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "1", "0", "-", ".", "e", "a", " ", "t", "n"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(almostJson, (text) => {
        let reference: unknown;
        let referenceFailed = false;
        try {
          reference = JSON.parse(text);
        } catch {
          referenceFailed = true;
        }
        if (referenceFailed) expect(() => parseExtendedJson(text)).toThrow(SyntaxError);
        else expect(parseExtendedJson(text)).toStrictEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parseTolerantJson with specialStrings: the quoted-token fast path", () => {
  const reference = (text: string) => replaceSpecialStrings(parseExtendedJson(text));

  it("leaves token look-alikes inside strings alone", () => {
    for (const text of [
      '{"s": "a: NaN, b", "x": NaN}',
      '{"s": "[Infinity]", "t": "x,-Infinity}", "y": [1, -Infinity]}',
      '{"k: NaN,": 1, "v": Infinity}',
      '["\\", NaN]", NaN]',
    ]) {
      expect(parseTolerantJson(text, { specialStrings: true }), text).toStrictEqual(reference(text));
    }
    expect(parseTolerantJson('{"s": "a: NaN, b", "x": NaN}', { specialStrings: true })).toStrictEqual({
      s: "a: NaN, b",
      x: Number.NaN,
    });
  });

  it("keeps __proto__ an own key when its value becomes a number", () => {
    const value = parseTolerantJson('{"__proto__": "NaN", "x": NaN}', { specialStrings: true }) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBeNaN();
  });

  it("agrees with the tolerant parser on documents mixing tokens, strings and control characters", () => {
    const token = fc.constantFrom("NaN", "Infinity", "-Infinity", '"NaN"', '"-Infinity"', "1.5", "null");
    const text = fc.string({
      unit: fc.constantFrom("a", " ", ":", ",", "[", "]", "NaN", "-Infinity", "\\", "\n", '\\"'),
      maxLength: 12,
    });
    const document = fc
      .array(
        fc.tuple(
          text,
          fc.oneof(
            token,
            text.map((s) => `"${s}"`),
            fc.array(token).map((t) => `[${t.join(", ")}]`),
          ),
        ),
        {
          maxLength: 6,
        },
      )
      .map((entries) => `{${entries.map(([key, value], i) => `"${key}${i}": ${value}`).join(", ")}}`);
    fc.assert(
      fc.property(document, (doc) => {
        let expected: unknown;
        try {
          expected = reference(doc);
        } catch {
          expect(() => parseTolerantJson(doc, { specialStrings: true })).toThrow(SyntaxError);
          return;
        }
        expect(parseTolerantJson(doc, { specialStrings: true })).toStrictEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("hasBareToken: which parser a text needs, decided exactly", () => {
  it("finds tokens outside strings and only there", () => {
    expect(hasBareToken('{"a": NaN}')).toBe(true);
    expect(hasBareToken("[-Infinity]")).toBe(true);
    expect(hasBareToken("Infinity")).toBe(true);
    expect(hasBareToken('{"loss_is_NaN": true, "note": "Infinity and beyond"}')).toBe(false);
    expect(hasBareToken('{"NaN": "NaN", "x": "-Infinity"}')).toBe(false);
    expect(hasBareToken('{"s": "NaN", "t": 1, "u": NaN}')).toBe(true);
    expect(hasBareToken('{"s": "He said \\"NaN\\"", "t": 1}')).toBe(false);
    // An escaped backslash ends the string: the token after it is bare.
    expect(hasBareToken('{"s": "a\\\\", "t": NaN}')).toBe(true);
    expect(hasBareToken('{"s": "a\\\\\\"NaN", "t": 1}')).toBe(false);
    // Unterminated: not decided here; JSON.parse throws and the tolerant parser names the offset.
    expect(hasBareToken('{"s": "NaN')).toBe(false);
    expect(hasBareToken('{"a": 1}')).toBe(false);
  });

  it("reads a hostile text once: many strings that mention one token and never the other", () => {
    // Looking for the absent token again after every string would read the rest of the text once
    // per string: quadratic in a server's answer. Counted in characters the scan passes over.
    const text = JSON.stringify(Array.from({ length: 2000 }, (_, i) => `run ${i} was NaN`));
    const indexOf = String.prototype.indexOf;
    let scanned = 0;
    const spy = vi.spyOn(String.prototype, "indexOf").mockImplementation(function (
      this: string,
      search: string,
      from?: number,
    ) {
      const start = from ?? 0;
      const found = indexOf.call(this, search, start);
      if (this === text) scanned += (found < 0 ? this.length : found + search.length) - start;
      return found;
    });
    try {
      expect(hasBareToken(text)).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(scanned).toBeGreaterThan(text.length);
    expect(scanned).toBeLessThan(4 * text.length);
  });

  it("agrees with parsing: a text has a bare token exactly when its value needs one", () => {
    // Strings full of look-alikes, quotes and backslashes, built by JSON.stringify so they are
    // valid; bare tokens inserted at value positions only.
    const lookAlike = fc.string({
      unit: fc.constantFrom("NaN", "Infinity", "-", '"', "\\", "a", " ", "\n", "\u0001"),
      maxLength: 10,
    });
    const value = fc.oneof(
      lookAlike.map((s) => ({ text: JSON.stringify(s), bare: false })),
      fc.constantFrom("NaN", "Infinity", "-Infinity").map((t) => ({ text: t, bare: true })),
      fc.constantFrom("1", "null", "[]").map((t) => ({ text: t, bare: false })),
    );
    const document = fc.array(fc.tuple(lookAlike, value), { maxLength: 6 }).map((entries) => ({
      text: `{${entries.map(([key, v], i) => `${JSON.stringify(key + i)}: ${v.text}`).join(", ")}}`,
      bare: entries.some(([, v]) => v.bare),
    }));
    fc.assert(
      fc.property(document, ({ text, bare }) => {
        expect(hasBareToken(text)).toBe(bare);
        let strict = true;
        try {
          JSON.parse(text);
        } catch {
          strict = false;
        }
        expect(strict).toBe(!bare);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a config that only mentions NaN in strings on the engine's parser, with the same value", () => {
    const text = JSON.stringify({ loss: "NaN", note: 'a "quoted" Infinity\\', n: [1, "-Infinity"] });
    expect(parseTolerantJson(text)).toStrictEqual(JSON.parse(text));
    expect(parseTolerantJson(text, { specialStrings: true })).toStrictEqual({
      loss: Number.NaN,
      note: 'a "quoted" Infinity\\',
      n: [1, Number.NEGATIVE_INFINITY],
    });
  });

  it("still tolerates raw control characters when no token is bare", () => {
    const raw = `{"note": "line one\nNaN\u0001", "k": "Infinity"}`;
    expect(parseTolerantJson(raw)).toEqual({ note: "line one\nNaN\u0001", k: "Infinity" });
    expect(parseTolerantJson(raw, { specialStrings: true })).toEqual({
      note: "line one\nNaN\u0001",
      k: Number.POSITIVE_INFINITY,
    });
  });
});
