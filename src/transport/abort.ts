/** Cancellation helpers: cancellable sleeps, per-caller rejection, and shared-request fan-in. */
import { setLongTimeout } from "../timers.js";

/** Throws the signal's reason when it has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.clear();
      reject(signal?.reason);
    };
    const timer = setLongTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects with the signal's reason the moment it fires, whichever
 * comes first. The promise itself runs on (other callers may be waiting on it).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The signal of a request several callers wait on: it fires only when every caller has aborted.
 * A caller without a signal can never abort, so it pins the request.
 */
export class AbortFanIn {
  private readonly controller = new AbortController();
  private waiters = 0;
  private aborted = 0;
  private pinned = false;
  private readonly cleanups: Array<() => void> = [];

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Adds a caller. Returns false when the request was already aborted and cannot be joined. */
  join(signal: AbortSignal | undefined): boolean {
    if (this.controller.signal.aborted) return false;
    this.waiters++;
    if (!signal) {
      this.pinned = true;
      return true;
    }
    if (signal.aborted) {
      this.onCallerAbort(signal);
      return true;
    }
    const listener = () => this.onCallerAbort(signal);
    signal.addEventListener("abort", listener, { once: true });
    this.cleanups.push(() => signal.removeEventListener("abort", listener));
    return true;
  }

  /** Drops the listeners on the callers' signals once the request is over. */
  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private onCallerAbort(signal: AbortSignal): void {
    this.aborted++;
    if (!this.pinned && this.aborted >= this.waiters) {
      this.dispose();
      this.controller.abort(signal.reason);
    }
  }
}
