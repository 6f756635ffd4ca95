/**
 * The one guard every paged listing goes through: the runs of `client.runs()`, the further run
 * pages of a batch, the further pages of a run's artifacts. W&B says "more follow" with
 * `hasNextPage` and a cursor; a server that keeps saying so must keep moving forward, or the
 * listing ends in a {@link WandbResponseError} instead of paging forever.
 */
import { WandbResponseError } from "../errors.js";

/** What a listing is, for its error messages. */
export interface PageLabel {
  /** What the pages hold, e.g. `"runs of acme/vision"`, `"outputArtifacts of run acme/vision/1x2y"`. */
  what: string;
  operation: string;
  runPath?: string | undefined;
  /** The connection field, e.g. `outputArtifacts`. */
  field?: string | undefined;
}

/** The most pages a listing may read, and the server's own figure it was derived from. */
export interface PageCeiling {
  pages: number;
  /** Says where `pages` came from, e.g. `"W&B counted 120 runs"`. */
  basis: string;
}

/** Pages in a row that may bring nothing new while claiming more before the listing gives up. */
export const fruitlessPageLimit = 3;

/**
 * The ceiling of a listing whose every useful page brings at least one new item: one page per item
 * the server said it holds, plus room for items added while the listing runs and a few pages that
 * bring nothing.
 */
export function ceilingFor(items: number, basis: string): PageCeiling {
  const count = Math.max(0, Math.floor(items));
  return { pages: count + Math.ceil(count / 10) + fruitlessPageLimit + 1, basis };
}

/**
 * Checks each page that claims more follow, and hands back the cursor of the next one. Throws
 * when the cursor is missing, does not move, comes back to one seen before (a cycle, found with
 * Brent's method in constant memory), when {@link fruitlessPageLimit} pages in a row bring nothing
 * new, or when the listing passes its ceiling.
 */
export class PageGuard {
  private pagesRead = 1;
  private fruitless = 0;
  private previous: string | undefined;
  // Brent's cycle detection: a cursor kept at power-of-two distances; meeting it again is a cycle.
  private kept: string | undefined;
  private power = 1;
  private sinceKept = 0;

  constructor(
    private readonly label: PageLabel,
    private readonly ceiling: PageCeiling,
  ) {}

  /**
   * @param cursor - The cursor the page gives for the next one.
   * @param fresh - How many items the page brought that the listing had not seen.
   * @returns The cursor to ask for the next page with.
   */
  next(cursor: unknown, fresh: number): string {
    const { what } = this.label;
    if (typeof cursor !== "string" || cursor === "") {
      throw this.error(`W&B said more ${what} follow but gave no cursor (${String(cursor)})`);
    }
    if (cursor === this.previous) {
      throw this.error(`W&B said more ${what} follow but the cursor did not advance (${cursor})`);
    }
    if (cursor === this.kept) {
      throw this.error(`the pages of ${what} go round in a cycle: cursor ${cursor} came back`);
    }
    this.fruitless = fresh > 0 ? 0 : this.fruitless + 1;
    if (this.fruitless >= fruitlessPageLimit) {
      throw this.error(
        `${this.fruitless} pages of ${what} in a row brought nothing new while W&B said more follow`,
      );
    }
    if (this.pagesRead >= this.ceiling.pages) {
      throw this.error(
        `${what} still claim more after ${this.pagesRead} pages, the most a listing of that size needs (${this.ceiling.basis})`,
      );
    }
    this.sinceKept++;
    if (this.sinceKept === this.power) {
      this.kept = cursor;
      this.power *= 2;
      this.sinceKept = 0;
    }
    this.previous = cursor;
    this.pagesRead++;
    return cursor;
  }

  private error(message: string): WandbResponseError {
    const { operation, runPath, field } = this.label;
    return new WandbResponseError(`${operation}: ${message}`, { operation, runPath, field });
  }
}
