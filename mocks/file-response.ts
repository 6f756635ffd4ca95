/**
 * A {@link FileAnswer} as a fetch `Response` (for msw): bytes stream out chunk by chunk, so a large
 * generated file never sits in memory; a cut-off body errors its stream halfway, as a connection
 * that breaks does; a corrupt one has its first byte flipped.
 */
import type { FileAnswer } from "./file-store.js";

/** The chunks of a bytes answer as they go on the wire, up to its cut if it has one. */
export function* answerChunks(answer: Extract<FileAnswer, { kind: "bytes" }>): Generator<Uint8Array> {
  let first = true;
  for (const chunk of answer.content.chunks(
    answer.start ?? 0,
    answer.cutAt ?? answer.end ?? answer.content.size,
  )) {
    if (first && answer.corrupt && chunk.length > 0) {
      const copy = Uint8Array.from(chunk);
      copy[0] = (copy[0] as number) ^ 0xff;
      yield copy;
    } else {
      yield chunk;
    }
    first = false;
  }
}

/** The answer as a `Response` whose body is a stream. */
export function fileResponse(answer: FileAnswer): Response {
  if (answer.kind === "text") {
    // A redirect is followed (or not) by the client; msw hands it over as it is.
    return new Response(answer.status === 302 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  }
  const chunks = answerChunks(answer);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (!next.done) {
        controller.enqueue(next.value);
        return;
      }
      if (answer.cutAt !== undefined) controller.error(new Error("mock storage: connection reset mid-body"));
      else controller.close();
    },
  });
  return new Response(body, { status: answer.status, headers: answer.headers });
}
