// The mock's writers of W&B's encodings, held against the SDK's own tolerant parser.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readKeyPath } from "../../mocks/key-path.js";
import { formatWireTime, parseWireTimeMs, toWireTime } from "../../mocks/time.js";
import { pickKeys, toInlineJson, wrapConfig, writeExtendedJson } from "../../mocks/wire-writer.js";
import { type JsonValue, parseTolerantJson } from "../../src/wire/json.js";

describe("writeExtendedJson", () => {
  it("writes bare non-finite tokens and Python's separators", () => {
    expect(
      writeExtendedJson({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], c: "NaN" }),
    ).toBe('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN"}');
    expect(writeExtendedJson({ s: 'quote " and \n newline', n: null, t: true, z: -0 })).toBe(
      '{"s": "quote \\" and \\n newline", "n": null, "t": true, "z": 0}',
    );
  });

  it("agrees with JSON.stringify on finite JSON, as the SDK's parser reads it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = writeExtendedJson(value as JsonValue);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips non-finite numbers through the SDK's tolerant parser", () => {
    const special = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        special,
        // JSON has no -0: it is written "0", as JSON.stringify writes it.
        fc.double().map((x) => (Object.is(x, -0) ? 0 : x)),
        fc.string(),
        tie("object"),
        tie("array"),
      ),
      object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
      array: fc.array(tie("value"), { maxLength: 4 }),
    })).value;
    fc.assert(
      fc.property(values, (value) => {
        expect(parseTolerantJson(writeExtendedJson(value as JsonValue))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe("wire helpers", () => {
  it("toInlineJson turns non-finite numbers into W&B's strings, nested too", () => {
    expect(toInlineJson({ a: [Number.NaN, { b: Number.NEGATIVE_INFINITY }], c: 1 })).toEqual({
      a: ["NaN", { b: "-Infinity" }],
      c: 1,
    });
  });

  it("wrapConfig wraps user keys and adds W&B's own", () => {
    expect(wrapConfig({ lr: 0.1 }, { cli_version: "x" })).toEqual({
      wandb_version: 1,
      lr: { value: 0.1, desc: null },
      _wandb: { value: { cli_version: "x" } },
    });
    expect(wrapConfig({ _wandb: { mine: true } }, {})._wandb).toEqual({ value: { mine: true }, desc: null });
  });

  it("pickKeys keeps the asked keys that exist, in the asked order", () => {
    expect(pickKeys({ a: 1, b: 2, c: 3 }, ["c", "x", "a"])).toEqual({ c: 3, a: 1 });
  });

  it("readKeyPath prefers the longest key, then reads below it", () => {
    const value = { "a.b": 1, a: { b: 2, c: { d: 3 } }, "train/loss": 4, "x.y": { z: 5 } };
    expect(readKeyPath(value, "a.b")).toBe(1);
    expect(readKeyPath(value, "a.c.d")).toBe(3);
    expect(readKeyPath(value, "train/loss")).toBe(4);
    expect(readKeyPath(value, "x.y.z")).toBe(5);
    expect(readKeyPath(value, "a.nope")).toBeUndefined();
    expect(readKeyPath([1], "0")).toBeUndefined();
  });
});

describe("wire times", () => {
  it("reads zone-less times as UTC, with 0 to 9 fraction digits and optional zones", () => {
    expect(parseWireTimeMs("2024-05-02T14:03:11")).toBe(Date.UTC(2024, 4, 2, 14, 3, 11));
    expect(parseWireTimeMs("2024-05-02T14:03:11.123456789")).toBe(Date.UTC(2024, 4, 2, 14, 3, 11, 123));
    expect(parseWireTimeMs("2024-05-02T14:03:11.5Z")).toBe(Date.UTC(2024, 4, 2, 14, 3, 11, 500));
    expect(parseWireTimeMs("2024-05-02T16:03:11+02:00")).toBe(Date.UTC(2024, 4, 2, 14, 3, 11));
    expect(parseWireTimeMs("2024-05-02T09:03:11-0500")).toBe(Date.UTC(2024, 4, 2, 14, 3, 11));
    expect(parseWireTimeMs("2024-05-02")).toBe(Date.UTC(2024, 4, 2));
    expect(parseWireTimeMs("May 2nd")).toBeUndefined();
  });

  it("writes Dates zone-less with whole seconds; strings go out as given", () => {
    expect(formatWireTime(Date.UTC(2024, 4, 2, 14, 3, 11, 999))).toBe("2024-05-02T14:03:11");
    expect(toWireTime(new Date(Date.UTC(2024, 4, 2, 14, 3, 11, 999)), "t")).toEqual({
      wire: "2024-05-02T14:03:11",
      ms: Date.UTC(2024, 4, 2, 14, 3, 11),
    });
    expect(toWireTime("2024-05-02T14:03:11.000001Z", "t").wire).toBe("2024-05-02T14:03:11.000001Z");
    expect(() => toWireTime(new Date(Number.NaN), "bad")).toThrow("bad: not a valid Date");
  });
});
