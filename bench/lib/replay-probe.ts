/**
 * The client-cost probe: the SDK's own batched requests sent again with plain `fetch`, answers
 * read with `JSON.parse` and the tolerant parser on config, summary and artifact metadata, and no
 * other work. Its CPU is what any fetch-based client pays to receive and parse the same bytes: the
 * part of the SDK's cost per operation that is not the SDK's own.
 */
import { parseTolerantJson } from "../../src/wire/json.js";
import { runPool } from "./pool.js";
import { postText } from "./raw-graphql.js";

/** A `fetch` that records the bodies it sends, for {@link replayBodies}. */
export function recordingFetch(bodies: string[]): typeof fetch {
  return (input, init) => {
    if (typeof init?.body === "string") bodies.push(init.body);
    return fetch(input, init);
  };
}

interface BatchAnswer {
  data?: Record<
    string,
    {
      runs?: {
        edges: Array<{
          node: {
            config?: string | null;
            summaryMetrics?: string | null;
            outputArtifacts?: { edges: Array<{ node: { metadata: string | null } | null }> } | null;
          } | null;
        }>;
      } | null;
    } | null
  >;
}

/** Sends `bodies` again, `concurrency` at a time, and parses the answers; resolves to runs read. */
export async function replayBodies(
  url: string,
  apiKey: string,
  bodies: readonly string[],
  concurrency: number,
): Promise<number> {
  let runs = 0;
  const authorization = `Basic ${Buffer.from(`api:${apiKey}`).toString("base64")}`;
  await runPool(
    bodies.length,
    concurrency,
    async (index) => {
      const answer = JSON.parse(
        (await postText(`${url}/graphql`, authorization, bodies[index] as string)).text,
      ) as BatchAnswer;
      for (const part of Object.values(answer.data ?? {})) {
        for (const edge of part?.runs?.edges ?? []) {
          const node = edge.node;
          if (!node) continue;
          parseTolerantJson(node.config ?? "{}");
          parseTolerantJson(node.summaryMetrics ?? "{}", { specialStrings: true });
          for (const artifact of node.outputArtifacts?.edges ?? [])
            parseTolerantJson(artifact.node?.metadata ?? "{}");
          runs++;
        }
      }
    },
    60_000,
  );
  return runs;
}
