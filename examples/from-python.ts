// The reads of W&B's Python client, with wandb-query: each Python line is in the comment beside it.
import {
  createClient,
  runConfig,
  runHistory,
  runHistoryKeys,
  runNotes,
  runSummary,
  runSweep,
  runSystemHistory,
  runSystemMetrics,
} from "wandb-query";

const wb = createClient(); // api = wandb.Api()
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n"); // run = api.run("acme/vision/1mbku38n")

// Started in one tick, all of these travel in one request (a run's sweep costs one more).
const [config, summary, rows, system, systemRows, keys, notes, sweep] = await Promise.all([
  runConfig(run), // run.config
  runSummary(run), // run.summary
  runHistory(run, { keys: ["val/acc"], samples: 100 }), // run.history(keys=["val/acc"], samples=100, pandas=False)
  runSystemMetrics(run), // run.system_metrics
  runSystemHistory(run), // run.history(stream="system", pandas=False)
  runHistoryKeys(run), // run.lastHistoryStep, and the keys W&B indexes
  runNotes(run), // run.notes
  runSweep(run), // run.sweep
]);

console.log(`lr ${config.learning_rate}, accuracy ${summary.accuracy}`);
console.log(`${rows.length} rows with val/acc, last step ${keys.lastStep}`);
console.log(`GPU ${system["system.gpu.0.gpu"]}%, ${systemRows.length} system samples`);
console.log(`notes: ${notes ?? "(none)"}; sweep: ${sweep ? `${sweep.name} (${sweep.state})` : "(none)"}`);
