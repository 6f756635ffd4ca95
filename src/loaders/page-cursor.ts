/**
 * The one guard every cursor-paged loop of the artifact and file operations shares: when W&B says
 * more pages follow, the next cursor must exist and must move, or paging would never end.
 */
import { WandbResponseError } from "../errors.js";

/**
 * The cursor to ask the next page with, or undefined when there is none. Throws
 * {@link WandbResponseError} when `hasNextPage` comes without a cursor, or with the one just used.
 *
 * @param what - What is paged, for the message, e.g. `files of run acme/vision/1mbku38n`.
 */
export function nextCursor(
  what: string,
  hasNextPage: boolean,
  cursor: string | null | undefined,
  previous: string | null | undefined,
  operation: string,
): string | undefined {
  if (!hasNextPage) return undefined;
  if (!cursor || cursor === previous) {
    throw new WandbResponseError(
      `${what}: W&B said more pages follow but gave ${cursor ? "the same cursor again" : "no cursor"}; stopped paging`,
      { operation },
    );
  }
  return cursor;
}
