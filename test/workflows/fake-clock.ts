// A clock the tests step by hand: timers fire in order as time advances, and every promise the
// fired callbacks start gets to settle before the next one fires.
import type { PollerClock } from "../../src/workflows/run-poller.js";

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

/** Lets every pending promise callback (and msw's handlers, which await I/O) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements PollerClock {
  private time: number;
  private readonly timers = new Set<Timer>();
  private order = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, order: this.order++, callback };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing each timer due on the way at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers]
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next) break;
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.callback();
      await settle();
      await settle();
    }
    this.time = end;
    await settle();
  }
}
