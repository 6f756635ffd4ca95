/** A bounded pool: the baselines' "N requests in flight", as W&B's Python client runs them. */

/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight. Bounded in time: past
 * `deadlineMs` no new task starts and the pool rejects, so a stuck server cannot hang a benchmark.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  deadlineMs: number,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`pool: ${count - next} tasks left after ${deadlineMs} ms`);
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
