// Typed errors: catch the subclasses with instanceof; a missing run fails only its own callers.
import { createClient, RunNotFoundError, runConfig, WandbRateLimitError } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/nosuchrun");
try {
  await runConfig(run);
} catch (error) {
  if (error instanceof RunNotFoundError) console.log(`no run ${error.runPath}`);
  else if (error instanceof WandbRateLimitError) console.log(`retry in ${error.retryAfterMs} ms`);
  else throw error;
}
