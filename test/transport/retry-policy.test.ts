// The retry decision on plain inputs: what is retried, how long each wait is, and when the
// transport stops. No server, no clock.
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  WandbAuthError,
  type WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbServerError,
  WandbTimeoutError,
} from "../../src/errors.js";
import type { RetryLimits } from "../../src/options.js";
import {
  backoffDelayMs,
  isRetryableStatus,
  isTransient,
  retryDecision,
  serverRequestedDelayMs,
} from "../../src/transport/retry-policy.js";

const limits: RetryLimits = { retries: 8, minDelayMs: 500, maxDelayMs: 30_000, maxElapsedMs: 120_000 };
const low = () => 0;
const high = () => 0.999_999;

const server = (status: number, retryAfterMs?: number) =>
  new WandbServerError("down", [], undefined, retryAfterMs, { status });
const network = (code?: string) => new WandbNetworkError("failed", { code });

describe("isTransient", () => {
  it.each<[string, WandbError, boolean]>([
    ["429", new WandbRateLimitError("slow down", 1000, { status: 429 }), true],
    ["an attempt that timed out", new WandbTimeoutError("no answer", 1, 0), true],
    ["500", server(500), true],
    ["502", server(502), true],
    ["503", server(503), true],
    ["504", server(504), true],
    ["501 (W&B's client never retries it)", server(501), false],
    ["408", new WandbGraphQLError("timeout", [], undefined, { status: 408 }), true],
    ["400", new WandbGraphQLError("bad query", [], undefined, { status: 400 }), false],
    ["404", new WandbGraphQLError("no route", [], undefined, { status: 404 }), false],
    ["413", new WandbGraphQLError("too large", [], undefined, { status: 413 }), false],
    ["422", new WandbGraphQLError("unprocessable", [], undefined, { status: 422 }), false],
    ["a redirect", new WandbGraphQLError("moved", [], undefined, { status: 302 }), false],
    ["GraphQL errors in a 200", new WandbGraphQLError("denied", [], null), false],
    ["401", new WandbAuthError("refused", { status: 401 }), false],
    ["no key at all", new WandbAuthError("no key"), false],
    ["an answer that is not GraphQL", new WandbResponseError("html", { status: 200 }), false],
    ["a bad argument", new InvalidArgumentError("bad"), false],
    ["a socket closed with no code", network(), true],
    ["ECONNRESET", network("ECONNRESET"), true],
    ["ECONNREFUSED (a server restarting)", network("ECONNREFUSED"), true],
    ["ETIMEDOUT", network("ETIMEDOUT"), true],
    ["EAI_AGAIN (the resolver did not answer)", network("EAI_AGAIN"), true],
    ["UND_ERR_SOCKET", network("UND_ERR_SOCKET"), true],
    ["ENOTFOUND (no such name)", network("ENOTFOUND"), false],
    ["a bad port", network("ERR_BAD_PORT"), false],
    ["a self-signed certificate", network("DEPTH_ZERO_SELF_SIGNED_CERT"), false],
    ["a certificate for another host", network("ERR_TLS_CERT_ALTNAME_INVALID"), false],
    ["an expired certificate", network("CERT_HAS_EXPIRED"), false],
    ["an unknown issuer", network("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), false],
    ["TLS to a plain-http port", network("ERR_SSL_WRONG_VERSION_NUMBER"), false],
    ["headers over the client's limit", network("UND_ERR_HEADERS_OVERFLOW"), false],
  ])("%s → %s", (_what, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});

describe("retryDecision", () => {
  const decide = (error: WandbError, attempt: number, elapsedMs = 0, random = low) =>
    retryDecision({ error, attempt, elapsedMs, limits, random });

  it("retries a transient failure after the backoff", () => {
    expect(decide(server(503), 1)).toEqual({ retry: true, delayMs: 250 });
    expect(decide(server(503), 2)).toEqual({ retry: true, delayMs: 500 });
    expect(decide(server(503), 3, 0, high)).toEqual({ retry: true, delayMs: expect.closeTo(2000, 0) });
  });

  it("stops at once on a failure that cannot heal", () => {
    expect(decide(network("ENOTFOUND"), 1)).toEqual({ retry: false, reason: "permanent" });
    expect(decide(new WandbAuthError("refused", { status: 401 }), 1)).toEqual({
      retry: false,
      reason: "permanent",
    });
  });

  it("stops when the retries are used up: 8 retries means 9 attempts", () => {
    expect(decide(server(500), 8).retry).toBe(true);
    expect(decide(server(500), 9)).toEqual({ retry: false, reason: "retries" });
    expect(
      retryDecision({ error: server(500), attempt: 1, elapsedMs: 0, limits: { ...limits, retries: 0 } }),
    ).toEqual({ retry: false, reason: "retries" });
  });

  it("stops when the wait would pass the deadline, and says how long it would have been", () => {
    expect(decide(server(500), 1, 119_900)).toEqual({ retry: false, reason: "deadline", delayMs: 250 });
    const asked = new WandbRateLimitError("slow down", 3_600_000, { status: 429 });
    expect(decide(asked, 1)).toEqual({ retry: false, reason: "deadline", delayMs: 3_600_000 });
  });

  it("waits what the server asks when that is longer than the backoff", () => {
    const asked = new WandbRateLimitError("slow down", 7000, { status: 429 });
    expect(decide(asked, 1)).toEqual({ retry: true, delayMs: 7000 });
    expect(decide(server(503, 4000), 1)).toEqual({ retry: true, delayMs: 4000 });
  });

  it("never waits less than the backoff, whatever the server says", () => {
    for (const retryAfterMs of [0, undefined]) {
      const error = new WandbRateLimitError("slow down", retryAfterMs, { status: 429 });
      expect(decide(error, 4)).toEqual({ retry: true, delayMs: 2000 });
    }
    expect(decide(server(503, 0), 4)).toEqual({ retry: true, delayMs: 2000 });
  });
});

describe("serverRequestedDelayMs", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  const delay = (headers: Record<string, string>) => serverRequestedDelayMs(new Headers(headers), now);

  it.each<[Record<string, string>, number | undefined]>([
    [{ "retry-after": "3" }, 3000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after": "Wed, 01 May 2024 12:00:10 GMT" }, 10_000],
    [{ "retry-after": "Wed, 01 May 2024 11:00:00 GMT" }, 0],
    [{ "retry-after": "-5" }, undefined],
    [{ "retry-after": "1e3" }, undefined],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "2024-05-01" }, undefined],
    [{ "retry-after": "99999999999999999999" }, undefined],
    [{ "retry-after": "-5", "ratelimit-reset": "2" }, 2000],
    [{ "ratelimit-reset": "7" }, 7000],
    [{ "ratelimit-reset": "-1" }, undefined],
    [{}, undefined],
  ])("%j → %s", (headers, expected) => {
    expect(delay(headers)).toBe(expected);
  });
});

describe("backoffDelayMs", () => {
  it("lies between half and all of the capped exponential", () => {
    expect(backoffDelayMs(1, limits, low)).toBe(250);
    expect(backoffDelayMs(1, limits, high)).toBeCloseTo(500, 0);
    expect(backoffDelayMs(4, limits, low)).toBe(2000);
    expect(backoffDelayMs(20, limits, low)).toBe(15_000);
    expect(backoffDelayMs(20, limits, high)).toBeCloseTo(30_000, 0);
  });

  it("clamps the exponent, so a huge attempt number stays finite", () => {
    expect(backoffDelayMs(10_000, { ...limits, maxDelayMs: Number.MAX_VALUE }, low)).toBe(500 * 2 ** 29);
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [500, true],
    [503, true],
    [408, true],
    [501, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [410, false],
    [413, false],
    [422, false],
    [200, false],
  ])("%s → %s", (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});
