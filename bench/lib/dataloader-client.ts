/**
 * The design card's batching layer, for benchmark 8: run-field loads scheduled by DataLoader
 * (`dataloader` 2.2.3, a dev dependency) instead of the SDK's dispatcher. Everything else is the
 * SDK's own — cache, in-flight joining, the planner (multi-project packing, field groups,
 * maxBatchSize), the sender with its per-part retries — because those stay in the project's code
 * either way; only when a batch leaves differs.
 *
 * DataLoader's way: each load is a `load()` of the client's DataLoader; a batch stays open while
 * its `batchScheduleFn` waits, here until a request slot is free (at the end of the tick when one
 * is free already, as DataLoader's default); when it leaves, its batch function plans every load
 * of the batch into requests and sends them all, the ones beyond the free slots queueing in the
 * transport. A load that arrives after that cannot join those queued requests any more.
 */
import DataLoader from "dataloader";
import { createClient, type WandbClient } from "../../src/index.js";
import type { BatchQueue } from "../../src/loaders/dispatcher.js";
import { afterPromiseJobs } from "../../src/loaders/dispatcher.js";
import { contextOf } from "../../src/run.js";

/** The RunLoader's link to its dispatcher, reached past `private` (benchmark code only). */
interface Rewirable {
  dispatcher: { loadAdded(): void };
}

/** A client whose run-field loads DataLoader schedules; `createClient`'s options otherwise. */
export function createDataLoaderClient(options: Parameters<typeof createClient>[0]): WandbClient {
  const client = createClient(options);
  const { loader, transport } = contextOf(client.run("bench/dataloader/probe0"), "bench");
  const queue: BatchQueue = loader;
  const slots = transport.slots;
  const waitingForSlot: Array<() => void> = [];
  slots.onFree(() => {
    const callback = waitingForSlot.shift();
    if (callback) callback();
  });
  let key = 0;
  const batches = new DataLoader<number, undefined>(
    (keys) => {
      // Every waiting load belongs to this batch: the batch closed just now, and loads added
      // later open the next one.
      if (queue.waiting) queue.sendWaiting(Number.POSITIVE_INFINITY);
      return Promise.resolve(keys.map(() => undefined));
    },
    {
      cache: false,
      batchScheduleFn: (callback) => {
        if (slots.free > 0) afterPromiseJobs(callback);
        else waitingForSlot.push(callback);
      },
    },
  );
  // The loader's own dispatcher registered it and stays idle: loadAdded is what wakes it.
  (loader as unknown as Rewirable).dispatcher = {
    loadAdded: () => {
      void batches.load(key++);
    },
  };
  return client;
}
