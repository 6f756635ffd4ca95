/**
 * The dispatcher: the one place that decides when batched loads leave. Loads wait in their queue
 * while every request slot is busy; when a slot frees (or at the end of the tick a load arrived
 * in, when one is free already), each queue plans its requests from everything waiting. So a lone
 * call on an idle client leaves in the tick it was made, and calls that arrive while the
 * connection is busy share the next request instead of queueing one request each behind the slots.
 *
 * It knows nothing of runs: a kind of batched lookup plugs in as a {@link BatchQueue} (run fields
 * do; so can any other lookup that batches per request). The slots are the transport's own, so
 * requests that do not batch (runs pages, artifact pages, history scans) count against them too.
 */
import { type LongTimer, setLongTimeout } from "../timers.js";
import type { RequestSlots } from "../transport/concurrency.js";

/** A queue of waiting loads of one kind, which the dispatcher drains into free slots. */
export interface BatchQueue {
  /** Whether any load waits. */
  readonly waiting: boolean;
  /**
   * Plans at most `slots` requests from everything waiting (oldest loads first) and sends them;
   * returns how many it sent. What does not fit stays waiting for the next free slot.
   */
  sendWaiting(slots: number): number;
}

/** Options of a dispatcher. */
export interface DispatcherOptions {
  /**
   * How long the first load that finds the queue empty waits for others before its batch may
   * leave, in milliseconds; 0 sends at the end of the tick.
   */
  batchWindowMs: number;
  /** Schedules the end-of-tick flush; tests may pass their own to step ticks by hand. */
  schedule?: ((flush: () => void) => void) | undefined;
}

/**
 * Runs `job` once every promise job queued in this tick has run, so every load made in the
 * tick, including those made in the continuations of already-settled promises, is waiting by then.
 * (DataLoader schedules its batches the same way.)
 */
export function afterPromiseJobs(job: () => void): void {
  resolved.then(() => process.nextTick(job));
}
const resolved = Promise.resolve();

/** Per client: the request slots, and the queues that wait for them. */
export class Dispatcher {
  private readonly queues: BatchQueue[] = [];
  private readonly schedule: (flush: () => void) => void;
  private flushScheduled = false;
  /** Open while the first of the waiting loads waits out `batchWindowMs`. */
  private window: LongTimer | undefined;
  /** Set when loads were left waiting for a slot: a new load joins them rather than opening a window. */
  private backlog = false;
  private nextQueue = 0;

  constructor(
    private readonly slots: RequestSlots,
    private readonly options: DispatcherOptions,
  ) {
    this.schedule = options.schedule ?? afterPromiseJobs;
    slots.onFree(() => {
      if (this.window === undefined && this.backlog) this.scheduleFlush();
    });
  }

  /** Adds a kind of batched load. */
  register(queue: BatchQueue): void {
    this.queues.push(queue);
  }

  /** Says a load was added to a queue: it leaves at the end of the tick, or when its window ends. */
  loadAdded(): void {
    if (this.options.batchWindowMs <= 0) {
      this.scheduleFlush();
      return;
    }
    // The window opens with a load that finds nothing waiting; later loads share it, and loads
    // that arrive while others wait for a slot leave with them.
    if (this.window !== undefined || this.backlog) return;
    // An open window must not keep a process alive that has nothing else to do.
    this.window = setLongTimeout(
      () => {
        this.window = undefined;
        this.scheduleFlush();
      },
      this.options.batchWindowMs,
      { unref: true },
    );
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends what waits into the free slots, the queues taking turns across flushes. */
  private flush(): void {
    if (this.window !== undefined) return;
    let free = this.slots.free;
    const count = this.queues.length;
    for (let turn = 0; turn < count && free > 0; turn++) {
      const queue = this.queues[(this.nextQueue + turn) % count] as BatchQueue;
      if (queue.waiting) free -= queue.sendWaiting(free);
    }
    if (count > 0) this.nextQueue = (this.nextQueue + 1) % count;
    this.backlog = this.queues.some((queue) => queue.waiting);
  }
}
