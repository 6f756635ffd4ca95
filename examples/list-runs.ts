// Finished runs with a small learning rate, best accuracy first: W&B filters and orders them.
import { createClient } from "wandb-query";

const wb = createClient();
const finished = wb.runs("acme/vision", {
  filters: { $and: [{ state: "finished" }, { "config.learning_rate.value": { $lt: 0.01 } }] },
  order: "-summary_metrics.accuracy",
  limit: 20,
});
for await (const run of finished) console.log(run.path);
console.log(await finished.count()); // the server's count for the same filters
