/** Groups an async iterable into arrays, so each group's work can start together and batch. */

/** Yields arrays of `size` items (the last may be shorter) as soon as each is complete. */
export async function* chunksOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
