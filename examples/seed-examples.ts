// The examples of W&B's run-operations page, async, on the demo dataset (`npm run demo` serves it).
import {
  createClient,
  type Run,
  runConfig,
  runCreatedAt,
  runHeartbeatAt,
  runHistory,
  runJobType,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runName,
  runRuntime,
  runSummary,
  runUsedArtifactVersions,
  runUser,
} from "wandb-query";

const wb = createClient();
const runs: Run[] = await wb.runs("acme/vision").toArray();
const myRun = wb.run("acme/vision/1mbku38n");
const run = myRun;
const baseline = myRun;
const experiment = wb.run("acme/vision/5kst3p9z");

// runConfig: Basic Configuration Access
const config = await runConfig(myRun);
console.log(config.learning_rate); // 0.001
console.log(config.batch_size); // 64

// runConfig: Filtering Runs by Configuration
const configs = await Promise.all(runs.map((r) => runConfig<{ learning_rate: number }>(r)));
const highLRRuns = runs.filter((_, i) => (configs[i]?.learning_rate ?? 0) > 0.01);
console.log(`${highLRRuns.length} runs with learning rate > 0.01`);

// runConfig: Comparing Configurations
const [config1, config2] = await Promise.all([runConfig(baseline), runConfig(experiment)]);
const differences = Object.keys(config1).filter(
  (key) => JSON.stringify(config1[key]) !== JSON.stringify(config2[key]),
);
console.log(`differences: ${differences.join(", ")}`);

// runCreatedAt: Filter Recent Runs, Sort Chronologically, Group by Date
const created = new Map(await Promise.all(runs.map(async (r) => [r, await runCreatedAt(r)] as const)));
const createdAt = (r: Run) => created.get(r) as Date;
const oneWeekAgo = new Date();
oneWeekAgo.setDate(oneWeekAgo.getDate() - 7);
const recentRuns = runs.filter((r) => createdAt(r) > oneWeekAgo);
console.log(`${recentRuns.length} runs created in the last week`);
const sortedRuns = [...runs].sort((a, b) => createdAt(a).getTime() - createdAt(b).getTime());
console.log(`first run: ${sortedRuns[0]?.id} on ${sortedRuns[0] && createdAt(sortedRuns[0]).toISOString()}`);
const runsByDate: Record<string, Run[]> = {};
for (const r of runs) {
  const date = createdAt(r).toDateString();
  runsByDate[date] = runsByDate[date] || [];
  runsByDate[date].push(r);
}
console.log(`${Object.keys(runsByDate).length} days with new runs`);

// runHeartbeatAt: Check if Run is Active
const isActive = async (r: Run) => {
  const lastHeartbeat = await runHeartbeatAt(r);
  const fiveMinutesAgo = new Date(Date.now() - 5 * 60 * 1000);
  return lastHeartbeat !== null && lastHeartbeat > fiveMinutesAgo;
};
console.log(`active: ${await isActive(myRun)}`);

// runJobType: Filter by Job Type
const jobTypes = await Promise.all(runs.map((r) => runJobType(r)));
const trainingRuns = runs.filter((_, i) => jobTypes[i] === "train");
const evalRuns = runs.filter((_, i) => jobTypes[i] === "eval");
console.log(`${trainingRuns.length} training runs, ${evalRuns.length} evaluation runs`);

// runLoggedArtifactVersion: Get Latest Model
const model = await runLoggedArtifactVersion(run, "model:latest");
if (model) {
  console.log(`Model version: v${model.version}`);
  console.log(`Model size: ${model.size} bytes`);
  console.log(`Created: ${model.createdAt.toISOString()}`);
}

// runLoggedArtifactVersion: Verify Output Artifacts
const requiredOutputs = ["model:latest", "evaluation:latest"];
const found = await Promise.all(requiredOutputs.map((name) => runLoggedArtifactVersion(run, name)));
const missing = requiredOutputs.filter((_, i) => !found[i]);
if (missing.length > 0) console.warn(`Missing outputs: ${missing.join(", ")}`);

// runLoggedArtifactVersions: List All Outputs, Count Output Types
const outputs = await runLoggedArtifactVersions(run);
for (const artifact of outputs) {
  console.log(`Logged: ${artifact.name}:${artifact.alias}`);
  console.log(`  Version: ${artifact.version}`);
  console.log(`  Size: ${artifact.size} bytes`);
}
const modelCount = outputs.filter((a) => a.name.includes("model")).length;
const dataCount = outputs.filter((a) => a.name.includes("data")).length;
console.log(`Models: ${modelCount}, Datasets: ${dataCount}`);

// runName: Display Run Names
for (const r of runs.slice(0, 3)) console.log(`Run: ${await runName(r)}`);

// runRuntime: Display Runtime, Filter Long-Running Experiments
const runtime = await runRuntime(myRun);
const hours = Math.floor(runtime / 3600);
const minutes = Math.floor((runtime % 3600) / 60);
console.log(`Runtime: ${hours}h ${minutes}m`);
const runtimes = await Promise.all(runs.map((r) => runRuntime(r)));
const longRuns = runs.filter((_, i) => (runtimes[i] ?? 0) > 3600); // More than 1 hour
console.log(`${longRuns.length} runs longer than an hour`);

// runSummary: Accessing Final Metrics
const summary = await runSummary(myRun);
console.log(`Final accuracy: ${summary.accuracy}`);
console.log(`Best validation loss: ${summary.best_val_loss}`);
console.log(`Training time: ${summary.training_time_seconds}`);

// runSummary: Finding Best Performing Run (a run without an accuracy ranks last)
const accuracy = (value: unknown) => (typeof value === "number" && !Number.isNaN(value) ? value : -Infinity);
const summaries = await Promise.all(runs.map((r) => runSummary(r)));
let best = 0;
summaries.forEach((s, i) => {
  if (accuracy(s.accuracy) > accuracy(summaries[best]?.accuracy)) best = i;
});
console.log(`best run: ${runs[best]?.id} with accuracy ${summaries[best]?.accuracy}`);

// runSummary: Filtering by Performance Threshold
const goodRuns = runs.filter(
  (_, i) => accuracy(summaries[i]?.accuracy) > 0.95 && Number(summaries[i]?.val_loss) < 0.1,
);
console.log(`${goodRuns.length} runs with accuracy > 0.95 and val_loss < 0.1`);

// runUsedArtifactVersions: List Input Dependencies, Verify Dataset Version
const inputs = await runUsedArtifactVersions(run);
console.log("Run dependencies:");
for (const artifact of inputs) console.log(`- ${artifact.name}:${artifact.version}`);
const dataset = inputs.find((a) => a.name === "training-data");
if (dataset && dataset.version !== 3) console.warn(`Using outdated dataset v${dataset.version}`);

// runUser: Filter by User, Group Runs by User
const users = await Promise.all(runs.map((r) => runUser(r)));
const myRuns = runs.filter((_, i) => users[i]?.username === "john_doe");
console.log(`john_doe has ${myRuns.length} runs`);
const runsByUser: Record<string, Run[]> = {};
runs.forEach((r, i) => {
  const user = users[i]?.username ?? "(none)";
  runsByUser[user] = runsByUser[user] || [];
  runsByUser[user].push(r);
});
console.log(
  Object.entries(runsByUser)
    .map(([user, list]) => `${user}: ${list.length}`)
    .join(", "),
);

// runHistory (the page's See also): the last logged loss, from a server-side sample
const rows = await runHistory(myRun, { keys: ["loss"], samples: 200 });
console.log(`${rows.length} history rows; last loss ${rows.findLast((row) => "loss" in row)?.loss}`);
