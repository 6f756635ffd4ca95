// In CI: show a training run's console output while waiting for it to end, then gate on its state.
import { createClient, followRunLogs, runState } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env.RUN_PATH ?? "acme/vision/1mbku38n");

for await (const line of followRunLogs(run, { last: 2, pollMs: 10_000, timeoutMs: 2 * 3600_000 })) {
  console.log(`${line.level === "error" ? "!" : " "} ${JSON.stringify(line.text)}`);
}
const state = await runState(run, { fresh: true });
console.log(`run ended: ${state}`);
if (state !== "finished") process.exitCode = 1;
