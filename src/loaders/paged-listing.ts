/**
 * A listing read page by page through the one page guard: projects, artifact types, collections,
 * versions. Each page is one request, made only when the items before it are used up.
 */
import { throwIfAborted } from "../transport/abort.js";
import { ceilingFor, PageGuard } from "./paging.js";

/** One page as a listing reads it: its items, and what W&B said of the rest. */
export interface ListingPage<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** How many items W&B counted in the whole listing, when the connection says. */
  totalCount?: number | undefined;
}

/** What a listing is, for its error messages. */
export interface ListingLabel {
  /** What the pages hold, e.g. `"projects of acme"`. */
  what: string;
  operation: string;
}

/** A listing without a count gets this many items' worth of pages before it gives up. */
const maxItemsWithoutCount = 1_000_000;

/**
 * The items of a paged listing as an async iterable: `for await (const item of listing)`, or
 * `await listing.toArray()`. A cursor that does not move, comes back, or pages past what W&B
 * counted end the listing with a WandbResponseError instead of paging forever.
 */
export class PagedListing<T> implements AsyncIterable<T> {
  readonly #readPage: (after: string | null) => Promise<ListingPage<T>>;
  readonly #label: ListingLabel;
  readonly #key: (item: T) => string;
  readonly #signal: AbortSignal | undefined;

  /** @internal Made by the client and the operations. */
  constructor(
    readPage: (after: string | null) => Promise<ListingPage<T>>,
    label: ListingLabel,
    key: (item: T) => string,
    signal: AbortSignal | undefined,
  ) {
    this.#readPage = readPage;
    this.#label = label;
    this.#key = key;
    this.#signal = signal;
  }

  /** Yields the items page by page; an item W&B repeats across pages is yielded once. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const seen = new Set<string>();
    let guard: PageGuard | undefined;
    let after: string | null = null;
    for (;;) {
      throwIfAborted(this.#signal);
      const page = await this.#readPage(after);
      guard ??= new PageGuard(
        this.#label,
        page.totalCount === undefined
          ? ceilingFor(maxItemsWithoutCount, `W&B gave no count; at most ${maxItemsWithoutCount} assumed`)
          : ceilingFor(page.totalCount, `W&B counted ${page.totalCount}`),
      );
      let fresh = 0;
      for (const item of page.items) {
        const key = this.#key(item);
        if (seen.has(key)) continue;
        seen.add(key);
        fresh++;
        yield item;
      }
      if (!page.hasNextPage) return;
      after = guard.next(page.endCursor, fresh);
    }
  }

  /** Every item in one array. */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
