// A GitHub Actions step: the candidate's loss curve beside the baseline's, as a Mermaid chart in
// the step summary (GitHub draws it), with a line saying which colour is which run.
import { appendFileSync } from "node:fs";
import { createClient, historySeries, mermaidXyChart, runHistory } from "wandb-query";

const wb = createClient();
const baseline = wb.run(process.env.BASELINE ?? "acme/vision/s7r1n9gq");
const candidate = wb.run(process.env.CANDIDATE ?? "acme/vision/p7mg4t2c");

// Asked in the same tick, both histories come in one batched request.
const [a, b] = await Promise.all([
  runHistory(baseline, { keys: ["loss"] }),
  runHistory(candidate, { keys: ["loss"] }),
]);
const chart = mermaidXyChart(
  [
    historySeries(a, "loss", { name: `baseline ${baseline.path}` }),
    historySeries(b, "loss", { name: `candidate ${candidate.path}` }),
  ],
  { title: "loss" },
);
const summary = process.env.GITHUB_STEP_SUMMARY;
if (summary) appendFileSync(summary, chart);
else console.log(chart);
