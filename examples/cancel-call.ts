// A caller's own deadline: at 5 s the call rejects with the signal's reason, retries or not.
import { createClient, runSummary } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");
const signal = AbortSignal.timeout(5_000);
const summary = await runSummary(run, { signal });
console.log(`accuracy ${summary.accuracy}`);
