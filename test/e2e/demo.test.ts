// `npm run demo` runs the seed page's examples and two checks against the fake W&B, offline.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { binEnv, runCommand } from "./support.js";

describe("npm run demo", () => {
  it("prints what each seed example finds, then a passing and a failing check, and exits 0", async () => {
    const started = Date.now();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await runCommand(npm, ["run", "--silent", "demo"], binEnv({ apiKey: null }), 60_000);
    // The seed's console.warn lines.
    expect(result.stderr).toContain("Missing outputs: evaluation:latest\n");
    expect(result.stderr).toContain("o1dd4t4u: Using outdated dataset v1\n");
    expect(result.code).toBe(0);
    const out = result.stdout;
    const { counts, knownRun } = demoFacts;
    for (const section of [
      "## runConfig: Basic Configuration Access\n0.001\n64\n",
      `${counts.learningRateAbove001.vision} runs with learning_rate > 0.01`,
      "## runConfig: Comparing Configurations",
      "## runCreatedAt: Filter Recent Runs",
      "## runCreatedAt: Sort Chronologically\noldest: dp0l4x1q (2024-02-20T10:00:00.000Z)",
      "## runCreatedAt: Group by Date",
      `${knownRun.id} active: false`,
      `${counts.perProject.vision.byJobType.train} training runs, ${counts.perProject.vision.byJobType.eval} evaluation runs`,
      `Model version: v${knownRun.loggedArtifact.version}\nModel size: ${knownRun.loggedArtifact.size} bytes`,
      "Logged: model:latest\n  Version: 5\n",
      "1mbku38n: Models: 1, Datasets: 0",
      "## runName: Display Run Names\nRun: ",
      "Runtime: 1h 0m",
      "runs ran more than an hour",
      "Final accuracy: 0.953\nBest validation loss: 0.1211\nTraining time: 3627",
      "## runSummary: Finding Best Performing Run\nbest run: ",
      "runs with accuracy > 0.95 and val_loss < 0.1",
      "Run dependencies:\n- training-data:v3",
      "1mbku38n: training-data v3 is current",
      `of the ${demoFacts.projects.vision.runCount} runs`,
      "## runUser: Group Runs by User\njohn_doe: ",
      "100 rows; last loss",
      "✔ state is finished\n✔ logged artifact model:latest (v5)\n✔ used artifact training-data:v3 (v3)\n✔ accuracy is 0.953, wanted >= 0.95",
      "exit code 0 (every check holds)",
      "✘ state is crashed, wanted finished\n✘ val_loss is NaN, wanted < 0.2\nexit code 1 (a check failed",
    ]) {
      expect(out).toContain(section);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
