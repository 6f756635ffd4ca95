/**
 * `npm run demo`: the examples of W&B's run-operations page, in their async form
 * (examples/seed-examples.ts, the README's copy), against the package's fake W&B (demo dataset,
 * any key, 127.0.0.1 only), then a passing and a failing `wandb-query check`. No key, no network.
 *
 * Why it lives here: examples/ is typechecked (root tsconfig.json) and linted (Biome) like the
 * rest, but it is not in the package's `files`, so it never ships; examples/tsconfig.json compiles
 * it into build/ (git-ignored) right before it runs. It imports the package by its own name, as a
 * user's script would, so it runs against the build in dist/ (`npm install` and `npm test` make it).
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { demoFacts, startMockServer } from "wandb-query/mocks";

const apiKey = "demo-key-anything-goes";
const server = await startMockServer();
console.log(`fake W&B on ${server.url}: ${demoFacts.totalRuns} demo runs in acme/vision and acme/nlp`);

try {
  // The examples read the key and the base URL from the environment, as a user's script would.
  process.env.WANDB_BASE_URL = server.url;
  process.env.WANDB_API_KEY = apiKey;
  console.log("\n## The examples of W&B's run-operations page, async (examples/seed-examples.ts)\n");
  const started = performance.now();
  await import("./seed-examples.js");
  console.log(
    `\nall of the above: ${server.requests.length} HTTP requests in ${Math.round(performance.now() - started)} ms ` +
      "(the SDK batches runs and caches fields)",
  );

  console.log("\n## wandb-query check, as a CI step would run it");
  await check([
    demoFacts.knownRun.path,
    "--state",
    "finished",
    "--artifact",
    "model:latest",
    "--used-artifact",
    "training-data:v3",
    "--metric",
    "accuracy>=0.95",
    "--metric",
    "eval.f1>=0.9",
  ]);
  await check([demoFacts.nonFiniteRun.path, "--state", "finished", "--metric", "val_loss<0.2"]);

  console.log("\n## Curves: a chart in the terminal, and in a CI step summary");
  await bin(["history", demoFacts.knownRun.path, "--keys", "loss,val/acc", "--plot", "--height", "10"]);
  // Where GitHub would show it: a step summary written by check --history, a Mermaid chart that
  // GitHub draws under the table of checks.
  const summary = join(dirname(fileURLToPath(import.meta.url)), "demo-step-summary.md");
  rmSync(summary, { force: true });
  await bin(
    [
      "check",
      "acme/vision/p7mg4t2c",
      "--state",
      "finished",
      "--baseline",
      "acme/vision/s7r1n9gq",
      "--history",
      "loss",
    ],
    { GITHUB_STEP_SUMMARY: summary },
  );
  console.log(
    `\nthe step summary it wrote (${relative(process.cwd(), summary)}), which GitHub shows as a table and a chart:\n`,
  );
  console.log(readFileSync(summary, "utf8"));
} finally {
  await server.close();
}

/** Runs the built `wandb-query` bin against the fake W&B and shows what a CI log would show. */
async function check(args: string[]): Promise<void> {
  const code = await bin(["check", ...args]);
  const meaning =
    code === 0 ? "every check holds" : code === 1 ? "a check failed: CI would stop here" : "error";
  console.log(`exit code ${code} (${meaning})`);
}

/** Runs the built bin with `args`, its output shown as it comes; resolves to its exit code. */
async function bin(args: string[], extraEnv: Record<string, string> = {}): Promise<number | null> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("wandb-query/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const binFile = join(dirname(manifestPath), manifest.bin["wandb-query"] as string);
  console.log(`\n$ wandb-query ${args.map((arg) => (/[<>=\s]/.test(arg) ? `"${arg}"` : arg)).join(" ")}`);
  // The step summary is for real CI steps; the demo's own stays in build/.
  const { GITHUB_STEP_SUMMARY: _omitted, ...env } = process.env;
  const child = spawn(process.execPath, [binFile, ...args], {
    env: { ...env, WANDB_BASE_URL: server.url, WANDB_API_KEY: apiKey, ...extraEnv },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise<number | null>((resolve) => child.on("close", resolve));
}
