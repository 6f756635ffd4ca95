// One client per process: defaults complete partial paths, and it batches every call it serves.
import { createClient, runName } from "wandb-query";

const wb = createClient({ entity: "acme", project: "vision", maxBatchSize: 50 });
const run = wb.run("1mbku38n"); // completed from the defaults: acme/vision/1mbku38n
console.log(`${run.path} is ${await runName(run)}`);
