// Hostile servers on 127.0.0.1 (issue #12): each probe is one way a server can misbehave, and each
// ends in a WandbError of the class it calls for (never a plain TypeError or RangeError, never a
// hang), within bounded time and memory, with the API key in no rendering of any error. Paging
// (endless cursors, null connections) has its own file, hostile-paging.test.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  createClient,
  InvalidArgumentError,
  ProjectNotFoundError,
  type RetryEvent,
  runConfig,
  runHistory,
  runLoggedArtifactVersions,
  runName,
  runSummary,
  runSweep,
  runSystemHistory,
  runUsedArtifactVersions,
  scanRunHistory,
  WandbAuthError,
  WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbServerError,
  WandbTimeoutError,
} from "../../src/index.js";
import { secretSpellings } from "../../src/secrets.js";
import { artifactVersionNode, lightRunNode, replyJson, useLoopbackServers } from "../helpers/loopback.js";
import { selfSignedCertificate } from "../helpers/tls.js";

const apiKey = "hostile-5f4e3d2c1b0a99887766554433221100ffeeddcc";
const basic = Buffer.from(`api:${apiKey}`).toString("base64");
/** Every way a server might spell the credentials back. */
const echoes = [
  apiKey,
  basic,
  basic.replace(/=+$/, ""),
  `Basic ${basic}`,
  encodeURIComponent(basic),
  encodeURIComponent(`Basic ${basic}`),
  encodeURIComponent(apiKey),
  Buffer.from(`user:api:${apiKey}`).toString("base64url"),
];

const loopback = useLoopbackServers();
const failures: unknown[] = [];

/** A server that counts requests; the handler gets the request number (1-based). */
async function hostile(
  handler: (req: IncomingMessage, res: ServerResponse, n: number) => void,
): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const url = await loopback.listen((req, res) => {
    count++;
    const n = count;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      // The request body, for the probes that answer by operation.
      Object.assign(req, { body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res, n);
    });
  });
  return { url, requests: () => count };
}

type Options = Parameters<typeof createClient>[0];

function client(baseUrl: string, extra: Options = {}) {
  return createClient({
    apiKey,
    baseUrl,
    timeoutMs: 2000,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 10_000 },
    ...extra,
  });
}

/** The rejection of `promise`, kept for the rendering check at the end. */
async function failureOf(promise: Promise<unknown>): Promise<WandbError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  failures.push(error);
  expect(error).toBeInstanceOf(WandbError);
  return error as WandbError;
}

function runsAnswer(node: Record<string, unknown>): unknown {
  return {
    data: { project: { runs: { pageInfo: { endCursor: null, hasNextPage: false }, edges: [{ node }] } } },
  };
}

function withArtifacts(...nodes: unknown[]): Record<string, unknown> {
  return lightRunNode("r1", {
    outputArtifacts: {
      pageInfo: { endCursor: null, hasNextPage: false },
      edges: nodes.map((node) => ({ node })),
    },
  });
}

