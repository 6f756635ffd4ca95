/**
 * Reading a GraphQL HTTP answer: the body as text, parsed once, checked for the shape of a GraphQL
 * result. A non-2xx answer becomes graphql-request's `ClientError` (status, body, and any GraphQL
 * errors it carried), as the transport's error mapping expects.
 *
 * The transport used to go through graphql-request's client, which re-parsed the query document
 * on every request and made the body be read twice (once to count its bytes, once more from a
 * rebuilt Response); reading it here once saves that work on every answer.
 */
import { ClientError } from "graphql-request";

/** What a 2xx answer held. */
export interface GraphQLBody<TData> {
  data: TData | null;
  /** The `errors` entries as sent (an object alone is taken as a list of one). */
  errors: unknown[];
}

/** What was sent, for the error's record of the request. */
export interface SentRequest {
  query: string;
  variables: unknown;
}

// Response.text() decodes the same way: UTF-8, a leading BOM dropped, bad bytes replaced.
const decoder = new TextDecoder();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body's `data` and `errors`; throws when it is not a GraphQL result. */
function readResult(text: string, contentType: string | null): { data: unknown; errors: unknown } {
  const type = contentType?.toLowerCase() ?? "";
  if (!type.includes("application/json") && !type.includes("application/graphql-response+json")) {
    throw new TypeError(`the answer is ${contentType ?? "without a content type"}, not JSON`);
  }
  const body: unknown = JSON.parse(text);
  if (!isPlainObject(body)) throw new TypeError("the answer is not a JSON object");
  const { data, errors } = body;
  if (errors !== undefined && !isPlainObject(errors) && !Array.isArray(errors)) {
    throw new TypeError("the answer's errors are neither a list nor an object");
  }
  if (data !== undefined && data !== null && !isPlainObject(data)) {
    throw new TypeError("the answer's data is not an object");
  }
  return { data, errors };
}

/**
 * Reads `response`'s body once. Resolves to the bytes received and the GraphQL result of a 2xx
 * answer; rejects with a `ClientError` for any other status, and with the parse error for a 2xx
 * body that is not a GraphQL result (cut short, not JSON). `onBytes` learns the body's size as
 * soon as it is read, before any of that.
 */
export async function readGraphQLAnswer<TData>(
  response: Response,
  sent: SentRequest,
  onBytes: (bytes: number) => void,
): Promise<GraphQLBody<TData>> {
  const bytes = await response.arrayBuffer();
  onBytes(bytes.byteLength);
  const text = decoder.decode(bytes);
  let result: { data: unknown; errors: unknown } | undefined;
  let failure: unknown;
  try {
    result = readResult(text, response.headers.get("content-type"));
  } catch (error) {
    failure = error;
  }
  if (!response.ok) {
    const answer = { status: response.status, headers: response.headers, body: text };
    // ClientError's types say errors are graphql-js GraphQLErrors; the transport reads them as
    // plain entries either way (toErrorEntry).
    type Answer = ConstructorParameters<typeof ClientError>[0];
    type Request = ConstructorParameters<typeof ClientError>[1];
    throw new ClientError(
      (result ? { ...answer, data: result.data, errors: result.errors } : answer) as Answer,
      sent as Request,
    );
  }
  if (!result) throw failure;
  const { data, errors } = result;
  return {
    data: (data ?? null) as TData | null,
    errors: errors === undefined ? [] : Array.isArray(errors) ? errors : [errors],
  };
}
