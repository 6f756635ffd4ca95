/**
 * The client process of the client-cost figures (benchmark 5), started fresh: it runs the
 * same-tick workload for a number of rounds, each round once with the SDK and once as the
 * plain-fetch replay of the SDK's own requests (recorded in round 1), and prints every round's CPU
 * and wall time as one JSON line ({@link ClientCostSample}).
 *
 * A fresh process is what a CI script sees: round 2 still pays V8 compiling the SDK's hot path.
 * The median of rounds 5–11 is what a service sees. Before every measured half-round the process
 * collects its young generation (`gc({ type: "minor" })`), so the short-lived garbage one half left
 * behind is not charged to the next; the SDK goes first in odd rounds and the replay in even ones,
 * so what reaches the old generation is charged to each in turn.
 *
 * Not a full `gc()`: a forced full collection reduces memory, dropping the maps and objects V8's
 * optimizing compiler embedded in its code, and every round then optimized about 40 of the SDK's
 * functions again on background threads (`--trace-opt --trace-deopt`: deoptimized for "weak
 * objects" after each forced GC, none without it), some 70 ms of CPU a round that no service
 * pays, since nothing in it forces full collections.
 *
 * Usage: node --expose-gc client-cost-child.js <baseUrl> <apiKey> <runs> <rounds> [sdk module URL]
 */
import { benchRunId } from "./lib/datasets.js";
import { recordingFetch, replayBodies } from "./lib/replay-probe.js";
import { type SdkModule, sameTickClient, sameTickOperations, sdkConcurrency } from "./lib/same-tick.js";
import { measure } from "./lib/timing.js";

/** One half-round. */
export interface CostRound {
  cpuMs: number;
  wallMs: number;
}

/** What one child measured; index 0 is round 1. */
export interface ClientCostSample {
  sdk: CostRound[];
  replay: CostRound[];
  /** Requests the SDK sent in round 1 (what the replay sends every round). */
  requests: number;
}

const hardLimitMs = 5 * 60_000;
const [baseUrl, apiKey, runsText, roundsText, sdkUrl] = process.argv.slice(2);
const runs = Number(runsText);
const rounds = Number(roundsText);
const gc = globalThis.gc;
/** Young generation only; see above. */
const minorGc = () => (gc as (options: { type: "minor" }) => void)({ type: "minor" });
if (!baseUrl || !apiKey || !Number.isInteger(runs) || !Number.isInteger(rounds) || rounds < 1 || !gc) {
  console.error(
    "usage: node --expose-gc client-cost-child.js <baseUrl> <apiKey> <runs> <rounds> [sdk module URL]",
  );
  process.exit(2);
}
setTimeout(() => {
  console.error(`client-cost-child: not done after ${hardLimitMs} ms`);
  process.exit(3);
}, hardLimitMs).unref();

const sdk = (await import(sdkUrl ?? "../src/index.js")) as SdkModule;
const names = Array.from({ length: runs }, (_, index) => benchRunId(index));
const bodies: string[] = [];
const sample: ClientCostSample = { sdk: [], replay: [], requests: 0 };

async function sdkHalf(round: number): Promise<void> {
  const record = round === 1 ? recordingFetch(bodies) : undefined;
  const client = sameTickClient(sdk, baseUrl as string, apiKey as string, record);
  minorGc();
  const measured = await measure(() => sameTickOperations(sdk, client, names));
  if (measured.value.configs !== runs || measured.value.summaries !== runs) {
    throw new Error(`client-cost-child: round ${round} read ${JSON.stringify(measured.value)}`);
  }
  sample.sdk.push({ cpuMs: measured.cpuMs, wallMs: measured.wallMs });
}

async function replayHalf(round: number): Promise<void> {
  minorGc();
  const measured = await measure(() =>
    replayBodies(baseUrl as string, apiKey as string, bodies, sdkConcurrency),
  );
  if (measured.value !== runs)
    throw new Error(`client-cost-child: replay round ${round} read ${measured.value} runs`);
  sample.replay.push({ cpuMs: measured.cpuMs, wallMs: measured.wallMs });
}

for (let round = 1; round <= rounds; round++) {
  if (round % 2 === 1) {
    await sdkHalf(round);
    await replayHalf(round);
  } else {
    await replayHalf(round);
    await sdkHalf(round);
  }
  if (round === 1) sample.requests = bodies.length;
}
process.stdout.write(`${JSON.stringify(sample)}\n`);
process.exit(0);
