/**
 * The client process of the streaming benchmark, started fresh for each size with `--expose-gc`:
 * lists the first N runs of the big project and samples its RSS every 1,000 runs after a full
 * GC. Prints one JSON line ({@link StreamSample}) and exits.
 *
 * Modes: `sdk` iterates `client.runs()`; `fetch` is the control, the same ListRuns pages fetched
 * and parsed with plain `fetch` and no SDK, to tell the SDK's memory from the runtime's.
 *
 * Usage: node --expose-gc stream-child.js <sdk|fetch> <baseUrl> <apiKey> <runs>
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

const sampleEvery = 1000;
/** A child that has not finished in this long is stuck; it exits with an error. */
const hardLimitMs = 5 * 60_000;

const [mode, baseUrl, apiKey, runsText] = process.argv.slice(2);
const wanted = Number(runsText);
const gc = globalThis.gc;
if (
  (mode !== "sdk" && mode !== "fetch") ||
  !baseUrl ||
  !apiKey ||
  !Number.isInteger(wanted) ||
  wanted <= 0 ||
  !gc
) {
  console.error("usage: node --expose-gc stream-child.js <sdk|fetch> <baseUrl> <apiKey> <runs>");
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
  if (count % sampleEvery === 0) {
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
