/**
 * The same-tick workload of benchmarks 1 and 5: per run runConfig, runSummary, runUser and
 * runLoggedArtifactVersions, all issued in one Promise.all on a fresh client. Takes the SDK's
 * module as an argument, so an A/B comparison (bench/ab.ts) can run two builds of it through the
 * very same code.
 */
import type * as Sdk from "../../src/index.js";
import { benchEntity, benchProjects } from "./datasets.js";

/** The SDK's public module, from this build or another. */
export type SdkModule = typeof Sdk;

/** What the SDK read, to check it did the same work as the baselines. */
export interface Tally {
  configs: number;
  summaries: number;
  users: number;
  artifacts: number;
}

/** Operations issued per run. */
export const operationsPerRun = 4;

/** The SDK's default `maxConcurrentRequests`, set explicitly so the replay uses the same number. */
export const sdkConcurrency = 6;

/** A client as the same-tick rounds make it: a fresh one per round, so its cache starts empty. */
export function sameTickClient(
  sdk: SdkModule,
  baseUrl: string,
  apiKey: string,
  fetchFunction?: typeof fetch,
): Sdk.WandbClient {
  return sdk.createClient({
    apiKey,
    baseUrl,
    maxConcurrentRequests: sdkConcurrency,
    ...(fetchFunction ? { fetch: fetchFunction } : {}),
  });
}

/** Issues the round's operations in one tick and tallies what came back. */
export async function sameTickOperations(
  sdk: SdkModule,
  client: Sdk.WandbClient,
  names: readonly string[],
): Promise<Tally> {
  const operations: Array<Promise<unknown>> = [];
  for (const id of names) {
    const run = client.run({ entity: benchEntity, project: benchProjects.batching, id });
    operations.push(
      sdk.runConfig(run),
      sdk.runSummary(run),
      sdk.runUser(run),
      sdk.runLoggedArtifactVersions(run),
    );
  }
  const values = await Promise.all(operations);
  return tallyOf(values);
}

function tallyOf(values: readonly unknown[]): Tally {
  const tally: Tally = { configs: 0, summaries: 0, users: 0, artifacts: 0 };
  for (let index = 0; index < values.length; index += operationsPerRun) {
    const [config, summary, user, artifacts] = values.slice(index, index + operationsPerRun) as [
      Record<string, unknown>,
      Record<string, unknown>,
      { username: string } | null,
      unknown[],
    ];
    if ("lr" in config) tally.configs++;
    if ("acc" in summary) tally.summaries++;
    if (user?.username) tally.users++;
    tally.artifacts += artifacts.length;
  }
  return tally;
}
