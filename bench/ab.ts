/**
 * A/B of two builds of the SDK on the same-tick workload, for deciding whether a change to the hot
 * path is kept: fresh client-cost children (bench/client-cost-child.ts) alternate between build A
 * and build B against one mock server, and each build's CPU is read against the plain-fetch replay
 * measured in the same child, so load on the machine touches both alike.
 *
 * Build A: compile another checkout with this tsconfig (e.g. `git archive` of the commit before
 * the change) and pass its `dist-bench/src/index.js`; build B is this build unless given.
 *
 * Usage: node dist-bench/bench/ab.js <path of A's src/index.js> [path of B's] [children per build]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CostFigures, clientCostChild, costFigures } from "./lib/client-cost.js";
import { startServerProcess } from "./lib/server-process.js";
import { median } from "./lib/stats.js";

const apiKey = "bench-key-0123456789012345678901234567890";
const runs = 1000;
const [aPath, bPath, childrenText] = process.argv.slice(2);
if (!aPath) {
  console.error("usage: node dist-bench/bench/ab.js <A src/index.js> [B src/index.js] [children per build]");
  process.exit(2);
}
const children = Number(childrenText ?? 6);
const builds = {
  A: pathToFileURL(resolve(aPath)).href,
  B: bPath ? pathToFileURL(resolve(bPath)).href : new URL("../src/index.js", import.meta.url).href,
};

const server = await startServerProcess({
  dataset: { kind: "batching", runs },
  faults: { latencyMs: 25 },
  apiKey,
});
const figures: Record<"A" | "B", CostFigures[]> = { A: [], B: [] };
try {
  for (let child = 0; child < children; child++) {
    // Alternate which build goes first, so a drift of the machine does not favour one.
    const order = child % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const);
    for (const build of order)
      figures[build].push(costFigures(await clientCostChild(server.url, apiKey, runs, builds[build])));
  }
} finally {
  await server.close();
}

const line = (build: "A" | "B") => {
  const all = figures[build];
  const of = (pick: (f: CostFigures) => number) => median(all.map(pick));
  return {
    build,
    round2Ms: of((f) => f.sdkRound2Cpu),
    round2VsReplay: of((f) => f.sdkRound2Cpu / f.replayRound2Cpu),
    steadyMs: of((f) => f.sdkSteadyCpu),
    steadyVsReplay: of((f) => f.sdkSteadyCpu / f.replaySteadyCpu),
    wallVsReplay: of((f) => f.sdkSteadyWall / f.replaySteadyWall),
  };
};
const a = line("A");
const b = line("B");
console.log(
  JSON.stringify(
    {
      children,
      A: a,
      B: b,
      steadyBOverA: b.steadyVsReplay / a.steadyVsReplay,
      round2BOverA: b.round2VsReplay / a.round2VsReplay,
    },
    null,
    1,
  ),
);
