import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseNetrc } from "../../src/credentials.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { resolveOptions } from "../../src/options.js";

const scratch = mkdtempSync(join(tmpdir(), "wq-options-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function home(netrc?: string): string {
  const dir = mkdtempSync(join(scratch, "home-"));
  if (netrc !== undefined) writeFileSync(join(dir, ".netrc"), netrc);
  return dir;
}

describe("resolveOptions: defaults and the environment", () => {
  it("defaults to api.wandb.ai, 30 s per attempt, 8 retries, batches of 50, 6 in flight, cache on", () => {
    const resolved = resolveOptions({}, { env: {}, home: home() });
    expect(resolved.endpoint).toBe("https://api.wandb.ai/graphql");
    expect(resolved.timeoutMs).toBe(30_000);
    expect(resolved.retry).toEqual({
      retries: 8,
      minDelayMs: 500,
      maxDelayMs: 30_000,
      maxElapsedMs: 120_000,
    });
    expect(resolved.maxBatchSize).toBe(50);
    expect(resolved.maxConcurrentRequests).toBe(6);
    expect(resolved.batchWindowMs).toBe(0);
    expect(resolved.cache).toBe(true);
    expect(resolved.fetch).toBe(globalThis.fetch);
  });

  it("reads WANDB_BASE_URL, WANDB_ENTITY, WANDB_PROJECT and WANDB_HTTP_TIMEOUT (seconds)", () => {
    const resolved = resolveOptions(
      {},
      {
        env: {
          WANDB_BASE_URL: "https://acme.wandb.io/",
          WANDB_ENTITY: "acme",
          WANDB_PROJECT: "vision",
          WANDB_HTTP_TIMEOUT: "2.5",
        },
        home: home(),
      },
    );
    expect(resolved.endpoint).toBe("https://acme.wandb.io/graphql");
    expect(resolved.entity).toBe("acme");
    expect(resolved.project).toBe("vision");
    expect(resolved.timeoutMs).toBe(2500);
  });

  it("lets options win over the environment", () => {
    const resolved = resolveOptions(
      { baseUrl: "http://localhost:8080", entity: "e", project: "p", timeoutMs: 100, apiKey: "k-option" },
      {
        env: {
          WANDB_BASE_URL: "https://x.example",
          WANDB_ENTITY: "acme",
          WANDB_API_KEY: "k-env",
          WANDB_HTTP_TIMEOUT: "9",
        },
        home: home(),
      },
    );
    expect(resolved.endpoint).toBe("http://localhost:8080/graphql");
    expect([resolved.entity, resolved.project, resolved.timeoutMs]).toEqual(["e", "p", 100]);
    expect(resolved.apiKey()).toEqual({ key: "k-option" });
  });

  it("keeps a base URL's path (self-hosted behind a prefix)", () => {
    expect(
      resolveOptions({ baseUrl: "https://example.com/wandb/" }, { env: {}, home: home() }).endpoint,
    ).toBe("https://example.com/wandb/graphql");
  });

  it("retry: false means one attempt; partial retry options keep the other defaults", () => {
    expect(resolveOptions({ retry: false }, { env: {}, home: home() }).retry.retries).toBe(0);
    expect(resolveOptions({ retry: { retries: 2 } }, { env: {}, home: home() }).retry).toEqual({
      retries: 2,
      minDelayMs: 500,
      maxDelayMs: 30_000,
      maxElapsedMs: 120_000,
    });
  });
});

describe("resolveOptions: the API key", () => {
  it("takes WANDB_API_KEY before netrc", () => {
    const dir = home("machine api.wandb.ai login user password from-netrc\n");
    expect(resolveOptions({}, { env: { WANDB_API_KEY: " from-env " }, home: dir }).apiKey()).toEqual({
      key: "from-env",
    });
    expect(resolveOptions({}, { env: {}, home: dir }).apiKey()).toEqual({ key: "from-netrc" });
  });

  it("matches the netrc machine to the base URL's host and port", () => {
    const dir = home(
      "machine api.wandb.ai password saas-key\nmachine localhost:8080\n  login user\n  password local-key\n",
    );
    expect(resolveOptions({ baseUrl: "http://localhost:8080" }, { env: {}, home: dir }).apiKey()).toEqual({
      key: "local-key",
    });
    expect(
      resolveOptions({ baseUrl: "http://localhost:9090" }, { env: {}, home: dir }).apiKey(),
    ).toMatchObject({
      missing: expect.stringContaining("machine localhost:9090"),
    });
  });

  it("reads $NETRC instead of ~/.netrc", () => {
    const path = join(scratch, "custom-netrc");
    writeFileSync(path, 'machine api.wandb.ai login "api user" password "quoted key"\n');
    expect(
      resolveOptions(
        {},
        { env: { NETRC: path }, home: home("machine api.wandb.ai password other") },
      ).apiKey(),
    ).toEqual({
      key: "quoted key",
    });
  });

  it("names WANDB_API_KEY and the netrc file when there is no key", () => {
    const dir = home();
    const lookup = resolveOptions({}, { env: {}, home: dir }).apiKey();
    expect(lookup).toMatchObject({ missing: expect.stringContaining("WANDB_API_KEY") });
    expect(lookup).toMatchObject({ missing: expect.stringContaining(join(dir, ".netrc")) });
    expect(lookup).toMatchObject({ missing: expect.stringContaining("no such file") });
  });

  it("ignores an unreadable netrc file and says so, without throwing", () => {
    const dir = home();
    mkdirSync(join(dir, ".netrc"));
    const lookup = resolveOptions({}, { env: {}, home: dir }).apiKey();
    expect(lookup).toMatchObject({ missing: expect.stringMatching(/could not be read \(EISDIR\), ignored/) });
  });

  // Root reads any file, so the permission case only runs as another user; EISDIR above covers the path.
  it.skipIf(process.getuid?.() === 0)("ignores a netrc file it may not read", () => {
    const dir = home("machine api.wandb.ai password secret");
    chmodSync(join(dir, ".netrc"), 0o000);
    expect(resolveOptions({}, { env: {}, home: dir }).apiKey()).toMatchObject({
      missing: expect.stringMatching(/EACCES/),
    });
  });
});

describe("parseNetrc", () => {
  it("reads machines, skips comments, macdef bodies and the default entry", () => {
    const text = [
      "# a comment with machine fake password nope",
      "machine a.example login x password pa",
      "macdef init",
      "machine evil password inside-macro",
      "",
      "machine b.example",
      "  account acct",
      "  password pb",
      "default login anon password anything",
    ].join("\n");
    expect(Object.fromEntries(parseNetrc(text))).toEqual({ "a.example": "pa", "b.example": "pb" });
  });
});

describe("resolveOptions: bad input fails at once", () => {
  const sources = { env: {}, home: scratch };

  it("names WANDB_BASE_URL when it is malformed", () => {
    expect(() => resolveOptions({}, { env: { WANDB_BASE_URL: "not a url" }, home: scratch })).toThrow(
      /WANDB_BASE_URL is not a URL/,
    );
    expect(() => resolveOptions({}, { env: { WANDB_BASE_URL: "ftp://x.example" }, home: scratch })).toThrow(
      /WANDB_BASE_URL must be an http\(s\) URL/,
    );
  });

  it("refuses plain http to a host that is not loopback unless allowed", () => {
    expect(() => resolveOptions({ baseUrl: "http://wandb.internal.example" }, sources)).toThrow(
      InvalidArgumentError,
    );
    expect(() => resolveOptions({ baseUrl: "http://wandb.internal.example" }, sources)).toThrow(
      /allowInsecureHttp/,
    );
    expect(
      resolveOptions({ baseUrl: "http://wandb.internal.example", allowInsecureHttp: true }, sources).endpoint,
    ).toBe("http://wandb.internal.example/graphql");
    for (const loopback of [
      "http://localhost:1",
      "http://127.0.0.1:8080",
      "http://127.1.2.3",
      "http://[::1]:80",
      // IPv4-mapped IPv6 of 127/8 is loopback on every OS; the URL parser writes it in hex.
      "http://[::ffff:127.0.0.1]:8080",
      "http://[::ffff:127.255.0.9]",
      "http://[0:0:0:0:0:ffff:7f00:1]",
    ]) {
      expect(() => resolveOptions({ baseUrl: loopback }, sources), loopback).not.toThrow();
    }
    // 0.0.0.0 means "any address" to a server; as a destination it reaches this machine on Linux
    // and macOS but not on Windows, and [::ffff:10.0.0.1] is 10.0.0.1: neither is loopback.
    for (const remote of [
      "http://0.0.0.0",
      "http://0.0.0.0:8080",
      "http://[::]:8080",
      "http://[::ffff:10.0.0.1]",
      "http://[::ffff:0.0.0.0]",
      "http://128.0.0.1",
    ]) {
      expect(() => resolveOptions({ baseUrl: remote }, sources), remote).toThrow(/not loopback/);
    }
  });

  it("refuses credentials, queries and fragments in the base URL", () => {
    expect(() => resolveOptions({ baseUrl: "https://user:secret@x.example" }, sources)).toThrow(
      /must not carry credentials/,
    );
    expect(() => resolveOptions({ baseUrl: "https://x.example/?a=1" }, sources)).toThrow(/query or fragment/);
  });

  it("refuses unknown option names, naming the known ones", () => {
    expect(() => resolveOptions({ apikey: "x" } as never, sources)).toThrow(
      /unknown createClient option "apikey"; known options: apiKey/,
    );
    expect(() => resolveOptions({ retry: { retry: 3 } } as never, sources)).toThrow(
      /unknown retry option "retry"/,
    );
  });

  it("refuses bad numbers, booleans and headers", () => {
    expect(() => resolveOptions({ maxBatchSize: 0 }, sources)).toThrow(
      /maxBatchSize must be a whole number >= 1/,
    );
    expect(() => resolveOptions({ maxConcurrentRequests: 1.5 }, sources)).toThrow(/maxConcurrentRequests/);
    expect(() => resolveOptions({ timeoutMs: -1 }, sources)).toThrow(/timeoutMs/);
    for (const batchWindowMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, "10"]) {
      expect(() => resolveOptions({ batchWindowMs } as never, sources)).toThrow(
        /batchWindowMs must be a number of milliseconds >= 0/,
      );
    }
    expect(resolveOptions({ batchWindowMs: 25 }, sources).batchWindowMs).toBe(25);
    expect(() => resolveOptions({}, { env: { WANDB_HTTP_TIMEOUT: "soon" }, home: scratch })).toThrow(
      /WANDB_HTTP_TIMEOUT/,
    );
    expect(() => resolveOptions({ retry: { minDelayMs: 10, maxDelayMs: 5 } }, sources)).toThrow(/maxDelayMs/);
    expect(() => resolveOptions({ cache: "yes" } as never, sources)).toThrow(
      /cache must be true, false, or a store/,
    );
    expect(() => resolveOptions({ headers: { Authorization: "Bearer x" } }, sources)).toThrow(
      /pass apiKey instead/,
    );
    expect(() => resolveOptions({ apiKey: "  " }, sources)).toThrow(/apiKey must be a non-empty string/);
    expect(() => resolveOptions({ entity: "a/b" }, sources)).toThrow(/entity must be a non-empty name/);
  });
});
