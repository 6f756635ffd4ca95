/**
 * Client CPU and wall time per same-tick round, taken in fresh processes (bench/client-cost-child.ts)
 * and reduced to the two views benchmark 5 reports: round 2 of a fresh process (a CI script's view)
 * and the median of rounds 5–11 (a service's view; a major GC landing in one round swings a sum
 * by a quarter, so a median, not a sum).
 */
import type { ClientCostSample, CostRound } from "../client-cost-child.js";
import { runMeasuringChild } from "./measuring-child.js";
import { median } from "./stats.js";

/** Rounds each child runs: round 2, and rounds 5–11 for the steady state. */
export const costRounds = 11;
const steadyFrom = 5;

/** Runs one fresh client-cost child against `url`; `sdkUrl` picks another build of the SDK. */
export function clientCostChild(
  url: string,
  apiKey: string,
  runs: number,
  sdkUrl?: string,
): Promise<ClientCostSample> {
  const args = [url, apiKey, String(runs), String(costRounds), ...(sdkUrl ? [sdkUrl] : [])];
  return runMeasuringChild<ClientCostSample>(
    new URL("../client-cost-child.js", import.meta.url),
    args,
    300_000,
  );
}

const steady = (rounds: readonly CostRound[], of: (round: CostRound) => number): number =>
  median(rounds.slice(steadyFrom - 1).map(of));

/** The figures of one child. */
export interface CostFigures {
  /** SDK CPU in round 2, and the replay's in the same round, in ms. */
  sdkRound2Cpu: number;
  replayRound2Cpu: number;
  /** Medians over rounds 5–11, in ms. */
  sdkSteadyCpu: number;
  replaySteadyCpu: number;
  sdkSteadyWall: number;
  replaySteadyWall: number;
}

/** Reduces one child's rounds to its figures. */
export function costFigures(sample: ClientCostSample): CostFigures {
  const cpu = (round: CostRound) => round.cpuMs;
  const wall = (round: CostRound) => round.wallMs;
  return {
    sdkRound2Cpu: (sample.sdk[1] as CostRound).cpuMs,
    replayRound2Cpu: (sample.replay[1] as CostRound).cpuMs,
    sdkSteadyCpu: steady(sample.sdk, cpu),
    replaySteadyCpu: steady(sample.replay, cpu),
    sdkSteadyWall: steady(sample.sdk, wall),
    replaySteadyWall: steady(sample.replay, wall),
  };
}
