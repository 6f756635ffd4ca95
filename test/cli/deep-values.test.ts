// A value nested deeper than JSON.stringify can walk (W&B stores whatever a run logged): the CLI
// says so in one line with exit 2, instead of "unexpected error: Maximum call stack size exceeded".
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { testApiKey, useMockWandb } from "../helpers/mock-wandb.js";

const depth = 10_000;
const deepText = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

useMockWandb({
  runs: [
    {
      entity: "acme",
      project: "vision",
      id: "deep",
      // As W&B stores it: each top-level key wrapped as {value, desc}.
      configRaw: `{"lr": {"value": 0.1, "desc": null}, "deep": {"value": ${deepText}, "desc": null}}`,
    },
  ],
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function run(args: string[]) {
  const { output, written } = recordingOutput();
  vi.stubEnv("WANDB_API_KEY", testApiKey);
  vi.stubEnv("WANDB_BASE_URL", "https://api.wandb.ai");
  const code = await runCli(args, { output, env: {} });
  return { code, stdout: written.stdout.join(""), stderr: written.stderr };
}

describe("a config nested 10,000 deep", () => {
  it.each([
    ["run --json", ["--json", "run", "acme/vision/deep"]],
    ["run", ["run", "acme/vision/deep"]],
  ])("%s: one line naming where, exit 2", async (_what, args) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    // With --json, the failure as one JSON object (issue #21, friction 6); nothing else.
    if (args.includes("--json"))
      expect(JSON.parse(stdout)).toEqual({
        error: { class: "OutputError", message: stderr[0]?.replace("wandb-query: ", ""), exitCode: 2 },
      });
    else expect(stdout).toBe("");
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toBe(
      "wandb-query: cannot print the value at config.deep: it nests 10000 levels deep, more than can be written as JSON here",
    );
    expect(stderr[0]).not.toMatch(/unexpected error|Maximum call stack/);
    expect(stderr[0]).not.toContain("\n");
  });
});
