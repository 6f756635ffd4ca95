// What changed between a baseline and a candidate: config and summary, key by key. Paths are
// arrays, because W&B keys hold dots and slashes; NaN equals NaN.
import { createClient, diffRuns } from "wandb-query";

const wb = createClient();
const baseline = wb.run(process.env.BASELINE ?? "acme/vision/1mbku38n");
const candidate = wb.run(process.env.CANDIDATE ?? "acme/vision/r3s8m2d1");

const { config, summary } = await diffRuns(baseline, candidate, {
  keys: ["learning_rate", "batch_size", "optimizer", "model", "accuracy", "val_loss"], // fetched alone
  tolerance: { relative: 0.001 }, // metrics within 0.1 % count as equal
});

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
for (const d of [...config, ...summary]) {
  console.log(`${d.kind} ${d.path.join(" › ")}: ${show(d.a)} → ${show(d.b)}`);
}
process.exitCode = config.length > 0 ? 1 : 0; // fail when the hyperparameters changed
