// A service with a budget: at most 10 s per call, each retry logged, "W&B is down" told apart.
import { createClient, runSummary, WandbServerError, WandbTimeoutError } from "wandb-query";

const wb = createClient({
  timeoutMs: 4_000, // per HTTP attempt
  retry: { retries: 2, minDelayMs: 200, maxElapsedMs: 10_000 }, // the whole call, waits included
  maxResponseBytes: 64 * 1024 * 1024, // this service never reads more than 64 MiB at once
  onRetry: ({ operationName, attempt, delayMs, error }) => {
    console.warn(
      `${operationName}: attempt ${attempt} failed (${error.name}), retrying in ${Math.round(delayMs)} ms`,
    );
  },
});
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");

try {
  const { accuracy } = await runSummary(run, { keys: ["accuracy"] });
  console.log(`accuracy ${accuracy}`);
} catch (error) {
  if (error instanceof WandbServerError) console.log(`W&B is down (HTTP ${error.status}): ${error.message}`);
  else if (error instanceof WandbTimeoutError) console.log(`no answer: ${error.message}`);
  else throw error;
}
