/**
 * The client's side of a shared store: every call bounded by a short timeout, values serialized
 * here and read back as untrusted text, and a store that fails turned off for a while with one
 * warning. Nothing here ever rejects: a store that is slow, gone or full of junk costs cache hits,
 * never a read.
 */
import { CacheStoreError } from "../errors.js";
import { type CacheStore, isCacheStore } from "./store.js";

/** What a shared store needs besides the store. */
export interface SharedStoreOptions {
  /** Longest wait for one store call, in milliseconds; past it the call counts as failed. */
  timeoutMs: number;
  /** How long a store that failed stays off before the client tries it again, in milliseconds. */
  offForMs: number;
  /** Told once when the store starts failing (and again only after it worked in between). */
  warn(warning: CacheStoreError): void;
  /** Milliseconds now; tests pass their own clock. */
  now?: () => number;
}

/** Largest value read back or written, in characters: a store entry is a page or one run's fields. */
export const maxEntryChars = 64 * 1024 * 1024;

/** Keys per `getMany` call: a tick of 100,000 loads is 100 calls, not one answer of gigabytes. */
const maxKeysPerCall = 1000;

const timedOut = Symbol("timed out");

/** A {@link CacheStore} behind timeouts, (de)serialization and a circuit breaker. */
export class SharedStore {
  private offUntil = 0;
  private warned = false;
  private readonly now: () => number;

  constructor(
    private readonly store: CacheStore,
    private readonly options: SharedStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    // Keyv and @keyv/redis report a lost connection as an "error" event: one with no listener
    // would throw in the emitter, so the store's own events are heard here and count as a failure.
    const emitter = store as unknown as { on?: unknown };
    if (typeof emitter.on === "function") {
      try {
        (emitter.on as (event: string, listener: (error: unknown) => void) => unknown).call(
          store,
          "error",
          (error: unknown) => this.fail(error),
        );
      } catch {}
    }
  }

  /** Whether the store is in use now (not off after a failure). */
  get usable(): boolean {
    return this.now() >= this.offUntil;
  }

  /** The value stored under `key`, parsed; `undefined` for a miss, a bad entry or a failed call. */
  async get(key: string): Promise<unknown> {
    if (!this.usable) return undefined;
    return parseEntry(await this.call("get", () => this.store.get(key)));
  }

  /**
   * The values of `keys`, in order, each as {@link get} reads it: in one call when the store has
   * `getMany` (one `MGET` for a tick's runs), else a `get` per key.
   */
  async getMany(keys: readonly string[]): Promise<unknown[]> {
    if (!this.usable || keys.length === 0) return keys.map(() => undefined);
    const { store } = this;
    if (typeof store.getMany !== "function") return Promise.all(keys.map((key) => this.get(key)));
    const getMany = store.getMany.bind(store);
    const slices: Array<Promise<unknown[]>> = [];
    for (let start = 0; start < keys.length; start += maxKeysPerCall) {
      const slice = keys.slice(start, start + maxKeysPerCall);
      slices.push(
        this.call("getMany", () => getMany(slice)).then((got) =>
          // A store that answers with something else than one value per key answered nothing usable.
          Array.isArray(got) && got.length === slice.length
            ? got.map(parseEntry)
            : slice.map(() => undefined),
        ),
      );
    }
    return (await Promise.all(slices)).flat();
  }

  /** Stores `value` (plain JSON data) under `key` for `ttlMs`; never waits longer than the timeout. */
  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (!this.usable) return;
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      return;
    }
    if (text.length > maxEntryChars) return;
    // No read waits for a write, so a slow write is let be; only a failed one sets the store aside.
    await this.call("set", () => this.store.set(key, text, ttlMs), false);
  }

  private async call(what: string, job: () => Promise<unknown>, timeoutFails = true): Promise<unknown> {
    const started = this.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<typeof timedOut>((resolve) => {
        // Past the timeout, one more turn of the event loop: a busy process runs its timers before
        // the I/O that arrived meanwhile, and an answer already in the socket is not a timeout.
        timer = setTimeout(() => setImmediate(() => resolve(timedOut)), this.options.timeoutMs);
        timer.unref?.();
      });
      // The job starts now, not a microtask later: a write made before a read resolves is queued
      // on the store's connection ahead of any read made after it.
      const result = await Promise.race([job(), timeout]);
      if (result === timedOut) {
        if (!timeoutFails) return undefined;
        this.fail(new Error(`the store's ${what} took longer than ${this.options.timeoutMs} ms`));
        return undefined;
      }
      // Only a call made after the store was set aside proves it back (one made before may finish
      // after the failure), and only then may a later failure warn again.
      if (started >= this.offUntil) this.warned = false;
      return result;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(error: unknown): void {
    this.offUntil = this.now() + this.options.offForMs;
    if (this.warned) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    const warning = new CacheStoreError(
      `the shared cache store failed (${reason}); reads go to W&B without it for ${Math.round(this.options.offForMs / 1000)} s`,
      { cause: error },
    );
    try {
      this.options.warn(warning);
    } catch {}
  }
}

function parseEntry(got: unknown): unknown {
  if (typeof got !== "string" || got.length > maxEntryChars) return undefined;
  try {
    return JSON.parse(got) as unknown;
  } catch {
    return undefined;
  }
}

/** The store of the `cache` option, or `undefined` for `true`/`false`. */
export function storeOf(cache: unknown): CacheStore | undefined {
  return isCacheStore(cache) ? cache : undefined;
}
