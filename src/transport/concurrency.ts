/** Bounds the HTTP requests in flight; waiting is first come, first served, and cancellable. */
import { sleep } from "./abort.js";

/** What the loaders' dispatcher sees of the request slots: it sends a batch only into a free one. */
export interface RequestSlots {
  /** Slots a request started now would take without waiting. */
  readonly free: number;
  /** Calls `listener` each time a slot becomes free that no queued request takes. */
  onFree(listener: () => void): void;
}

export class ConcurrencyLimiter implements RequestSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly freeListeners: Array<() => void> = [];
  // Set when the server says the rate-limit quota is spent (RateLimit-Remaining: 0).
  private pausedUntil = 0;

  constructor(private readonly max: number) {}

  /** Resolves to a release function once a slot is free. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = this.queue.indexOf(grant);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal?.reason);
        };
        this.queue.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    } else {
      this.active++;
    }
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      try {
        await sleep(wait, signal);
      } catch (error) {
        this.release();
        throw error;
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  get free(): number {
    return this.max - this.active;
  }

  onFree(listener: () => void): void {
    this.freeListeners.push(listener);
  }

  /** Holds every request that has not started yet until `untilMs` (epoch milliseconds). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter, so `active` stays as it is.
    if (next) next();
    else {
      this.active--;
      for (const listener of this.freeListeners) listener();
    }
  }
}