describe("secrets (item 2)", () => {
  it("a server that echoes the key in every spelling, everywhere, shows it nowhere", async () => {
    const all = echoes.join(" | ");
    const cases: Array<[string, (res: ServerResponse) => void, new (...args: never[]) => WandbError]> = [
      ["401", (res) => replyJson(res, 401, { errors: [{ message: `bad key ${all}` }] }), WandbAuthError],
      [
        "500 HTML",
        (res) => {
          res.writeHead(500, { "content-type": "text/html" });
          res.end(`<html>${all}</html>`);
        },
        WandbServerError,
      ],
      [
        "200 GraphQL errors with extensions",
        (res) =>
          replyJson(res, 200, {
            errors: [{ message: all, extensions: { echo: echoes, [apiKey]: basic } }],
            data: { project: null },
          }),
        WandbGraphQLError,
      ],
      [
        "200 HTML",
        (res) => {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(`<p>${all}</p>`);
        },
        WandbResponseError,
      ],
      [
        "302 to a URL holding the key",
        (res) => {
          res.writeHead(302, {
            location: `https://evil.example/?k=${encodeURIComponent(basic)}&r=${apiKey}`,
          });
          res.end();
        },
        WandbGraphQLError,
      ],
      [
        "429 quoting the header",
        (res) => replyJson(res, 429, { error: `slow down ${all}` }, { "retry-after": "0" }),
        WandbRateLimitError,
      ],
    ];
    for (const [what, reply, errorClass] of cases) {
      const server = await hostile((_req, res) => reply(res));
      const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
      expect(error, what).toBeInstanceOf(errorClass);
    }
  });

  it("a body excerpt never ends in part of the key, wherever the cut falls", async () => {
    for (let at = 150; at < 260; at += 7) {
      const server = await hostile((_req, res) => {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`${"x".repeat(at)}${basic}${"y".repeat(50)}`);
      });
      const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
      expect(error).toBeInstanceOf(WandbServerError);
      expect(error.message.length).toBeLessThan(1000);
    }
    // A body that itself ends halfway through the key.
    const server = await hostile((_req, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`oops ${basic.slice(0, 20)}`);
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error.message).toContain("[redacted]");
  });

  it("a fetch whose error hides the key deep in its causes, or in a cycle, leaks nothing", async () => {
    const leaky: typeof fetch = async () => {
      const inner = new Error(`socket said ${encodeURIComponent(basic)}`);
      const middle = new Error("connect failed", { cause: inner });
      const cyclic: Record<string, unknown> = { header: `Basic ${basic}` };
      cyclic.self = cyclic;
      Object.assign(middle, { code: "ECONNRESET", details: cyclic });
      throw new TypeError("fetch failed", { cause: middle });
    };
    const error = await failureOf(client("http://127.0.0.1:1", { fetch: leaky, retry: false }).viewer());
    expect(error).toBeInstanceOf(WandbNetworkError);
    expect((error as WandbNetworkError).code).toBe("ECONNRESET");
  });

  it("data nested too deep to scrub is dropped, not kept", () => {
    let deep: unknown = { key: apiKey };
    for (let i = 0; i < 20_000; i++) deep = { deep };
    const error = new WandbGraphQLError("denied", [{ message: "x", extensions: { deep } }], deep);
    failures.push(error);
    expect(error.data).toBeUndefined();
    expect(error.errors).toEqual([{ message: "x" }]);
  });

  it("an answer nested too deep for JSON.stringify is refused at the edge", async () => {
    const depth = 100_000;
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        `{"errors": [{"message": "${basic}"}], "data": {"project": ${"[".repeat(depth)}${"]".repeat(depth)}}}`,
      );
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/nests deeper than 1000 levels/);
    expect(server.requests()).toBe(1);
  });
});

