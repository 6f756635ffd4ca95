// What a run saved: its JSON files, the evaluation report it wrote, and where it ran.
import { createClient, readRunFile, runFiles, runMetadata } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");

for (const file of await runFiles(run, { pattern: "%.json" })) {
  console.log(`${file.name}: ${file.size} bytes`);
}
const report = await readRunFile<{ accuracy: number; f1: number }>(run, "eval.json", { as: "json" });
const meta = await runMetadata(run); // wandb-metadata.json, or null when the run saved none
console.log(`accuracy ${report.accuracy}, f1 ${report.f1}, ran ${meta?.program} on ${meta?.gpu}`);
