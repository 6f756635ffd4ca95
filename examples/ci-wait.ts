// A CI gate that waits for a training run to end, then checks it. A run that failed, stalled or
// fell short of the bar fails the build; so does the 2-hour limit (WandbTimeoutError, thrown).
import { createClient, RunStalledError, runSummary, waitForRun } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");

try {
  const state = await waitForRun(run, {
    timeoutMs: 2 * 60 * 60_000,
    pollMs: 30_000, // the first delay; each next one doubles, up to a minute
    onPoll: ({ poll, state }) => console.error(`poll ${poll}: ${state}`),
  });
  const { accuracy } = await runSummary(run, { keys: ["accuracy"] });
  const ok = state === "finished" && Number(accuracy) >= 0.95;
  console.log(`${ok ? "✔" : "✘"} ${run.path}: ${state}, accuracy ${accuracy}`);
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  if (!(error instanceof RunStalledError)) throw error;
  console.log(`✘ ${run.path}: stalled, no heartbeat for ${Math.round(error.silentForMs / 60_000)} min`);
  process.exitCode = 1;
}