describe("size (item 3)", () => {
  it("a body larger than maxResponseBytes stops at the cap, unbuffered, and is not downloaded again", async () => {
    const total = 500 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, " ");
    let written = 0;
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": ');
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end("}");
      };
      res.on("close", () => {
        written = Math.min(written, total);
      });
      pump();
    });
    const wb = client(server.url, { maxResponseBytes: 2 * 1024 * 1024 });
    const error = await failureOf(runName(wb.run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/larger than maxResponseBytes \(2097152 bytes\)/);
    expect(server.requests()).toBe(1);
    expect(wb.stats().bytesReceived).toBeLessThan(3 * 1024 * 1024);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("a 1 MB gzip that expands to 1 GiB stops at the cap while it inflates", async () => {
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, " "));
    const members = 64; // 64 × 16 MiB = 1 GiB once inflated
    let sent = 0;
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const pump = () => {
        while (sent < members && !res.destroyed) {
          sent++;
          if (!res.write(member)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    expect(member.length * members).toBeLessThan(2 * 1024 * 1024);
    const wb = client(server.url, { maxResponseBytes: 8 * 1024 * 1024 });
    const error = await failureOf(runName(wb.run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/larger than maxResponseBytes/);
    expect(wb.stats().bytesReceived).toBeLessThanOrEqual(8 * 1024 * 1024 + 2 * 1024 * 1024);
    expect(server.requests()).toBe(1);
  });

  it("a Content-Length above the cap fails before the body is read", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(503, { "content-type": "application/json", "content-length": String(10 ** 12) });
      res.write("{");
    });
    const error = await failureOf(runName(client(server.url, { maxResponseBytes: 1000 }).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/declares 1000000000000 bytes/);
    expect(server.requests()).toBe(1);
  });

  it("a 900 KB HTML page with status 200 is a short message, sent once", async () => {
    const page = `<!doctype html><html><body>${"<p>maintenance</p>".repeat(50_000)}</body></html>`;
    expect(page.length).toBeGreaterThan(900_000);
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/answered HTTP 200 with text\/html/);
    expect(error.message.length).toBeLessThan(600);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }).length).toBeLessThan(5000);
    expect(server.requests()).toBe(1);
  });

  it("a 900 KB HTML page with status 502 is a short message after the retries", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html>${"bad gateway ".repeat(80_000)}</html>`);
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbServerError);
    expect(error.message).toMatch(/gave up after 3 attempts over \d+ m?s \(all 2 retries used\)/);
    expect(error.message.length).toBeLessThan(800);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }).length).toBeLessThan(8000);
    expect(server.requests()).toBe(3);
  });
});

describe("null where the schema promises a value (item 4, wire)", () => {
  it.each([
    ["aliases", { aliases: null }, "artifact.aliases", /expected a list, got null/],
    ["artifactType", { artifactType: null }, "artifact.artifactType", /expected an object, got null/],
    [
      "artifactSequence",
      { artifactSequence: null },
      "artifact.artifactSequence",
      /expected an object, got null/,
    ],
    ["an alias entry", { aliases: [null] }, "artifact.aliases[0]", /expected an object, got null/],
    [
      "an alias's name",
      { aliases: [{ alias: null, artifactCollection: null }] },
      "artifact.aliases[0].alias",
      /expected a string, got null/,
    ],
    [
      "the collection's entity",
      { artifactSequence: { name: "model", project: { name: "p", entity: null } } },
      "artifact.artifactSequence.project.entity",
      /expected an object, got null/,
    ],
    ["size", { size: "1e400" }, "artifact.size", /expected a number, got Infinity/],
    ["id", { id: 7 }, "artifact.id", /expected a string, got a number/],
  ])("%s", async (_what, fields, field, reason) => {
    // Numbers are written as they come ("1e400" becomes the JSON number 1e400).
    const body = JSON.stringify(runsAnswer(withArtifacts(artifactVersionNode(fields)))).replace(
      '"1e400"',
      "1e400",
    );
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const error = await failureOf(runLoggedArtifactVersions(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe(field);
    expect(error.message).toMatch(reason);
    expect(error.message).toContain("acme/p/r1");
    expect(server.requests()).toBe(1);
  });

  it.each([
    ["tags", { tags: "a,b" }, "tags"],
    ["a tag", { tags: ["a", null] }, "tags[1]"],
    ["user.id", { user: { id: null, name: "x", username: "x" } }, "user.id"],
    ["createdAt", { createdAt: null }, "createdAt"],
    ["state", { state: 3 }, "state"],
  ])("a run's %s", async (_what, fields, field) => {
    const server = await hostile((_req, res) => replyJson(res, 200, runsAnswer(lightRunNode("r1", fields))));
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe(field);
  });

  it("a used version's usedAs", async () => {
    const node = lightRunNode("r1", {
      inputArtifacts: {
        pageInfo: { endCursor: null, hasNextPage: false },
        edges: [{ usedAs: null, node: artifactVersionNode() }],
      },
    });
    const server = await hostile((_req, res) => replyJson(res, 200, runsAnswer(node)));
    const error = await failureOf(runUsedArtifactVersions(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe("usedAs");
  });

  it("system metrics that are not a list", async () => {
    const server = await hostile((_req, res) =>
      replyJson(res, 200, runsAnswer(lightRunNode("r1", { events: { _timestamp: 1 } }))),
    );
    const error = await failureOf(runSystemHistory(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
  });

  it("a sweep's state", async () => {
    const server = await hostile((req, res) => {
      const body = JSON.parse((req as IncomingMessage & { body?: string }).body ?? "{}") as {
        query?: string;
      };
      if (body.query?.includes("sweep(")) {
        replyJson(res, 200, {
          data: { project: { s0: { name: "k3", state: null, config: "", bestLoss: null } } },
        });
      } else {
        replyJson(res, 200, runsAnswer(lightRunNode("r1", { sweepName: "k3" })));
      }
    });
    const error = await failureOf(runSweep(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe("sweep.state");
  });

  it("the viewer's name", async () => {
    const server = await hostile((_req, res) =>
      replyJson(res, 200, { data: { viewer: { id: "VXNlcjox", name: null, username: "x" } } }),
    );
    const error = await failureOf(client(server.url).viewer());
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe("viewer.name");
  });

  it("history that is not a list", async () => {
    const server = await hostile((_req, res) =>
      replyJson(res, 200, runsAnswer(lightRunNode("r1", { history: { _step: 1 } }))),
    );
    const error = await failureOf(runHistory(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect((error as WandbResponseError).field).toBe("history");
  });
});

describe("classes (item 5)", () => {
  it.each([
    ['{"errors": {...}}', { errors: { message: "boom" } }, /"errors" that is an object, not a list/],
    ['{"data": null}', { data: null }, /has no data/],
    ["{}", {}, /has no data/],
    ["[]", [], /has no data/],
    ["null", null, /has no data/],
    ['{"data": {}}', { data: {} }, /has no data for project/],
    ['{"data": []}', { data: [] }, /"data" that is a list/],
    ['{"data": {...}, "errors": "x"}', { data: { project: null }, errors: "x" }, /"errors" that is a string/],
  ])("%s is a WandbResponseError, not retried", async (_what, body, reason) => {
    const server = await hostile((_req, res) => replyJson(res, 200, body));
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error).not.toBeInstanceOf(ProjectNotFoundError);
    expect(error.message).toMatch(reason);
    expect(server.requests()).toBe(1);
  });

  it("a 5xx with a body nested 100,000 deep is a WandbServerError, not a stack overflow", async () => {
    const depth = 100_000;
    const server = await hostile((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(`{"errors": [{"message": "x", "extensions": ${"[".repeat(depth)}${"]".repeat(depth)}}]}`);
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbServerError);
    expect(error.status).toBe(500);
    expect(error.message).not.toMatch(/call stack/);
    expect(server.requests()).toBe(3);
  });

  it("a 5xx is a WandbServerError, still a WandbGraphQLError, and 501 is not retried", async () => {
    const server = await hostile((_req, res, n) =>
      replyJson(res, n === 1 ? 503 : 501, { errors: [{ message: "nope" }] }),
    );
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbServerError);
    expect(error).toBeInstanceOf(WandbGraphQLError);
    expect(error.status).toBe(501);
    expect(error.message).toMatch(/gave up after 2 attempts .*cannot heal.*HTTP 501: nope/);
    expect(server.requests()).toBe(2);
  });
});

describe("Retry-After (item 6)", () => {
  it.each(["-5", "garbage", "0", "Thu, 01 Jan 1970 00:00:00 GMT", "-1e9", "1e-9"])(
    "Retry-After: %s keeps the backoff",
    async (retryAfter) => {
      const arrivals: number[] = [];
      const server = await hostile((_req, res) => {
        arrivals.push(Date.now());
        replyJson(res, 429, { errors: [{ message: "slow down" }] }, { "retry-after": retryAfter });
      });
      const wb = client(server.url, {
        retry: { retries: 3, minDelayMs: 80, maxDelayMs: 1000, maxElapsedMs: 10_000 },
      });
      const started = Date.now();
      const error = await failureOf(runName(wb.run("acme/p/r1")));
      expect(error).toBeInstanceOf(WandbRateLimitError);
      expect(server.requests()).toBe(4);
      // Half of 80, 160 and 320 ms at least: 280 ms, where a busy loop takes a few.
      expect(Date.now() - started).toBeGreaterThanOrEqual(270);
      for (let i = 1; i < arrivals.length; i++) {
        expect((arrivals[i] as number) - (arrivals[i - 1] as number)).toBeGreaterThanOrEqual(35);
      }
    },
  );
});

describe("prototypes (item 7)", () => {
  const pollution = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"bad": 1}}, "_step": 1}';

  it("scanRunHistory with keys ['__proto__'] yields rows whose prototype is Object.prototype", async () => {
    const server = await hostile((_req, res) =>
      replyJson(res, 200, {
        data: {
          project: {
            run: { name: "r1", history: [pollution], historyKeys: '{"lastStep": 1}', lastStepSummary: "{}" },
          },
        },
      }),
    );
    const rows = [];
    for await (const row of scanRunHistory(client(server.url).run("acme/p/r1"), {
      keys: ["__proto__"],
      source: "pages",
    })) {
      rows.push(row);
    }
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.hasOwn(row, "__proto__")).toBe(true);
    expect(row.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("config, summary, sampled history and artifact metadata keep such keys as own properties", async () => {
    const server = await hostile((_req, res) =>
      replyJson(
        res,
        200,
        runsAnswer(
          lightRunNode("r1", {
            config: `{"__proto__": {"value": {"polluted": true}}, "constructor": {"value": 1}}`,
            summaryMetrics: pollution,
            sampledHistory: [[JSON.parse(pollution)]],
            outputArtifacts: {
              pageInfo: { endCursor: null, hasNextPage: false },
              edges: [{ node: artifactVersionNode({ metadata: pollution }) }],
            },
          }),
        ),
      ),
    );
    const run = client(server.url).run("acme/p/r1");
    const [config, summary, history, artifacts] = await Promise.all([
      runConfig(run),
      runSummary(run),
      runHistory(run, { keys: ["__proto__"] }),
      runLoggedArtifactVersions(run),
    ]);
    for (const value of [config, summary, history[0], artifacts[0]?.metadata]) {
      const object = value as Record<string, unknown>;
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect(Object.hasOwn(object, "__proto__")).toBe(true);
      expect(object.polluted).toBeUndefined();
    }
    expect(config.constructor).toBe(1);
  });
});

describe("huge inputs (item 8)", () => {
  it("a filter nested 100,000 deep is an InvalidArgumentError", async () => {
    let filters: Record<string, unknown> = { state: "finished" };
    for (let i = 0; i < 100_000; i++) filters = { $and: [filters] };
    const wb = client("http://127.0.0.1:1");
    const error = await failureOf(
      Promise.resolve().then(() => wb.runs("acme/p", { filters: filters as never }).toArray()),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/nest deeper than 100 levels/);
  });
});

describe("more hostile servers", () => {
  it("invalid UTF-8 in a JSON body", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        Buffer.concat([
          Buffer.from('{"data": {"project": "'),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('"}}'),
        ]),
      );
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbError);
  });

  it("a body that never ends, a byte at a time (slowloris), times out per attempt", async () => {
    const timers = new Set<NodeJS.Timeout>();
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 20);
      timers.add(timer);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failureOf(
      runName(
        client(server.url, { timeoutMs: 300, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } }).run(
          "acme/p/r1",
        ),
      ),
    );
    for (const timer of timers) clearInterval(timer);
    expect(error).toBeInstanceOf(WandbTimeoutError);
    expect(error.message).toMatch(
      /gave up after 2 attempts over \d+ ms \(all 1 retry used\); last failure: the answer \(HTTP 200\) did not finish within 300 ms$/,
    );
    // Two attempts of 300 ms, where without the per-attempt timeout it would never end.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("headers and then nothing", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.flushHeaders();
    });
    const error = await failureOf(
      runName(client(server.url, { timeoutMs: 200, retry: false }).run("acme/p/r1")),
    );
    expect(error).toBeInstanceOf(WandbTimeoutError);
    expect(error.message).toMatch(/the answer \(HTTP 200\) did not finish within 200 ms/);
  });

  it("a header larger than the client takes is not retried", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-huge": "h".repeat(100_000) });
      res.end("{}");
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbNetworkError);
    expect(server.requests()).toBe(1);
  });

  it("a body of JSON null", async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("null");
    });
    const error = await failureOf(runName(client(server.url).run("acme/p/r1")));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(server.requests()).toBe(1);
  });

  it("an HTTP/1.0 answer without a length, ended by closing the connection, is read", async () => {
    const { createServer } = await import("node:net");
    const raw = createServer((socket) => {
      socket.once("data", () => {
        const body = JSON.stringify(runsAnswer(lightRunNode("r1", { displayName: "old-school" })));
        socket.end(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
      await expect(runName(client(url).run("acme/p/r1"))).resolves.toBe("old-school");
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("a connection reset in the middle of the body is a network error, retried", async () => {
    const server = await hostile((req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"data": {"proj');
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      replyJson(res, 200, runsAnswer(lightRunNode("r1", { displayName: "second-time" })));
    });
    await expect(runName(client(server.url).run("acme/p/r1"))).resolves.toBe("second-time");
    expect(server.requests()).toBe(2);
  });

  it("a status HTTP does not define", async () => {
    const { createServer } = await import("node:net");
    const raw = createServer((socket) => {
      socket.once("data", () => socket.end("HTTP/1.1 999 Whatever\r\nContent-Length: 2\r\n\r\n{}"));
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
      const error = await failureOf(runName(client(url).run("acme/p/r1")));
      expect(error).toBeInstanceOf(WandbError);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("a certificate that does not verify is not retried", async () => {
    const tls = createTlsServer(selfSignedCertificate(), (_req, res) => replyJson(res, 200, {}));
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    try {
      let attempts = 0;
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      const error = await failureOf(
        runName(client(url, { onRequest: () => void attempts++ }).run("acme/p/r1")),
      );
      expect(error).toBeInstanceOf(WandbNetworkError);
      expect((error as WandbNetworkError).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
      expect(attempts).toBe(1);
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it("a port fetch refuses, and a name that does not exist, are not retried", async () => {
    let attempts = 0;
    const badPort = await failureOf(
      runName(client("http://127.0.0.1:6000", { onRequest: () => void attempts++ }).run("acme/p/r1")),
    );
    expect(badPort).toBeInstanceOf(WandbNetworkError);
    expect((badPort as WandbNetworkError).code).toBe("ERR_BAD_PORT");
    expect(attempts).toBe(1);
    // undici's error for a name that does not resolve, without asking a resolver.
    const notFound: typeof fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.wandb.example"), { code: "ENOTFOUND" }),
      });
    };
    let retries = 0;
    const error = await failureOf(
      client("http://127.0.0.1:1", { fetch: notFound, onRetry: () => void retries++ }).viewer(),
    );
    expect((error as WandbNetworkError).code).toBe("ENOTFOUND");
    expect(retries).toBe(0);
  });

  it("a refused connection is retried, and the give-up says how often, how long and why", async () => {
    const events: RetryEvent[] = [];
    const error = await failureOf(
      client("http://127.0.0.1:1", {
        fetch: async () => {
          throw new TypeError("fetch failed", {
            cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
          });
        },
        onRetry: (event) => events.push(event),
      }).viewer(),
    );
    expect(error).toBeInstanceOf(WandbNetworkError);
    expect(error.message).toMatch(
      /^Viewer: gave up after 3 attempts over \d+ ms \(all 2 retries used\); last failure: request to http:\/\/127\.0\.0\.1:1 failed: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:1 \(ECONNREFUSED\)$/,
    );
    expect(events.map((event) => [event.attempt, event.error.constructor.name])).toEqual([
      [1, "WandbNetworkError"],
      [2, "WandbNetworkError"],
    ]);
  });
});

it("shows the key in no rendering of any error above", () => {
  // Every probe above that failed went into `failures`.
  expect(failures.length).toBeGreaterThan(40);
  const forbidden = [...echoes, ...secretSpellings(apiKey)];
  const windows = (text: string) => Array.from({ length: text.length - 9 }, (_, i) => text.slice(i, i + 10));
  forbidden.push(...windows(apiKey), ...windows(basic.slice(8)));
  for (const error of failures) {
    const renderings = [
      String(error),
      (error as Error).message,
      (error as Error).stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(error, { depth: 2 }),
      JSON.stringify(error, Object.getOwnPropertyNames(error)),
    ];
    for (const text of renderings) {
      for (const secret of forbidden) {
        if (text.includes(secret)) throw new Error(`a rendering of ${String(error)} shows ${secret}`);
      }
    }
  }
});
