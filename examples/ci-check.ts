// A CI gate: fail the build unless the run finished, reached the accuracy bar and logged its model.
import { createClient, runLoggedArtifactVersion, runState, runSummary } from "wandb-query";

const wb = createClient(); // the key from WANDB_API_KEY or ~/.netrc; WANDB_BASE_URL for a private server
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");

// Three fields of one run: they travel in one request.
const [state, summary, model] = await Promise.all([
  runState(run),
  runSummary(run, { keys: ["accuracy"] }),
  runLoggedArtifactVersion(run, "model:latest"),
]);

const failures: string[] = [];
if (state !== "finished") failures.push(`state is ${state}, wanted finished`);
if (!(Number(summary.accuracy) >= 0.95)) failures.push(`accuracy is ${summary.accuracy}, wanted >= 0.95`);
if (!model) failures.push("no model:latest logged");

for (const failure of failures) console.error(`✘ ${run.path}: ${failure}`);
if (failures.length === 0) {
  console.log(`✔ ${run.path}: finished, accuracy ${summary.accuracy}, model v${model?.version}`);
}
process.exitCode = failures.length === 0 ? 0 : 1;
