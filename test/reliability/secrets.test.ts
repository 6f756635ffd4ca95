// No error message, property, stack, toJSON, util.inspect output or onRequest event ever holds the
// API key or its Basic-auth form, even when the server echoes the Authorization header back in
// every answer it gives, and when a user's fetch puts the headers into its own errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createClient,
  InvalidArgumentError,
  ProjectNotFoundError,
  type RequestEvent,
  RunNotFoundError,
  runConfig,
  runName,
  runSummary,
  WandbAuthError,
  type WandbError,
  WandbGraphQLError,
  WandbNetworkError,
  WandbRateLimitError,
  WandbResponseError,
  WandbTimeoutError,
} from "../../src/index.js";
import { recordGraphQLBody, replyJson as reply } from "../helpers/loopback.js";

const apiKey = "leaky-9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc";
const basic = Buffer.from(`api:${apiKey}`).toString("base64");

// Each path of the base URL picks how the server misbehaves; every answer quotes the credentials.
type Behaviour = (req: IncomingMessage, res: ServerResponse, echo: string) => void;
const behaviours: Record<string, Behaviour> = {
  unauthorized: (_req, res, echo) => reply(res, 401, { errors: [{ message: `bad credentials: ${echo}` }] }),
  "graphql-errors": (_req, res, echo) =>
    reply(res, 200, {
      errors: [
        {
          message: `permission denied for ${echo}`,
          path: ["project", "runs", "edges", 0, "node", "summaryMetrics"],
          extensions: { header: echo, key: apiKey },
        },
      ],
      data: {
        project: {
          runs: {
            pageInfo: { endCursor: null, hasNextPage: false },
            edges: [{ node: { name: "r1", summaryMetrics: null, echoed: echo } }],
          },
        },
      },
    }),
  whole: (_req, res, echo) =>
    reply(res, 200, { errors: [{ message: `denied ${echo}` }], data: { project: null } }),
  crash: (_req, res, echo) => {
    res.writeHead(500, { "content-type": "text/html" });
    res.end(`<html>Internal error while handling ${echo} (key ${apiKey})</html>`);
  },
  limited: (_req, res, echo) =>
    reply(res, 429, { errors: [{ message: `slow down, ${echo}` }] }, { "retry-after": "3600" }),
  garbage: (_req, res, echo) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"data": ${echo}`);
  },
  badsummary: (_req, res, echo) =>
    reply(res, 200, {
      data: {
        project: {
          runs: {
            pageInfo: { endCursor: null, hasNextPage: false },
            edges: [{ node: { name: "r1", summaryMetrics: `{"k": "${echo}", nan}` } }],
          },
        },
      },
    }),
  missing: (_req, res) =>
    reply(res, 200, {
      data: { project: { runs: { pageInfo: { endCursor: null, hasNextPage: false }, edges: [] } } },
    }),
  noproject: (_req, res) => reply(res, 200, { data: { project: null } }),
  hang: () => {},
};

let server: Server;
let origin = "";
const errors: unknown[] = [];
const events: RequestEvent[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    recordGraphQLBody(req);
    req.resume();
    req.on("end", () => {
      const behaviour = behaviours[(req.url ?? "").split("/")[1] ?? ""];
      behaviour?.(
        req,
        res,
        `${req.headers.authorization} ${req.headers.authorization?.replace("Basic ", "")}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(path: string, extra: Parameters<typeof createClient>[0] = {}) {
  return createClient({
    apiKey,
    baseUrl: `${origin}/${path}`,
    timeoutMs: 200,
    retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 5000 },
    onRequest: (event) => events.push(event),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  errors.push(error);
  return error;
}

describe("every failure the SDK reports", () => {
  it("keeps the class each case calls for", async () => {
    expect(await failure(runName(client("unauthorized").run("acme/p/r1")))).toBeInstanceOf(WandbAuthError);
    const fieldError = await failure(runSummary(client("graphql-errors").run("acme/p/r1")));
    expect(fieldError).toBeInstanceOf(WandbGraphQLError);
    expect((fieldError as WandbGraphQLError).runPath).toBe("acme/p/r1");
    expect(await failure(runName(client("whole").run("acme/p/r1")))).toBeInstanceOf(WandbGraphQLError);
    const crash = await failure(runName(client("crash").run("acme/p/r1")));
    expect(crash).toBeInstanceOf(WandbGraphQLError);
    expect((crash as WandbError).status).toBe(500);
    expect(await failure(runName(client("limited").run("acme/p/r1")))).toBeInstanceOf(WandbRateLimitError);
    expect(await failure(runName(client("garbage").run("acme/p/r1")))).toBeInstanceOf(WandbResponseError);
    const unreadable = await failure(runSummary(client("badsummary").run("acme/p/r1")));
    expect(unreadable).toBeInstanceOf(WandbResponseError);
    expect((unreadable as WandbResponseError).field).toBe("summaryMetrics");
    expect(await failure(runName(client("missing").run("acme/p/r1")))).toBeInstanceOf(RunNotFoundError);
    expect(await failure(runName(client("noproject").run("acme/p/r1")))).toBeInstanceOf(ProjectNotFoundError);
    expect(await failure(runName(client("hang").run("acme/p/r1")))).toBeInstanceOf(WandbTimeoutError);
    expect(await failure(client("x", { baseUrl: "http://127.0.0.1:9" }).viewer())).toBeInstanceOf(
      WandbNetworkError,
    );
    expect(
      await failure(runConfig(client("graphql-errors").run("acme/p/r1"), { keys: "lr" } as never)),
    ).toBeInstanceOf(InvalidArgumentError);
  });

  it("scrubs credentials a user's fetch puts into its own error", async () => {
    const leakyFetch: typeof fetch = async (_input, init) => {
      throw new TypeError(
        `cannot send headers ${JSON.stringify(Object.fromEntries(new Headers(init?.headers)))}`,
      );
    };
    const error = await failure(client("graphql-errors", { fetch: leakyFetch }).viewer());
    expect(error).toBeInstanceOf(WandbNetworkError);
    expect((error as Error).message).toMatch(/\[redacted\]/);
  });

  it("never shows the key or its Basic form, in any rendering of any error or event", () => {
    expect(errors.length).toBeGreaterThanOrEqual(13);
    expect(events.length).toBeGreaterThan(10);
    for (const error of errors) {
      const renderings = [
        String(error),
        (error as Error).message,
        (error as Error).stack ?? "",
        JSON.stringify(error),
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        JSON.stringify(error, Object.getOwnPropertyNames(error)),
      ];
      for (const text of renderings) {
        expect(text).not.toContain(apiKey);
        expect(text).not.toContain(basic);
      }
    }
    const echoed = errors.filter((error) =>
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }).includes("[redacted]"),
    );
    // The server quoted the credentials in every answer; the SDK showed none of them.
    expect(echoed.length).toBeGreaterThanOrEqual(6);
    const eventText = JSON.stringify(events);
    expect(eventText).not.toContain(apiKey);
    expect(eventText).not.toContain(basic);
  });
});
