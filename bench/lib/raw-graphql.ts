/**
 * Plain `fetch` GraphQL POSTs, with no SDK in the way: what the baselines send. The body is read
 * as text and parsed with `JSON.parse`, as any client must.
 */

/** Where and as whom the baselines post. */
export interface RawEndpoint {
  url: string;
  apiKey: string;
}

/** POSTs `body` as JSON and resolves to the answer's status and text. */
export async function postText(
  url: string,
  authorization: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body,
  });
  return { status: response.status, text: await response.text() };
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
