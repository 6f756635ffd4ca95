/** Bounds the HTTP requests in flight; waiting is first come, first served, and cancellable. */
import { sleep } from "./abort.js";
export class ConcurrencyLimiter {
    max;
    active = 0;
    queue = [];
    // Set when the server says the rate-limit quota is spent (RateLimit-Remaining: 0).
    pausedUntil = 0;
    constructor(max) {
        this.max = max;
    }
    /** Resolves to a release function once a slot is free. */
    async acquire(signal) {
        if (this.active >= this.max) {
            await new Promise((resolve, reject) => {
                const grant = () => {
                    signal?.removeEventListener("abort", onAbort);
                    resolve();
                };
                const onAbort = () => {
                    const index = this.queue.indexOf(grant);
                    if (index >= 0)
                        this.queue.splice(index, 1);
                    reject(signal?.reason);
                };
                this.queue.push(grant);
                signal?.addEventListener("abort", onAbort, { once: true });
            });
        }
        else {
            this.active++;
        }
        const wait = this.pausedUntil - Date.now();
        if (wait > 0) {
            try {
                await sleep(wait, signal);
            }
            catch (error) {
                this.release();
                throw error;
            }
        }
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.release();
        };
    }
    /** Holds every request that has not started yet until `untilMs` (epoch milliseconds). */
    pauseUntil(untilMs) {
        this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    }
    release() {
        const next = this.queue.shift();
        // The slot passes straight to the next waiter, so `active` stays as it is.
        if (next)
            next();
        else
            this.active--;
    }
}
//# sourceMappingURL=concurrency.js.map