// Many candidates against one baseline: the baseline is read once, and 50 runs cost one request.
import { createClient, diffRuns } from "wandb-query";

const wb = createClient();
const baseline = wb.run(process.env.BASELINE ?? "acme/vision/1mbku38n");
const candidates = await wb.runs("acme/vision", { filters: { state: "finished" }, limit: 100 }).toArray();
const diffs = await Promise.all(
  candidates.map((run) => diffRuns(baseline, run, { keys: ["learning_rate", "accuracy"] })),
);
const sameLr = diffs.filter(({ config }) => config.length === 0).length;
console.log(`${sameLr} of ${candidates.length} finished runs share the baseline's learning rate`);
