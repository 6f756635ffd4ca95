/** Wall-clock and CPU time of a piece of work in this process. */
import { performance } from "node:perf_hooks";

/** What one measured piece of work cost this process. */
export interface Measured<T> {
  value: T;
  /** Wall-clock milliseconds. */
  wallMs: number;
  /** CPU milliseconds (user + system) of this process, every thread included. */
  cpuMs: number;
}

/** Runs `work` and measures its wall-clock and CPU time. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (spent.user + spent.system) / 1000 };
}

/** Milliseconds since `since` (a `performance.now()` reading). */
export function elapsedMs(since: number): number {
  return performance.now() - since;
}
