/**
 * The client process of the streaming benchmark, started fresh for each size with `--expose-gc`:
 * lists the first N runs of the big project with `for await` and samples its RSS every 1,000 runs
 * after a full GC. Prints one JSON line ({@link StreamSample}) and exits.
 *
 * Usage: node --expose-gc stream-child.js <baseUrl> <apiKey> <runs>
 */
import { createClient, runName } from "../src/index.js";
import { benchEntity, benchProjects } from "./lib/datasets.js";

/** What one child measured. */
export interface StreamSample {
  runs: number;
  /** RSS after a full GC, before the first request, in bytes. */
  baselineRss: number;
  /** Highest RSS sample during the listing, in bytes. */
  peakRss: number;
  /** Highest `heapUsed` sample minus the one before iterating, in bytes. */
  peakHeapGrowth: number;
  samples: number;
  wallMs: number;
}

const sampleEvery = 1000;
/** A child that has not finished in this long is stuck; it exits with an error. */
const hardLimitMs = 5 * 60_000;

const [baseUrl, apiKey, runsText] = process.argv.slice(2);
const wanted = Number(runsText);
const gc = globalThis.gc;
if (!baseUrl || !apiKey || !Number.isInteger(wanted) || wanted <= 0 || !gc) {
  console.error("usage: node --expose-gc stream-child.js <baseUrl> <apiKey> <runs>");
  process.exit(2);
}
setTimeout(() => {
  console.error(`stream-child: not done after ${hardLimitMs} ms`);
  process.exit(3);
}, hardLimitMs).unref();

const fullGc = () => {
  gc();
  gc();
};

const client = createClient({ apiKey, baseUrl });
fullGc();
const baselineRss = process.memoryUsage.rss();
const baselineHeap = process.memoryUsage().heapUsed;
let peakRss = baselineRss;
let peakHeapGrowth = 0;
let samples = 0;
let count = 0;
const started = performance.now();
for await (const run of client.runs(`${benchEntity}/${benchProjects.streaming}`, { limit: wanted })) {
  // Served from the light fields of the run's page: no request.
  if ((await runName(run)) !== run.id) throw new Error(`unexpected name for ${run.path}`);
  count++;
  if (count % sampleEvery === 0) {
    fullGc();
    samples++;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeapGrowth = Math.max(peakHeapGrowth, process.memoryUsage().heapUsed - baselineHeap);
  }
}
const wallMs = performance.now() - started;
if (count !== wanted) throw new Error(`listed ${count} runs, expected ${wanted}`);
const sample: StreamSample = { runs: count, baselineRss, peakRss, peakHeapGrowth, samples, wallMs };
console.log(JSON.stringify(sample));
