/**
 * `npm run demo`: the examples of W&B's run-operations page, in their async form, against the
 * package's fake W&B (demo dataset, any key, 127.0.0.1 only), then a passing and a failing
 * `wandb-query check`. No key, no network.
 *
 * Why it lives here: examples/ is typechecked (root tsconfig.json) and linted (Biome) like the
 * rest, but it is not in the package's `files`, so it never ships; examples/tsconfig.json compiles
 * it into build/ (git-ignored) right before it runs. It imports the package by its own name, as a
 * user's script would, so it runs against the build in dist/ (`npm install` and `npm test` make it).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
import { demoFacts, startMockServer } from "wandb-query/mocks";

function section(operation: string, example: string): void {
  console.log(`\n## ${operation}: ${example}`);
}

const server = await startMockServer();
const wb = createClient({ apiKey: "demo-key-anything-goes", baseUrl: server.url });
const started = performance.now();
console.log(`fake W&B on ${server.url}: ${demoFacts.totalRuns} demo runs in acme/vision and acme/nlp`);

const myRun = wb.run(demoFacts.knownRun.path);
const run = myRun;
const baseline = myRun;
const experiment = wb.run(demoFacts.evalRun.path);
// The seed's `runs`: every run of acme/vision, listed page by page (each arrives with its light fields).
const runs: Run[] = await wb.runs(demoFacts.projects.vision.path).toArray();
console.log(`runs = the ${runs.length} runs of ${demoFacts.projects.vision.path}; myRun = ${myRun.path}`);

try {
  section("runConfig", "Basic Configuration Access");
  {
    const config = await runConfig(myRun);
    console.log(config.learning_rate); // 0.001
    console.log(config.batch_size);
  }

  section("runConfig", "Filtering Runs by Configuration");
  {
    // Find all runs with learning rate > 0.01
    const configs = await Promise.all(runs.map((run) => runConfig<{ learning_rate?: number }>(run)));
    const highLRRuns = runs.filter((_, i) => (configs[i]?.learning_rate ?? 0) > 0.01);
    console.log(`${highLRRuns.length} runs with learning_rate > 0.01`);
  }

  section("runConfig", "Comparing Configurations");
  {
    const [config1, config2] = await Promise.all([runConfig(baseline), runConfig(experiment)]);
    const differences = Object.keys(config1).filter(
      (key) => JSON.stringify(config1[key]) !== JSON.stringify(config2[key]),
    );
    console.log(`${baseline.id} and ${experiment.id} differ in: ${differences.join(", ")}`);
  }

  const createdAts = await Promise.all(runs.map((run) => runCreatedAt(run)));
  const createdAt = (run: Run) => createdAts[runs.indexOf(run)] as Date;

  section("runCreatedAt", "Filter Recent Runs");
  {
    const oneWeekAgo = new Date();
    oneWeekAgo.setDate(oneWeekAgo.getDate() - 7);
    const recentRuns = runs.filter((run) => createdAt(run) > oneWeekAgo);
    const newest = new Date(Math.max(...createdAts.map((date) => date.getTime())));
    console.log(`${recentRuns.length} runs created since ${oneWeekAgo.toISOString()}`);
    console.log(`(the demo data is frozen in time: its newest run was created ${newest.toISOString()})`);
  }

  section("runCreatedAt", "Sort Chronologically");
  {
    const sortedRuns = [...runs].sort((a, b) => createdAt(a).getTime() - createdAt(b).getTime());
    const first = sortedRuns[0] as Run;
    const last = sortedRuns.at(-1) as Run;
    console.log(`oldest: ${first.id} (${createdAt(first).toISOString()})`);
    console.log(`newest: ${last.id} (${createdAt(last).toISOString()})`);
  }

  section("runCreatedAt", "Group by Date");
  {
    const runsByDate: Record<string, Run[]> = {};
    for (const run of runs) {
      const date = createdAt(run).toISOString().slice(0, 10);
      runsByDate[date] ??= [];
      runsByDate[date].push(run);
    }
    const busiest = Object.entries(runsByDate).sort((a, b) => b[1].length - a[1].length)[0];
    console.log(
      `${Object.keys(runsByDate).length} dates; busiest: ${busiest?.[0]} with ${busiest?.[1].length} runs`,
    );
  }

  section("runHeartbeatAt", "Check if Run is Active");
  {
    const isActive = async (run: Run) => {
      const lastHeartbeat = await runHeartbeatAt(run);
      const fiveMinutesAgo = new Date(Date.now() - 5 * 60 * 1000);
      return lastHeartbeat !== null && lastHeartbeat > fiveMinutesAgo;
    };
    console.log(
      `${myRun.id} active: ${await isActive(myRun)} (last heartbeat ${(await runHeartbeatAt(myRun))?.toISOString()})`,
    );
  }

  section("runJobType", "Filter by Job Type");
  {
    const jobTypes = await Promise.all(runs.map((run) => runJobType(run)));
    const trainingRuns = runs.filter((_, i) => jobTypes[i] === "train");
    const evalRuns = runs.filter((_, i) => jobTypes[i] === "eval");
    console.log(`${trainingRuns.length} training runs, ${evalRuns.length} evaluation runs`);
  }

  section("runLoggedArtifactVersion", "Get Latest Model");
  {
    const model = await runLoggedArtifactVersion(run, "model:latest");
    if (model) {
      console.log(`Model version: v${model.version}`);
      console.log(`Model size: ${model.size} bytes`);
      console.log(`Created: ${model.createdAt.toISOString()}`);
    }
  }

  section("runLoggedArtifactVersion", "Verify Output Artifacts");
  {
    const requiredOutputs = ["model:latest", "evaluation:latest"];
    const found = await Promise.all(requiredOutputs.map((name) => runLoggedArtifactVersion(run, name)));
    const missing = requiredOutputs.filter((_, i) => !found[i]);
    if (missing.length > 0) console.warn(`Missing outputs: ${missing.join(", ")}`);
  }

  section("runLoggedArtifactVersions", "List All Outputs");
  {
    const outputs = await runLoggedArtifactVersions(run);
    for (const artifact of outputs) {
      console.log(`Logged: ${artifact.name}:${artifact.alias}`);
      console.log(`  Version: ${artifact.version}`);
      console.log(`  Size: ${artifact.size} bytes`);
    }
  }

  section("runLoggedArtifactVersions", "Count Output Types");
  for (const run of [myRun, wb.run(demoFacts.trainingData.newPrepRun.path), experiment]) {
    const outputs = await runLoggedArtifactVersions(run);
    const modelCount = outputs.filter((a) => a.name.includes("model")).length;
    const dataCount = outputs.filter((a) => a.name.includes("data")).length;
    console.log(`${run.id}: Models: ${modelCount}, Datasets: ${dataCount} (of ${outputs.length} outputs)`);
  }

  section("runName", "Display Run Names");
  for (const run of runs.slice(0, 5)) console.log(`Run: ${await runName(run)}`);
  console.log(`… and ${runs.length - 5} more`);

  section("runRuntime", "Display Runtime");
  {
    const runtime = await runRuntime(myRun);
    const hours = Math.floor(runtime / 3600);
    const minutes = Math.floor((runtime % 3600) / 60);
    console.log(`Runtime: ${hours}h ${minutes}m`);
  }

  section("runRuntime", "Filter Long-Running Experiments");
  {
    const runtimes = await Promise.all(runs.map((run) => runRuntime(run)));
    const longRuns = runs.filter((_, i) => (runtimes[i] ?? 0) > 3600); // More than 1 hour
    console.log(`${longRuns.length} runs ran more than an hour`);
  }

  section("runSummary", "Accessing Final Metrics");
  {
    const summary = await runSummary(myRun);
    console.log(`Final accuracy: ${summary.accuracy}`);
    console.log(`Best validation loss: ${summary.best_val_loss}`);
    console.log(`Training time: ${summary.training_time_seconds}`);
  }

  section("runSummary", "Finding Best Performing Run");
  {
    const summaries = await Promise.all(runs.map((run) => runSummary(run, { keys: ["accuracy"] })));
    // A run without the metric (or with NaN) must not win, nor block every later comparison.
    const score = (i: number) => {
      const accuracy = summaries[i]?.accuracy;
      return typeof accuracy === "number" && !Number.isNaN(accuracy) ? accuracy : -Infinity;
    };
    let best = 0;
    summaries.forEach((_, i) => {
      if (score(i) > score(best)) best = i;
    });
    const bestRun = runs[best] as Run;
    console.log(`best run: ${bestRun.id} (${await runName(bestRun)}), accuracy ${summaries[best]?.accuracy}`);
  }

  section("runSummary", "Filtering by Performance Threshold");
  {
    type Metrics = { accuracy?: number; val_loss?: number };
    const summaries = await Promise.all(runs.map((run) => runSummary<Metrics>(run)));
    const goodRuns = runs.filter((_, i) => {
      const summary = summaries[i];
      return (summary?.accuracy ?? 0) > 0.95 && (summary?.val_loss ?? Number.NaN) < 0.1;
    });
    console.log(`${goodRuns.length} runs with accuracy > 0.95 and val_loss < 0.1`);
  }

  section("runUsedArtifactVersions", "List Input Dependencies");
  {
    const inputs = await runUsedArtifactVersions(run);
    console.log("Run dependencies:");
    for (const artifact of inputs) console.log(`- ${artifact.name}:v${artifact.version}`);
  }

  section("runUsedArtifactVersions", "Verify Dataset Version");
  for (const run of [myRun, wb.run(demoFacts.trainingData.olderDataRun.path)]) {
    const inputs = await runUsedArtifactVersions(run);
    const dataset = inputs.find((a) => a.name === "training-data");
    if (dataset && dataset.version !== 3) {
      console.warn(`${run.id}: Using outdated dataset v${dataset.version}`);
    } else {
      console.log(`${run.id}: training-data v${dataset?.version} is current`);
    }
  }

  const users = await Promise.all(runs.map((run) => runUser(run)));

  section("runUser", "Filter by User");
  {
    const myRuns = runs.filter((_, i) => users[i]?.username === "john_doe");
    console.log(`john_doe created ${myRuns.length} of the ${runs.length} runs`);
  }

  section("runUser", "Group Runs by User");
  {
    const runsByUser: Record<string, Run[]> = {};
    runs.forEach((run, i) => {
      const user = users[i]?.username ?? "(none)";
      runsByUser[user] ??= [];
      runsByUser[user].push(run);
    });
    for (const [user, userRuns] of Object.entries(runsByUser)) console.log(`${user}: ${userRuns.length}`);
  }

  section("runHistory", "Last Logged Loss (the seed's See also)");
  {
    const rows = await runHistory(myRun, { keys: ["loss", "val/acc"], samples: 200 });
    const lastLoss = rows.findLast((row) => "loss" in row)?.loss;
    console.log(`${rows.length} rows; last loss ${lastLoss}`);
  }

  const stats = wb.stats();
  console.log(
    `\nall of the above: ${stats.requests} HTTP requests for ${stats.runsFetched} runs fetched, ` +
      `in ${Math.round(performance.now() - started)} ms (the SDK batches and caches)`,
  );

  console.log("\n## wandb-query check, as a CI step would run it");
  await check(
    [demoFacts.knownRun.path, "--state", "finished", "--artifact", "model:latest"].concat([
      "--used-artifact",
      "training-data:v3",
      "--metric",
      "accuracy>=0.95",
      "--metric",
      "eval.f1>=0.9",
    ]),
  );
  await check([demoFacts.nonFiniteRun.path, "--state", "finished", "--metric", "val_loss<0.2"]);
} finally {
  await server.close();
}

/** Runs the built `wandb-query` bin against the fake W&B and shows what a CI log would show. */
async function check(args: string[]): Promise<void> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("wandb-query/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = join(dirname(manifestPath), manifest.bin["wandb-query"] as string);
  console.log(
    `\n$ wandb-query check ${args.map((arg) => (/[<>=\s]/.test(arg) ? `"${arg}"` : arg)).join(" ")}`,
  );
  // The step summary is for real CI steps; the demo's checks stay out of it.
  const { GITHUB_STEP_SUMMARY: _omitted, ...env } = process.env;
  const child = spawn(process.execPath, [bin, "check", ...args], {
    env: { ...env, WANDB_BASE_URL: server.url, WANDB_API_KEY: "demo-key-anything-goes" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const meaning =
    code === 0 ? "every check holds" : code === 1 ? "a check failed: CI would stop here" : "error";
  console.log(`exit code ${code} (${meaning})`);
}
