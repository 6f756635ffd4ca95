// `npm run demo` runs the seed page's examples and two checks against the fake W&B, offline.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { binEnv, runCommand } from "./support.js";

describe("npm run demo", () => {
  it("prints what each seed example finds, then a passing and a failing check, and exits 0", async () => {
    const started = Date.now();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await runCommand(npm, ["run", "--silent", "demo"], binEnv({ apiKey: null }), 60_000);
    // The seed's console.warn line.
    expect(result.stderr).toContain("Missing outputs: evaluation:latest\n");
    expect(result.code).toBe(0);
    const out = result.stdout;
    const { counts, knownRun } = demoFacts;
    for (const section of [
      "## The examples of W&B's run-operations page, async (examples/seed-examples.ts)\n\n0.001\n64\n",
      `${counts.learningRateAbove001.vision} runs with learning rate > 0.01`,
      `${counts.perProject.vision.byJobType.train} training runs, ${counts.perProject.vision.byJobType.eval} evaluation runs`,
      `Model version: v${knownRun.loggedArtifact.version}\nModel size: ${knownRun.loggedArtifact.size} bytes`,
      "Logged: model:latest\n  Version: 5\n",
      "Models: 1, Datasets: 0",
      "Run: ",
      "Runtime: 1h 0m",
      "runs longer than an hour",
      "Final accuracy: 0.953\nBest validation loss: 0.1211\nTraining time: 3627",
      "best run: ",
      "runs with accuracy > 0.95 and val_loss < 0.1",
      "Run dependencies:\n- training-data:3",
      "john_doe has ",
      "100 history rows; last loss",
      "HTTP requests in ",
      "✔ state is finished\n✔ logged artifact model:latest (v5)\n✔ used artifact training-data:v3 (v3)\n✔ accuracy is 0.953, wanted >= 0.95",
      "exit code 0 (every check holds)",
      "✘ state is crashed, wanted finished\n✘ val_loss is NaN, wanted < 0.2\nexit code 1 (a check failed",
      // A terminal chart (plain ASCII, as the demo's output is piped here), then a step summary
      // whose Mermaid chart follows the table of checks.
      "## Curves: a chart in the terminal, and in a CI step summary",
      "* loss  min 0.1027  max 2.287  last 0.1027\no val/acc  min 0.148  max 0.9391  last 0.9391\n 2.287 |",
      "| state is finished | ✔ pass | state is finished |\n\n```mermaid\n",
      "Lines: blue: acme/vision/p7mg4t2c (this run); orange: acme/vision/s7r1n9gq (baseline)",
    ]) {
      expect(out).toContain(section);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
