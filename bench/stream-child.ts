/**
 * The client process of the streaming benchmark, started fresh for each size with `--expose-gc`:
 * lists the first N runs of the big project and, measuring memory, samples its RSS every 1,000
 * runs after a full GC. Prints one JSON line ({@link StreamSample}) and exits.
 *
 * Modes: `sdk` iterates `client.runs()`; `fetch` is the control, the same ListRuns pages fetched
 * and parsed with plain `fetch` and no SDK, to tell the SDK's memory from the runtime's.
 *
 * Measures: `memory` samples as above; `speed` times the listing and forces no GC at all. A forced
 * full GC (`global.gc()`) is a memory-reducing collection: it drops the maps and objects V8's
 * optimizing compiler embedded in its code, so after each one the hot path is optimized again on
 * background threads (measured: every round of benchmark 5 re-optimized about 40 of the SDK's
 * functions). A listing sampled every 1,000 runs pays that a hundred times (7.2 s for 100,000 runs
 * against about 4.5 s unsampled), and nothing in a real process forces such collections, so
 * throughput comes from `speed`. (The control pays it too: the ratio of the two came out about the
 * same either way, 0.84–0.89x.)
 *
 * Usage: node --expose-gc stream-child.js <sdk|fetch> <baseUrl> <apiKey> <runs> [memory|speed]
 */
import { getHeapSpaceStatistics } from "node:v8";
import { print } from "graphql";
import { ListRunsDocument, type ListRunsQuery } from "../src/_generated/graphql.js";
import { createClient, runName } from "../src/index.js";
import { benchEntity, benchProjects } from "./lib/datasets.js";
import { postGraphQL } from "./lib/raw-graphql.js";

/** What one child measured. */
export interface StreamSample {
  runs: number;
  /** RSS after a full GC, before the first request, in bytes. */
  baselineRss: number;
  /** Highest RSS sample during the listing, in bytes. */
  peakRss: number;
  /**
   * Highest sample of the heap in use, JIT code left out, minus the one before iterating, in
   * bytes: what the program holds. (Code space grows as V8 optimizes more functions over a long
   * listing: the runtime's, like RSS.)
   */
  peakHeapGrowth: number;
  /** The same with JIT code counted (`heapUsed`). */
  peakHeapWithCodeGrowth: number;
  samples: number;
  wallMs: number;
}

/** How a child lists the runs. */
export type StreamMode = "sdk" | "fetch";

/** What a child measures: memory (sampled after forced full GCs) or speed (no forced GC). */
export type StreamMeasure = "memory" | "speed";

const sampleEvery = 1000;
/** A child that has not finished in this long is stuck; it exits with an error. */
const hardLimitMs = 5 * 60_000;

const [mode, baseUrl, apiKey, runsText, measure = "memory"] = process.argv.slice(2);
const wanted = Number(runsText);
const gc = globalThis.gc;
if (
  (mode !== "sdk" && mode !== "fetch") ||
  !baseUrl ||
  !apiKey ||
  !Number.isInteger(wanted) ||
  wanted <= 0 ||
  (measure !== "memory" && measure !== "speed") ||
  !gc
) {
  console.error(
    "usage: node --expose-gc stream-child.js <sdk|fetch> <baseUrl> <apiKey> <runs> [memory|speed]",
  );
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

/** The SDK's listing: each run yielded with the light fields of its page. */
async function* sdkRuns(): AsyncGenerator<string> {
  const client = createClient({ apiKey: apiKey as string, baseUrl: baseUrl as string });
  for await (const run of client.runs(`${benchEntity}/${benchProjects.streaming}`, { limit: wanted })) {
    // Served from the light fields of the run's page: no request.
    if ((await runName(run)) !== run.id) throw new Error(`unexpected name for ${run.path}`);
    yield run.id;
  }
}

/** The control: the same pages with plain fetch (cursor of the last edge, as the SDK pages). */
async function* fetchRuns(): AsyncGenerator<string> {
  const query = print(ListRunsDocument);
  const endpoint = { url: baseUrl as string, apiKey: apiKey as string };
  let after: string | null = null;
  let listed = 0;
  for (let page = 0; page < wanted; page++) {
    const variables = {
      entity: benchEntity,
      project: benchProjects.streaming,
      first: Math.min(50, wanted - listed),
      after,
      withCount: page === 0,
    };
    const data: ListRunsQuery = await postGraphQL<ListRunsQuery>(endpoint, "ListRuns", query, variables);
    const connection = data.project?.runs;
    for (const edge of connection?.edges ?? []) {
      listed++;
      yield edge.node.name;
    }
    if (!connection?.pageInfo.hasNextPage || listed >= wanted) return;
    after = connection.edges.at(-1)?.cursor ?? null;
  }
}

/** Heap in use, and the part of it that is JIT code. */
function heapInUse(): { withCode: number; data: number } {
  const withCode = process.memoryUsage().heapUsed;
  const code =
    getHeapSpaceStatistics().find((space) => space.space_name === "code_space")?.space_used_size ?? 0;
  return { withCode, data: withCode - code };
}

fullGc();
const baselineRss = process.memoryUsage.rss();
const baselineHeap = heapInUse();
let peakRss = baselineRss;
let peakHeapGrowth = 0;
let peakHeapWithCodeGrowth = 0;
let samples = 0;
let count = 0;
const started = performance.now();
for await (const _id of mode === "sdk" ? sdkRuns() : fetchRuns()) {
  count++;
  if (measure === "memory" && count % sampleEvery === 0) {
    fullGc();
    samples++;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const heap = heapInUse();
    peakHeapGrowth = Math.max(peakHeapGrowth, heap.data - baselineHeap.data);
    peakHeapWithCodeGrowth = Math.max(peakHeapWithCodeGrowth, heap.withCode - baselineHeap.withCode);
  }
}
const wallMs = performance.now() - started;
if (count !== wanted) throw new Error(`listed ${count} runs, expected ${wanted}`);
const sample: StreamSample = {
  runs: count,
  baselineRss,
  peakRss,
  peakHeapGrowth,
  peakHeapWithCodeGrowth,
  samples,
  wallMs,
};
console.log(JSON.stringify(sample));
