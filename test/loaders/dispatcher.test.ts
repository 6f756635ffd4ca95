// The dispatcher with hand-made slots and queues, ticks stepped by hand: when loads leave.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type BatchQueue, Dispatcher } from "../../src/loaders/dispatcher.js";

/** Slots the test frees by hand. */
function slots(count: number) {
  const listeners: Array<() => void> = [];
  const state = {
    free: count,
    onFree: (listener: () => void) => listeners.push(listener),
    release(n = 1) {
      state.free += n;
      for (const listener of listeners) listener();
    },
  };
  return state;
}

/** A queue holding `loads` loads; each request it sends takes one slot and up to `perRequest` loads. */
interface TestQueue extends BatchQueue {
  loads: number;
  sent: number[];
}

function queue(slotState: { free: number }, perRequest = 50): TestQueue {
  const state: TestQueue = {
    loads: 0,
    sent: [],
    get waiting(): boolean {
      return state.loads > 0;
    },
    sendWaiting(free: number): number {
      let requests = 0;
      while (state.loads > 0 && requests < free) {
        const taken = Math.min(perRequest, state.loads);
        state.loads -= taken;
        state.sent.push(taken);
        slotState.free--;
        requests++;
      }
      return requests;
    },
  };
  return state;
}

/** A dispatcher whose end-of-tick flushes run when the test calls `tick()`. */
function dispatcher(slotState: ReturnType<typeof slots>, batchWindowMs = 0) {
  const scheduled: Array<() => void> = [];
  const made = new Dispatcher(slotState, { batchWindowMs, schedule: (flush) => scheduled.push(flush) });
  const tick = () => {
    for (const flush of scheduled.splice(0)) flush();
  };
  return { dispatcher: made, tick, scheduled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Dispatcher", () => {
  it("sends a lone load at the end of its tick when a slot is free, and schedules one flush per tick", () => {
    const free = slots(6);
    const { dispatcher: d, tick, scheduled } = dispatcher(free);
    const q = queue(free);
    d.register(q);
    q.loads = 3;
    d.loadAdded();
    d.loadAdded();
    expect(scheduled).toHaveLength(1);
    expect(q.sent).toEqual([]);
    tick();
    expect(q.sent).toEqual([3]);
  });

  it("keeps loads waiting while every slot is busy, and plans them into the slot that frees", () => {
    const free = slots(1);
    const { dispatcher: d, tick } = dispatcher(free);
    const q = queue(free);
    d.register(q);
    q.loads = 1;
    d.loadAdded();
    tick();
    expect(q.sent).toEqual([1]);
    // Arrivals over several ticks while the only slot is taken: none leaves.
    for (let arrival = 0; arrival < 5; arrival++) {
      q.loads += 7;
      d.loadAdded();
      tick();
    }
    expect(q.sent).toEqual([1]);
    free.release();
    tick();
    expect(q.sent).toEqual([1, 35]);
  });

  it("sends no more requests than free slots; the rest goes as slots free", () => {
    const free = slots(2);
    const { dispatcher: d, tick } = dispatcher(free);
    const q = queue(free);
    d.register(q);
    q.loads = 230;
    d.loadAdded();
    tick();
    expect(q.sent).toEqual([50, 50]);
    free.release(2);
    tick();
    expect(q.sent).toEqual([50, 50, 50, 50]);
    free.release();
    tick();
    expect(q.sent).toEqual([50, 50, 50, 50, 30]);
  });

  it("lets queues take turns for the free slots", () => {
    const free = slots(1);
    const { dispatcher: d, tick } = dispatcher(free);
    const first = queue(free);
    const second = queue(free);
    d.register(first);
    d.register(second);
    first.loads = 100;
    second.loads = 100;
    d.loadAdded();
    tick();
    free.release();
    tick();
    expect([first.sent, second.sent]).toEqual([[50], [50]]);
  });

  it("with batchWindowMs, holds the first load for the window, sharing it with later ones", () => {
    vi.useFakeTimers();
    const free = slots(6);
    const { dispatcher: d, tick } = dispatcher(free, 50);
    const q = queue(free);
    d.register(q);
    q.loads = 1;
    d.loadAdded();
    vi.advanceTimersByTime(30);
    tick();
    q.loads += 4;
    d.loadAdded();
    vi.advanceTimersByTime(19);
    tick();
    expect(q.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    tick();
    expect(q.sent).toEqual([5]);
  });

  it("with batchWindowMs, loads that arrive while others wait for a slot leave with them, not after a window", () => {
    vi.useFakeTimers();
    const free = slots(1);
    const { dispatcher: d, tick } = dispatcher(free, 50);
    const q = queue(free, 10);
    d.register(q);
    q.loads = 20;
    d.loadAdded();
    vi.advanceTimersByTime(50);
    tick();
    expect(q.sent).toEqual([10]);
    q.loads += 5;
    d.loadAdded();
    free.release();
    tick();
    expect(q.sent).toEqual([10, 10]);
    free.release();
    tick();
    expect(q.sent).toEqual([10, 10, 5]);
  });
});
