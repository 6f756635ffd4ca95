/**
 * The fake W&B without a transport: one function from a request (method, headers, body text) to an
 * answer (status, headers, body, or a dropped connection, and how long to wait first). The msw
 * handlers and the loopback HTTP server are thin shells around it, so both behave alike.
 *
 * Order of decisions for each request: 429 (by count), dropped connection, 5xx, then the API key
 * (401), then the body (400 when not JSON) and its execution, then a truncated 200 body.
 */
import { performance } from "node:perf_hooks";
import { recordRequestBody } from "./body-recorder.js";
import { MockDataset } from "./dataset.js";
import { executeGraphQL, type GraphQLBody } from "./execute.js";
import { createFaultPlan, type FaultDecision, rateLimitHeaders } from "./faults.js";
import { type FileAnswer, FileStore } from "./file-store.js";
import type { MockFaultKind, MockRequestRecord, MockRun, MockSweep, MockWandbOptions } from "./types.js";

/** A request as the core needs it. */
export interface MockHttpRequest {
  method: string;
  /** A header's value by lower-case name, `undefined` when absent. */
  header(name: string): string | undefined;
  bodyText: string;
  /** `https://host[:port]` the request was sent to (the W&B host of `File.url`s). */
  origin: string;
}

/** What a transport should do with a request. */
export type MockAnswer =
  | {
      kind: "respond";
      status: number;
      headers: Record<string, string>;
      body: string;
      /** Wait this long before answering (injected latency). */
      delayMs: number;
    }
  | { kind: "drop"; delayMs: number };

/** The transport-neutral fake W&B. */
export interface MockCore {
  /** The run descriptions served. */
  readonly runs: readonly MockRun[];
  /** Every request so far; the array is appended to in place. */
  readonly requests: MockRequestRecord[];
  handle(request: MockHttpRequest): MockAnswer;
  /** Every file's bytes and the file requests so far (see {@link FileStore}). */
  readonly files: FileStore;
  /** Answers `GET {api}/files/<key>`: the W&B host's file URL, which checks the key. */
  handleApiFile(pathAndQuery: string, authorization: string | undefined): FileAnswer;
  /** Clears the request logs and rewinds the fault plans to their seeds. */
  reset(): void;
  /** Changes a served run (see `MockWandb.updateRun`). */
  updateRun(path: string, changes: Partial<MockRun>): void;
}

const jsonHeaders = { "content-type": "application/json" };

/**
 * Makes the core. `demo` supplies the runs and sweeps when the options give none (the demo dataset;
 * passed in so that this module does not build it unless asked).
 */
