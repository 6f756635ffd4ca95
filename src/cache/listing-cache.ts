/**
 * Listings and counts (`client.runs()` pages, `count()`): shared while in flight, then kept for
 * `cacheTtlMs` in the client and, with a shared store, in the store for the fleet. A page from the
 * store is untrusted: the caller's `valid` check reads it as it would read the server's answer,
 * and one it cannot read counts as a miss.
 */

import { readKey, SingleFlight } from "../loaders/single-flight.js";
import type { TransportRequest, TransportResult } from "../transport/http-transport.js";
import { storeKey } from "./cache-keys.js";
import type { SharedStore } from "./shared-store.js";
import { TtlMap } from "./ttl-map.js";

/** What a listing cache needs from its client. */
export interface ListingCacheContext {
  request<TData, TVariables>(request: TransportRequest<TData, TVariables>): Promise<TransportResult<TData>>;
  /** `cacheTtlMs`: 0 keeps nothing past the request in flight. */
  ttlMs: number;
  /** The fleet's store, when the client has one. */
  store: SharedStore | undefined;
  /** The store scope (base URL and viewer); `undefined` when the viewer cannot be told. */
  scope(): Promise<string | undefined>;
}

/** Per-call options of a cached listing read. */
export interface ListingReadOptions<TData> {
  /** Ask the server, and refresh the cache with its answer. */
  fresh?: boolean | undefined;
  /** Whether `data` read from the store can be read as the server's answer. */
  valid(data: TData): boolean;
}

/** Pages kept in one client, at most: a listing of 100,000 runs in pages of 50 is 2,000. */
const maxLocalEntries = 4096;

/** Per client: the listing reads in flight and those kept for `cacheTtlMs`. */
export class ListingCache {
  private readonly flights = new SingleFlight();
  private readonly local = new TtlMap<TransportResult<unknown>>(maxLocalEntries);

  constructor(private readonly context: ListingCacheContext) {}

  /** Forgets every kept page and count. */
  clear(): void {
    this.local.clear();
  }

  request<TData, TVariables>(
    request: TransportRequest<TData, TVariables>,
    options: ListingReadOptions<TData>,
  ): Promise<TransportResult<TData>> {
    const { ttlMs } = this.context;
    const key = readKey(request.document, request.variables);
    const fresh = options.fresh === true;
    if (!fresh) {
      const kept = this.local.get(key);
      if (kept) return Promise.resolve(kept as TransportResult<TData>);
    }
    return this.flights.run(key, request.signal, fresh, async (signal) => {
      const shared = ttlMs > 0 && this.context.store?.usable ? await this.context.scope() : undefined;
      const sharedKey = shared === undefined ? undefined : storeKey(shared, "listing", key);
      if (sharedKey !== undefined && !fresh) {
        const stored = readStored<TData>(await this.context.store?.get(sharedKey), key);
        if (stored && options.valid(stored.data as TData)) {
          this.local.set(key, stored, ttlMs);
          return stored as TransportResult<TData>;
        }
      }
      const answer = await this.context.request({ ...request, signal });
      if (answer.errors.length === 0 && answer.data !== null && ttlMs > 0) {
        this.local.set(key, answer, ttlMs);
        if (sharedKey !== undefined)
          void this.context.store?.set(
            sharedKey,
            { key, operationName: answer.operationName, data: answer.data },
            ttlMs,
          );
      }
      return answer;
    });
  }
}

/** A stored answer, when the entry is one for `key` in the shape this module writes. */
function readStored<TData>(entry: unknown, key: string): TransportResult<TData> | undefined {
  if (typeof entry !== "object" || entry === null) return undefined;
  const { key: storedKey, operationName, data } = entry as Record<string, unknown>;
  // The read's own text is stored beside it, so a hash collision or a misplaced entry is a miss.
  if (storedKey !== key || typeof operationName !== "string") return undefined;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  return { data: data as TData, errors: [], operationName };
}
