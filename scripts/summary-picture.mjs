// `npm run docs:picture`: the CI guide's picture of a step summary (docs/guides/images/
// step-summary.png), made from the demo data by the built bin: `check` of a candidate against a
// baseline with `--history loss`, into a fresh GITHUB_STEP_SUMMARY, rendered by
// scripts/render-step-summary.mjs. Needs `npm run build` and Debian's `chromium`.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startMockServer } from "../dist/mocks/index.js";
import { renderStepSummary } from "./render-step-summary.mjs";

const args = [
  "check",
  "acme/vision/p7mg4t2c",
  "--state",
  "finished",
  "--metric",
  "accuracy>=0.9",
  "--baseline",
  "acme/vision/s7r1n9gq",
  "--history",
  "loss",
];
const summary = join(mkdtempSync(join(tmpdir(), "wandb-query-picture-")), "summary.md");
const server = await startMockServer({ apiKey: "picture" });
try {
  // The bin must not block this process: the fake W&B answers from it.
  await promisify(execFile)(process.execPath, ["dist/src/cli/main.js", ...args], {
    env: {
      ...process.env,
      WANDB_BASE_URL: server.url,
      WANDB_API_KEY: "picture",
      GITHUB_STEP_SUMMARY: summary,
    },
  });
} finally {
  await server.close();
}
renderStepSummary(summary, "docs/guides/images/step-summary.png", 760);
console.log(`wandb-query ${args.join(" ")}\nwrote docs/guides/images/step-summary.png`);
