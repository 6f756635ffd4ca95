/**
 * One planned request of run fields on the wire: the generated `RunsByName` document with each
 * chunk as a part, sent through {@link sendParts} (a request of several projects that fails as a
 * whole is split, each part sent alone once), each part's answer handed to the ingester.
 *
 * A request of one project says which (`project`), so the transport tells a 403 that is the
 * project's from one that is the key's (`transport/refusals.ts`); a 403 on a request of several
 * projects is split like any failure that may concern one part.
 */
import { graphQLError } from "./answers.js";
import { type PartContext, readPart } from "./batch-answer.js";
import { batchDocument, batchVariables, isPartAlias, partAlias } from "./batch-document.js";
import { type Chunk, type Load, type PlannedRequest, partVariables } from "./batch-plan.js";
import { sendParts } from "./send-parts.js";

/** What sending a request needs besides the request. */
export interface SendContext<L extends Load> extends PartContext<L> {
  /** The transport's deadline for a whole call (`retry.maxElapsedMs`); split parts stay within it. */
  maxElapsedMs: number;
}

/** Sends `request` and delivers an outcome to each of its runs; never rejects. */
export async function sendRequest<L extends Load>(
  request: PlannedRequest<L>,
  context: SendContext<L>,
): Promise<void> {
  const failAll = (chunks: readonly Chunk<L>[], error: Error) => {
    for (const chunk of chunks) for (const planned of chunk.runs) context.deliver(planned, error);
  };
  await sendParts(request, context.signal, {
    send: (chunks, signal) =>
      context.transport.request({
        document: batchDocument(chunks.length),
        variables: batchVariables(chunks.map((chunk) => partVariables(chunk, null))),
        signal,
        runs: chunks.flatMap((chunk) => chunk.runs.map((planned) => planned.run.path)),
        project: chunks.length === 1 ? projectOf(chunks[0] as Chunk<L>) : undefined,
      }),
    read: async (chunks, answer, stray, signal) => {
      if (stray.length > 0) return failAll(chunks, graphQLError(stray, answer.data, answer.operationName));
      await Promise.all(
        chunks.map((chunk, index) => {
          const alias = partAlias(index, chunks.length);
          return readPart(
            chunk,
            {
              project: answer.data?.[alias],
              errors:
                answer.errors.length === 0
                  ? answer.errors
                  : answer.errors.filter((error) => error.path?.[0] === alias),
              alias,
              operationName: answer.operationName,
            },
            { ...context, signal },
          );
        }),
      );
    },
    fail: failAll,
    isPartAlias,
    maxElapsedMs: context.maxElapsedMs,
  });
}

function projectOf(chunk: Chunk<Load>): string {
  return `${chunk.entity}/${chunk.project}`;
}
