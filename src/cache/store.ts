/**
 * The shared store a fleet of clients reads and writes: Keyv's store shape, so `new KeyvRedis(url)`
 * (`@keyv/redis`), `new Keyv(store)` and other Keyv stores (Valkey, Memcached, …) plug in as they
 * are. Values go in as strings the SDK serialized itself, and come back as whatever the store
 * holds: untrusted, read again as if from the server.
 */

/**
 * A key-value store with expiry, shaped as Keyv's store interface. `ttl` is in milliseconds.
 * Only `get` and `set` are used on the read path; `delete` and `clear` complete the shape.
 */
export interface CacheStore {
  get(key: string): Promise<unknown>;
  /** Optional, as in Keyv's interface: many keys in one round trip (`MGET` on Redis). */
  getMany?(keys: string[]): Promise<unknown>;
  set(key: string, value: string, ttl?: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  clear(): Promise<unknown>;
}

/** Whether `value` has the four methods of a {@link CacheStore}. */
export function isCacheStore(value: unknown): value is CacheStore {
  if (typeof value !== "object" || value === null) return false;
  const methods = value as Record<string, unknown>;
  return ["get", "set", "delete", "clear"].every((name) => typeof methods[name] === "function");
}
