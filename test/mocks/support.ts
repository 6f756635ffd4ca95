/**
 * Test plumbing for the mock's suites: one msw server per file with `onUnhandledRequest: "error"`,
 * a way to swap the fake W&B it serves, and POST helpers that return status, headers and body.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, print } from "graphql";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { createMockWandb, type MockWandb } from "../../mocks/create-mock-wandb.js";
import type { MockWandbOptions } from "../../mocks/types.js";
import { type JsonValue, parseTolerantJson } from "../../src/wire/json.js";

export const endpoint = "https://api.wandb.ai/graphql";

/** A GraphQL answer as a test reads it. */
export interface Answer<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: TData | null; errors?: Array<{ message: string; path?: Array<string | number> }> };
}

/** Starts msw for this file; `serve` makes a fake W&B and points msw at it. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  return {
    serve(options: MockWandbOptions = {}): MockWandb {
      const mock = createMockWandb(options);
      server.resetHandlers(...mock.handlers);
      return mock;
    },
  };
}

/** POSTs a raw body (a string is sent as it is) and reads the answer. */
export async function postRaw(
  body: unknown,
  headers: Record<string, string> = {},
  url = endpoint,
): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Answer["body"] = {};
  try {
    parsed = JSON.parse(text) as Answer["body"];
  } catch {
    // Left empty: the test looks at `text` (truncated bodies, gateway pages).
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Runs a query (text or document) with variables. */
export function gql(
  query: string | DocumentNode,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const text = typeof query === "string" ? query : print(query);
  return postRaw({ query: text, variables }, headers);
}

/** Runs one of the SDK's typed documents; `data` comes typed. */
export async function gqlTyped<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<Answer<TData>> {
  return (await gql(document, variables)) as Answer<TData>;
}

/** Parses a JSONString field with the SDK's tolerant parser (bare NaN accepted). */
export function parseJsonString(text: unknown): JsonValue {
  if (typeof text !== "string") throw new Error(`expected a JSONString, got ${JSON.stringify(text)}`);
  return parseTolerantJson(text);
}

/** Basic auth for an API key, as W&B clients send it. */
export function basicAuth(key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`api:${key}`).toString("base64")}` };
}

/** `data.project` of an answer, which must be there. */
export function projectOf<T>(answer: Answer): T {
  const project = answer.body.data?.project;
  if (!project) throw new Error(`no project in ${answer.text}`);
  return project as T;
}
