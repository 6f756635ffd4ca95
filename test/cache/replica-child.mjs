// One replica of a fleet, as its own process: reads the summaries of the runs named on stdin's
// environment through the BUILT package and a shared Redis, then prints what it saw as JSON.
import KeyvRedis from "@keyv/redis";
import { createClient, runSummary } from "../../dist/src/index.js";

const { REPLICA_BASE_URL, REPLICA_API_KEY, REPLICA_REDIS_URL, REPLICA_RUNS } = process.env;
const store = new KeyvRedis(REPLICA_REDIS_URL);
const warnings = [];
const wb = createClient({
  apiKey: REPLICA_API_KEY,
  baseUrl: REPLICA_BASE_URL,
  cache: store,
  cacheStoreTimeoutMs: 5_000,
  onWarning: (warning) => warnings.push(warning.message),
});
const paths = REPLICA_RUNS.split(",");
const summaries = await Promise.all(paths.map((path) => runSummary(wb.run(path))));
const accuracySum = summaries.reduce((sum, summary) => sum + summary.accuracy, 0);
// Reads never wait for the store's writes; a replica about to exit gives them a moment, then QUIT
// (which Redis runs after every command already queued).
await new Promise((resolve) => setTimeout(resolve, 500));
await store.disconnect();
process.stdout.write(
  `${JSON.stringify({ read: summaries.length, accuracySum, warnings, stats: wb.stats() })}\n`,
);
