// The secret registry on plain inputs: every spelling of a registered key is found, an excerpt is
// never cut through one, and what cannot be walked is dropped rather than kept.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { WandbError } from "../../src/errors.js";
import {
  excerpt,
  registerSecret,
  safeCause,
  scrubData,
  scrubSecrets,
  secretSpellings,
} from "../../src/secrets.js";

const key = "scrub-test-0f1e2d3c4b5a69788796a5b4c3d2e1f0aabbccdd";
registerSecret(key);
const basic = Buffer.from(`api:${key}`).toString("base64");

describe("secretSpellings and scrubSecrets", () => {
  it.each([
    ["the raw key", key],
    ["the Basic value", basic],
    ["the Basic value without padding", basic.replace(/=+$/, "")],
    ["the whole header", `Basic ${basic}`],
    ["the Basic value URL-encoded", encodeURIComponent(basic)],
    [
      "the Basic value URL-encoded, lower-case hex",
      encodeURIComponent(basic).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    ],
    ["the header URL-encoded", encodeURIComponent(`Basic ${basic}`)],
    ["base64url", Buffer.from(`api:${key}`).toString("base64url")],
    ["the key inside a longer base64 text", Buffer.from(`user:api:${key}:more`).toString("base64")],
    ["the key at the other alignment", Buffer.from(`xx${key}`).toString("base64")],
    ["a JSON writer's escaped slashes", basic.replace(/\//g, "\\/")],
  ])("%s is scrubbed", (_what, spelled) => {
    const text = `before ${spelled} after`;
    const clean = scrubSecrets(text);
    expect(clean).toContain("[redacted]");
    expect(clean).not.toContain(key);
    // What is left of the spelling is at most the few characters that also encode other bytes.
    for (let i = 0; i + 10 <= key.length; i++) expect(clean).not.toContain(key.slice(i, i + 10));
    for (let i = 8; i + 10 <= basic.length - 4; i++) expect(clean).not.toContain(basic.slice(i, i + 10));
  });

  it("leaves text without a secret alone", () => {
    expect(scrubSecrets("nothing to see")).toBe("nothing to see");
    expect(secretSpellings(key)).toContain(encodeURIComponent(basic));
  });
});

describe("excerpt", () => {
  it("is at most the length asked, on one line, with an ellipsis when cut", () => {
    expect(excerpt("a\n  b\tc", 10)).toBe("a b c");
    expect(excerpt("x".repeat(500), 20)).toBe(`${"x".repeat(20)}…`);
  });

  it("never cuts through the key, wherever the cut falls", () => {
    for (let at = 0; at < 120; at++) {
      const text = `${"x".repeat(at)}${basic}${"y".repeat(40)}`;
      const cut = excerpt(text, 100);
      for (let i = 0; i + 6 <= basic.length; i++) expect(cut).not.toContain(basic.slice(i, i + 6 + 4));
    }
  });

  it("drops a tail that is the start of the key (a body cut short in the middle of it)", () => {
    expect(excerpt(`oops ${key.slice(0, 12)}`, 200)).toBe("oops [redacted]");
    expect(excerpt(`oops ${basic.slice(0, 30)}`, 200)).toBe("oops [redacted]");
  });

  it("gives the start of a huge text and an ellipsis", () => {
    expect(excerpt(`${"z".repeat(300)}${" ".repeat(50_000_000)}${basic}`, 200)).toBe(`${"z".repeat(200)}…`);
  });
});

describe("scrubData", () => {
  it("returns clean data as it is, and a scrubbed copy of data that holds the key", () => {
    const clean = { a: [1, { b: "c" }] };
    expect(scrubData(clean)).toBe(clean);
    const dirty = { a: [1, { b: `x ${basic}` }], [key]: "named after the key", __proto__: null };
    const scrubbed = scrubData(dirty) as Record<string, unknown>;
    expect(JSON.stringify(scrubbed)).not.toContain(key);
    expect(JSON.stringify(scrubbed)).not.toContain(basic);
    expect(scrubbed.a).toEqual([1, { b: "x [redacted]" }]);
    expect(dirty.a[1]).toEqual({ b: `x ${basic}` });
  });

  it("drops data it cannot walk to the end: nested too deep, or a cycle", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(scrubData(deep)).toBeUndefined();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(scrubData(cyclic)).toBeUndefined();
  });
});

describe("safeCause", () => {
  it("keeps a clean cause as it is", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(safeCause(cause)).toBe(cause);
  });

  it("rebuilds a cause that holds the key anywhere, its own causes included", () => {
    const inner = new Error(`echo ${encodeURIComponent(basic)}`);
    const cause = Object.assign(new TypeError("fetch failed", { cause: inner }), { code: "UND_ERR" });
    const safe = safeCause(cause) as Error & { code?: string };
    expect(safe).not.toBe(cause);
    expect(safe.message).toBe("TypeError: fetch failed");
    expect(safe.code).toBe("UND_ERR");
    expect((safe.cause as Error).message).toBe("Error: echo [redacted]");
    expect(inspect(safe, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(key);
  });

  it("rebuilds a cause with a huge message, a getter or a key hidden in a non-enumerable property", () => {
    expect((safeCause(new Error("x".repeat(100_000))) as Error).message.length).toBeLessThan(2100);
    const getter = Object.defineProperty(new Error("g"), "secret", { get: () => key });
    expect(safeCause(getter)).not.toBe(getter);
    const hidden = Object.defineProperty(new Error("h"), "header", {
      value: `Basic ${basic}`,
      enumerable: false,
    });
    expect(inspect(safeCause(hidden), { showHidden: true, depth: 5 })).not.toContain(basic);
  });
});

describe("WandbError", () => {
  it("keeps at most 2,000 characters of a message", () => {
    const error = new WandbError(`${"m".repeat(10_000)}`);
    expect(error.message.length).toBeLessThanOrEqual(2001);
    expect(error.message.endsWith("…")).toBe(true);
  });
});

describe("createClient", () => {
  it("scrubs a key given to it from its own option errors, before any request", async () => {
    const { createClient } = await import("../../src/index.js");
    const early = "early-key-1234567890abcdef1234567890abcdef";
    let error: unknown;
    try {
      createClient({ apiKey: early, baseUrl: `not a url ${early}` });
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toMatch(/is not a URL: "not a url \[redacted\]"/);
  });
});
