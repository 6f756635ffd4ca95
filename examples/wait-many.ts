// Wait for several runs at once: their polls share requests (up to 50 runs per request per round).
import { createClient, waitForRun } from "wandb-query";

const wb = createClient();
const runs = (process.env.RUN_PATHS ?? "acme/vision/1mbku38n,acme/vision/5kst3p9z")
  .split(",")
  .map((path) => wb.run(path));
const results = await Promise.allSettled(runs.map((run) => waitForRun(run, { timeoutMs: 3_600_000 })));
results.forEach((result, index) => {
  const outcome = result.status === "fulfilled" ? result.value : (result.reason as Error).name;
  console.log(`${runs[index]?.path}: ${outcome}`);
});
