/**
 * Entries of the shared store in the client's scope (base URL and viewer): a kind of read and the
 * read's own text make the key, and the read's text is stored beside the value, so an entry under
 * the wrong key (a collision, a hand-edited store) is a miss.
 */
import { storeKey } from "./cache-keys.js";
import type { SharedStore } from "./shared-store.js";
import type { ViewerScope } from "./viewer-scope.js";

/** One client's reads and writes of plain entries in the shared store. */
export class SharedEntries {
  constructor(
    private readonly store: SharedStore,
    private readonly scope: ViewerScope,
  ) {}

  /** Whether the store is in use now (not set aside after a failure). */
  get usable(): boolean {
    return this.store.usable;
  }

  /** The value stored for `read` of `kind`; `undefined` for a miss or an entry for another read. */
  async get(kind: string, read: string): Promise<unknown> {
    return (await this.getMany(kind, [read]))[0];
  }

  /**
   * The values stored for `reads` of `kind`, in order, each as {@link get} reads it: one store
   * call for all of them when the store can (`getMany`, one `MGET` on Redis).
   */
  async getMany(kind: string, reads: readonly string[]): Promise<unknown[]> {
    const none = () => reads.map(() => undefined);
    if (!this.store.usable || reads.length === 0) return none();
    const scope = await this.scope();
    if (scope === undefined) return none();
    const entries = await this.store.getMany(reads.map((read) => storeKey(scope, kind, read)));
    return reads.map((read, index) => {
      const entry = entries[index];
      if (typeof entry !== "object" || entry === null) return undefined;
      const { read: storedRead, value } = entry as Record<string, unknown>;
      return storedRead === read ? value : undefined;
    });
  }

  /** Stores `value` (plain JSON data) for `read` of `kind`; never waits on the store. */
  set(kind: string, read: string, value: unknown, ttlMs: number): void {
    if (!this.store.usable) return;
    const write = (scope: string | undefined) => {
      if (scope !== undefined) void this.store.set(storeKey(scope, kind, read), { read, value }, ttlMs);
    };
    const known = this.scope.known();
    if (known !== undefined) write(known);
    else void this.scope().then(write);
  }
}
