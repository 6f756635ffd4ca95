// A fleet: every replica of a service makes its client on the fleet's Redis, and what one replica
// read from W&B the others read from Redis.
import KeyvRedis from "@keyv/redis";
import { createClient, runSummary, type WandbClient } from "wandb-query";

const store = new KeyvRedis<string>(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

// What each replica does at start-up. Listings and counts are shared for cacheTtlMs; finished
// runs' fields for a day. A store that fails never fails a read: it is reported once, here.
function replicaClient(): WandbClient {
  return createClient({
    entity: "acme",
    cache: store,
    cacheTtlMs: 30_000,
    onWarning: (warning) => console.warn(`shared cache off: ${warning.message}`),
  });
}

// One endpoint of the service: the most accurate finished run of a project.
async function bestRun(wb: WandbClient, project: string): Promise<string> {
  const runs = await wb.runs(project, { filters: { state: "finished" } }).toArray();
  const summaries = await Promise.all(runs.map((run) => runSummary(run)));
  let best = { path: "none", accuracy: Number.NEGATIVE_INFINITY };
  runs.forEach((run, i) => {
    const accuracy = Number(summaries[i]?.accuracy);
    if (Number.isFinite(accuracy) && accuracy > best.accuracy) best = { path: run.path, accuracy };
  });
  return `${best.path} (accuracy ${best.accuracy.toFixed(3)})`;
}

// Two replicas (in production, two processes; here two clients stand in for them).
const first = replicaClient();
console.log(`replica 1: ${await bestRun(first, "vision")}, ${first.stats().requests} requests`);
const second = replicaClient();
console.log(`replica 2: ${await bestRun(second, "vision")}, ${second.stats().requests} requests`);
await store.disconnect();