export function createMockCore(
  options: MockWandbOptions,
  demo: { runs: () => readonly MockRun[]; sweeps: () => readonly MockSweep[] },
  storageOrigin: string,
): MockCore {
  const runs = options.runs ?? demo.runs();
  const sweeps = options.sweeps ?? (options.runs ? [] : demo.sweeps());
  const files = new FileStore(storageOrigin, options.faults?.files);
  const dataset = new MockDataset(runs, {
    projects: options.projects,
    viewer: options.viewer,
    artifacts: options.artifacts,
    sweeps,
    store: files,
  });
  const root = dataset.root();
  const plan = createFaultPlan(options.faults);
  const expectedAuthorization =
    options.apiKey === undefined
      ? undefined
      : `Basic ${Buffer.from(`api:${options.apiKey}`).toString("base64")}`;
  const requests: MockRequestRecord[] = [];

  function handle(request: MockHttpRequest): MockAnswer {
    const at = Date.now();
    const started = performance.now();
    const decision = plan.next();
    recordRequestBody(request.bodyText, request.header("user-agent"));
    const body = parseBody(request.bodyText);
    const touched = new Set<string>();
    const { answer, fault } = decide(request, body, decision, touched, at);
    const record: MockRequestRecord = {
      at,
      operationName: operationNameOf(body),
      variables: variablesOf(body),
      runs: [...touched],
      bytesIn: Buffer.byteLength(request.bodyText),
      bytesOut: answer.kind === "respond" ? Buffer.byteLength(answer.body) : 0,
      status: answer.kind === "respond" ? answer.status : 0,
      handlerMs: 0,
    };
    if (fault) record.fault = fault;
    record.handlerMs = performance.now() - started;
    requests.push(record);
    return answer;
  }

  function decide(
    request: MockHttpRequest,
    body: GraphQLBody | undefined,
    decision: FaultDecision,
    touched: Set<string>,
    at: number,
  ): { answer: MockAnswer; fault?: MockFaultKind } {
    const delayMs = decision.delayMs;
    const respond = (
      status: number,
      text: string,
      headers: Record<string, string> = jsonHeaders,
    ): MockAnswer => ({
      kind: "respond",
      status,
      headers,
      body: text,
      delayMs,
    });
    if (request.method.toUpperCase() !== "POST") {
      return {
        answer: respond(405, errorBody("GraphQL requests must be POST"), { ...jsonHeaders, allow: "POST" }),
      };
    }
    if (decision.rateLimited) {
      const headers = { ...jsonHeaders, ...rateLimitHeaders(options.faults?.rateLimit, at) };
      return { answer: respond(429, errorBody("rate limit exceeded"), headers), fault: "rate-limit" };
    }
    if (decision.drop) return { answer: { kind: "drop", delayMs }, fault: "drop" };
    if (decision.serverErrorStatus !== undefined) {
      const [text, headers] = serverErrorBody(decision.serverErrorStatus);
      return { answer: respond(decision.serverErrorStatus, text, headers), fault: "server-error" };
    }
    if (
      expectedAuthorization !== undefined &&
      !authorized(request.header("authorization"), expectedAuthorization)
    ) {
      return {
        answer: respond(401, errorBody("user is not logged in: the API key is missing or invalid")),
        fault: "auth",
      };
    }
    if (!body) return { answer: respond(400, errorBody("the request body is not a JSON object")) };
    const result = executeGraphQL(
      body,
      root,
      { touchRun: (path) => touched.add(path), apiOrigin: request.origin },
      options.serverLacks,
    );
    const text = JSON.stringify(result.payload);
    if (result.status === 200 && decision.truncate) {
      return { answer: respond(200, text.slice(0, decision.truncate(text.length))), fault: "truncate" };
    }
    return { answer: respond(result.status, text) };
  }

  return {
    runs,
    requests,
    handle,
    files,
    handleApiFile(pathAndQuery, authorization) {
      const allowed = expectedAuthorization === undefined || authorized(authorization, expectedAuthorization);
      return files.serveApi(pathAndQuery, allowed, authorization !== undefined);
    },
    reset() {
      requests.length = 0;
      plan.reset();
      files.reset();
    },
    updateRun(path, changes) {
      dataset.updateRun(path, changes);
    },
  };
}

function authorized(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const [scheme, credentials] = header.trim().split(/\s+/, 2);
  return scheme?.toLowerCase() === "basic" && `Basic ${credentials}` === expected;
}

function parseBody(text: string): GraphQLBody | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === "object" && !Array.isArray(body)
      ? (body as GraphQLBody)
      : undefined;
  } catch {
    return undefined;
  }
}

// The log names faulted requests too, so the name comes from the body without parsing the query.
function operationNameOf(body: GraphQLBody | undefined): string | null {
  if (typeof body?.operationName === "string" && body.operationName !== "") return body.operationName;
  if (typeof body?.query !== "string") return null;
  return (
    /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1] ??
    null
  );
}

function variablesOf(body: GraphQLBody | undefined): Record<string, unknown> {
  const variables = body?.variables;
  return variables !== null && typeof variables === "object" && !Array.isArray(variables)
    ? (variables as Record<string, unknown>)
    : {};
}

function errorBody(message: string): string {
  return JSON.stringify({ errors: [{ message }] });
}

// Gateways answer in their own formats, so 5xx bodies vary as a real deployment's do.
function serverErrorBody(status: number): [string, Record<string, string>] {
  switch (status) {
    case 502:
      return ["<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" }];
    case 503:
      return [JSON.stringify({ error: "service unavailable" }), jsonHeaders];
    case 504:
      return ["upstream request timeout", { "content-type": "text/plain" }];
    default:
      return [JSON.stringify({ errors: ["Internal server error"] }), jsonHeaders];
  }
}
