// What the fake W&B does at the HTTP level: status codes, auth, the request log, reset, faults.
import { describe, expect, it } from "vitest";
import { createFaultPlan } from "../../mocks/faults.js";
import { mockRun } from "../../mocks/run-helpers.js";
import type { MockFaults } from "../../mocks/types.js";
import { basicAuth, endpoint, gql, postRaw, useMsw } from "./support.js";

const msw = useMsw();
const runs = [mockRun({ id: "r1" }), mockRun({ id: "r2" }), mockRun({ id: "r3" })];
const oneRun = `query One { project(name: "vision", entityName: "acme") { run(name: "r1") { name } } }`;

async function statuses(count: number, query = oneRun): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await gql(query)).status);
  return out;
}

describe("status codes of a GraphQL server", () => {
  it("answers 400 with the validation errors for a query the schema rejects", async () => {
    msw.serve({ runs });
    const answer = await gql("query Drifted { viewer { id notAField } }");
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((error) => error.message)).toEqual([
      'Cannot query field "notAField" on type "User".',
    ]);
  });

  it("answers 400 for a syntax error, a mutation, bad variables or an unknown operation", async () => {
    msw.serve({ runs });
    const syntax = await gql("query {");
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
    expect((await gql("mutation M { viewer { id } }")).status).toBe(400);
    const missing = await gql(
      'query Q($name: String!) { project(name: $name, entityName: "acme") { name } }',
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.message).toContain(
      'Variable "$name" of required type "String!" was not provided.',
    );
    const unknown = await postRaw({ query: "query A { viewer { id } }", operationName: "B" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toBe('Unknown operation named "B".');
  });

  it("answers 400 for a body that is not JSON or holds no query", async () => {
    msw.serve({ runs });
    const notJson = await postRaw("this is not json");
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ errors: [{ message: "the request body is not a JSON object" }] });
    const noQuery = await postRaw({ variables: {} });
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.errors?.[0]?.message).toBe("Must provide query string.");
    expect((await postRaw({ query: "{ viewer { id } }", variables: [1] })).status).toBe(400);
  });

  it("answers 200 with partial data and the error's path when a resolver fails", async () => {
    msw.serve({ runs });
    const answer = await gql(`{ viewer { username } project(name: "vision", entityName: "acme") {
      name runs(first: -1) { edges { cursor } } } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      viewer: { username: "john_doe" },
      project: { name: "vision", runs: null },
    });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: ["project", "runs"], locations: [expect.any(Object)] }),
    ]);
  });
});

describe("API key", () => {
  it("answers 401 to a missing or wrong key when apiKey is set", async () => {
    const mock = msw.serve({ runs, apiKey: "k".repeat(40) });
    const missing = await gql(oneRun);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ errors: [{ message: expect.stringContaining("API key") }] });
    expect((await gql(oneRun, {}, basicAuth("wrong"))).status).toBe(401);
    expect((await gql(oneRun, {}, { authorization: `Bearer ${"k".repeat(40)}` })).status).toBe(401);
    expect((await gql(oneRun, {}, basicAuth("k".repeat(40)))).status).toBe(200);
    const lowerScheme = {
      authorization: basicAuth("k".repeat(40)).authorization?.replace("Basic", "basic") ?? "",
    };
    expect((await gql(oneRun, {}, lowerScheme)).status).toBe(200);
    expect(mock.requests.map((request) => request.fault ?? null)).toEqual([
      "auth",
      "auth",
      "auth",
      null,
      null,
    ]);
    expect(mock.requests[0]?.runs).toEqual([]);
  });

  it("accepts any request when apiKey is not set", async () => {
    msw.serve({ runs });
    expect((await gql(oneRun)).status).toBe(200);
    expect((await gql(oneRun, {}, basicAuth("anything"))).status).toBe(200);
  });
});

describe("the request log", () => {
  it("records name, variables, runs touched, bytes, status and timing of each request", async () => {
    const mock = msw.serve({ runs });
    const requests = mock.requests;
    const before = Date.now();
    const variables = { name: "r2", note: "héllo" };
    const body = {
      query: `query Named($name: String!) { project(name: "vision", entityName: "acme") { run(name: $name) { name } } }`,
      variables,
      operationName: "Named",
    };
    const answer = await postRaw(body);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual({
      at: expect.any(Number),
      operationName: "Named",
      variables,
      runs: ["acme/vision/r2"],
      bytesIn: Buffer.byteLength(JSON.stringify(body)),
      bytesOut: Buffer.byteLength(answer.text),
      status: 200,
      handlerMs: expect.any(Number),
    });
    expect(requests[0]?.bytesIn).toBe(JSON.stringify(body).length + 1);
    expect(requests[0]?.at).toBeGreaterThanOrEqual(before);
    expect(requests[0]?.at).toBeLessThanOrEqual(Date.now());
    expect(requests[0]?.handlerMs).toBeGreaterThanOrEqual(0);
    // The same array, appended in place.
    await gql("{ viewer { id } }");
    expect(mock.requests).toBe(requests);
    expect(requests[1]).toMatchObject({ operationName: null, variables: {}, runs: [] });
  });

  it("names the operation from the document when the body does not, and lists only runs resolved", async () => {
    const mock = msw.serve({ runs });
    await gql(`# a comment first
      query Listing { project(name: "vision", entityName: "acme") { runs(order: "-name", first: 2) { edges { node { name } } } } }`);
    await gql(
      `query Counting { project(name: "vision", entityName: "acme") { runs { pageInfo { hasNextPage } } runCount } }`,
    );
    await gql(`query Absent { project(name: "vision", entityName: "acme") { run(name: "nope") { name } } }`);
    expect(mock.requests.map((request) => [request.operationName, request.runs])).toEqual([
      ["Listing", ["acme/vision/r3", "acme/vision/r2"]],
      ["Counting", []],
      ["Absent", []],
    ]);
  });

  it("reset() empties the log in place", async () => {
    const mock = msw.serve({ runs });
    const requests = mock.requests;
    await gql(oneRun);
    mock.reset();
    expect(requests).toHaveLength(0);
    expect(mock.requests).toBe(requests);
    await gql(oneRun);
    expect(requests).toHaveLength(1);
  });
});

describe("faults", () => {
  it("rate-limits the first requests with Retry-After and RateLimit headers", async () => {
    const mock = msw.serve({ runs, faults: { rateLimit: { firstRequests: 2, retryAfterSeconds: 7 } } });
    const first = await gql(oneRun);
    expect(first.status).toBe(429);
    expect(
      Object.fromEntries([...first.headers].filter(([name]) => /^(retry-after|ratelimit-)/.test(name))),
    ).toEqual({
      "retry-after": "7",
      "ratelimit-limit": "1000",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "7",
    });
    expect(first.body.errors?.[0]?.message).toBe("rate limit exceeded");
    expect(await statuses(3)).toEqual([429, 200, 200]);
    expect(mock.requests.map((request) => request.fault ?? null)).toEqual([
      "rate-limit",
      "rate-limit",
      null,
      null,
    ]);
    mock.reset();
    expect(await statuses(3)).toEqual([429, 429, 200]);
  });

  it("rate-limits in bursts, and can say Retry-After as an HTTP date", async () => {
    msw.serve({
      runs,
      faults: { rateLimit: { burstEvery: 4, burstLength: 2, retryAfterFormat: "http-date" } },
    });
    const first = await gql(oneRun);
    expect(first.status).toBe(200);
    const rest = await statuses(7);
    expect([first.status, ...rest]).toEqual([200, 200, 429, 429, 200, 200, 429, 429]);
    const limited = await gql(oneRun);
    expect(limited.status).toBe(200);
    msw.serve({
      runs,
      faults: { rateLimit: { firstRequests: 1, retryAfterSeconds: 30, retryAfterFormat: "http-date" } },
    });
    const dated = await gql(oneRun);
    const retryAt = Date.parse(dated.headers.get("retry-after") ?? "");
    expect(retryAt - Date.now()).toBeGreaterThan(20_000);
    expect(retryAt - Date.now()).toBeLessThan(40_000);
  });

  it("answers a seeded share of requests with 500, 502, 503 or 504", async () => {
    const faults: MockFaults = { seed: 42, serverErrorRate: 0.5 };
    const mock = msw.serve({ runs, faults });
    const first = await statuses(40);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(5);
    expect(first.filter((status) => status >= 500).length).toBeGreaterThan(5);
    expect(new Set(first.filter((status) => status >= 500))).toEqual(new Set([500, 502, 503, 504]));
    expect(mock.requests.filter((request) => request.fault === "server-error")).toHaveLength(
      first.filter((status) => status >= 500).length,
    );
    // Same seed, same sequence: after reset, and in a fresh mock.
    mock.reset();
    expect(await statuses(40)).toEqual(first);
    msw.serve({ runs, faults });
    expect(await statuses(40)).toEqual(first);
    msw.serve({ runs, faults: { ...faults, seed: 43 } });
    expect(await statuses(40)).not.toEqual(first);
  });

  it("sends gateway-style bodies with 5xx answers", async () => {
    msw.serve({ runs, faults: { seed: 3, serverErrorRate: 1 } });
    const bodies = new Map<number, string>();
    for (let i = 0; i < 40 && bodies.size < 4; i++) {
      const answer = await gql(oneRun);
      bodies.set(answer.status, `${answer.headers.get("content-type")} ${answer.text}`);
    }
    expect(bodies.get(500)).toBe('application/json {"errors":["Internal server error"]}');
    expect(bodies.get(502)).toContain("text/html <html>");
    expect(bodies.get(503)).toBe('application/json {"error":"service unavailable"}');
    expect(bodies.get(504)).toBe("text/plain upstream request timeout");
  });

  it("drops connections: fetch fails as on a network error", async () => {
    const mock = msw.serve({ runs, faults: { dropRate: 1 } });
    await expect(
      fetch(endpoint, { method: "POST", body: JSON.stringify({ query: oneRun }) }),
    ).rejects.toThrow(TypeError);
    expect(mock.requests[0]).toMatchObject({ status: 0, fault: "drop", bytesOut: 0, operationName: "One" });
  });

  it("truncates 200 bodies: a prefix of the real answer that is not JSON", async () => {
    msw.serve({ runs });
    const whole = (await gql(oneRun)).text;
    const mock = msw.serve({ runs, faults: { truncateRate: 1, seed: 9 } });
    for (let i = 0; i < 5; i++) {
      const cut = await gql(oneRun);
      expect(cut.status).toBe(200);
      expect(cut.text.length).toBeLessThan(whole.length);
      expect(whole.startsWith(cut.text)).toBe(true);
      expect(() => JSON.parse(cut.text)).toThrow();
    }
    expect(mock.requests.every((request) => request.fault === "truncate")).toBe(true);
    expect(mock.requests[0]?.bytesOut).toBeLessThan(Buffer.byteLength(whole));
    // Only 200 answers are truncated; a 400 comes whole.
    expect((await gql("{ viewer { nope } }")).body.errors).toHaveLength(1);
  });

  it("waits latencyMs before answering, outside handlerMs", async () => {
    const mock = msw.serve({ runs, faults: { latencyMs: 250 } });
    await gql(oneRun);
    const started = performance.now();
    await gql(oneRun);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(mock.requests[1]?.handlerMs).toBeLessThan(240);
  });

  it("draws latency from a seeded range, the same for the same seed", () => {
    const delays = (seed: number) => {
      const plan = createFaultPlan({ seed, latencyMs: { min: 10, max: 50 } });
      return Array.from({ length: 20 }, () => plan.next().delayMs);
    };
    const first = delays(5);
    expect(first.every((ms) => ms >= 10 && ms <= 50)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(5);
    expect(delays(5)).toEqual(first);
  });

  it("gives one sequence of drops, 5xx and truncations per seed, again after reset", () => {
    const faults: MockFaults = { seed: 21, dropRate: 0.2, serverErrorRate: 0.2, truncateRate: 0.3 };
    const sequence = (plan: ReturnType<typeof createFaultPlan>) =>
      Array.from({ length: 50 }, () => {
        const decision = plan.next();
        return [decision.drop, decision.serverErrorStatus ?? 0, decision.truncate?.(1000) ?? -1];
      });
    const plan = createFaultPlan(faults);
    const first = sequence(plan);
    expect(first.some(([drop]) => drop)).toBe(true);
    expect(first.some(([, status]) => status !== 0)).toBe(true);
    expect(first.some(([, , cut]) => cut !== -1)).toBe(true);
    expect(sequence(createFaultPlan(faults))).toEqual(first);
    plan.reset();
    expect(sequence(plan)).toEqual(first);
    expect(sequence(createFaultPlan({ ...faults, seed: 22 }))).not.toEqual(first);
  });

  it("keeps each kind's sequence independent of the other kinds being on", () => {
    const drops = (faults: MockFaults) => {
      const plan = createFaultPlan({ seed: 11, dropRate: 0.3, ...faults });
      return Array.from({ length: 30 }, () => plan.next().drop);
    };
    expect(drops({ serverErrorRate: 0.5, truncateRate: 0.5, latencyMs: { min: 0, max: 9 } })).toEqual(
      drops({}),
    );
  });

  it("refuses fault options that make no sense", () => {
    expect(() => createFaultPlan({ dropRate: 1.5 })).toThrow(RangeError);
    expect(() => createFaultPlan({ latencyMs: { min: 5, max: 1 } })).toThrow(RangeError);
    expect(() => createFaultPlan({ rateLimit: { burstEvery: 2, burstLength: 3 } })).toThrow(RangeError);
    expect(() => createFaultPlan({ rateLimit: { firstRequests: -1 } })).toThrow(RangeError);
  });
});
