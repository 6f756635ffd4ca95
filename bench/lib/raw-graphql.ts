/**
 * Plain `fetch` GraphQL POSTs, with no SDK in the way: what the baselines send. The body is read
 * as text and parsed with `JSON.parse`, as any client must.
 */

/** Where and as whom the baselines post. */
export interface RawEndpoint {
  url: string;
  apiKey: string;
}

/** Connection failures retried per request: what any fetch-based client needs, and the SDK does. */
const connectionRetries = 2;

/**
 * POSTs `body` and resolves to the answer's status and text. A pooled connection the server closed
 * while idle (its keep-alive timeout, easily reached on a loaded machine) fails the next request
 * on it with ECONNRESET before any byte; such a failure (fetch's TypeError) is tried again.
 */
export async function postText(
  url: string,
  authorization: string,
  body: string,
): Promise<{ status: number; text: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body,
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= connectionRetries) throw error;
    }
  }
}

/** Posts one query; resolves to its `data`, rejects on a non-200 answer or GraphQL errors. */
export async function postGraphQL<T>(
  endpoint: RawEndpoint,
  operationName: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await postText(
    `${endpoint.url}/graphql`,
    `Basic ${Buffer.from(`api:${endpoint.apiKey}`).toString("base64")}`,
    JSON.stringify({ query, variables, operationName }),
  );
  const text = response.text;
  const body = JSON.parse(text) as { data?: T; errors?: Array<{ message: string }> };
  if (response.status !== 200 || body.errors?.length || !body.data) {
    const why = body.errors?.map((error) => error.message).join("; ") ?? text.slice(0, 200);
    throw new Error(`${operationName}: HTTP ${response.status}: ${why}`);
  }
  return body.data;
}
