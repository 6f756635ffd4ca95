// The README's "Try it in 30 seconds" block, run as written against the built bin: the fake W&B it
// starts (on a free port instead of 8080), the variables it exports, and each command with the
// exit code the README promises.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { binEnv, binPath, mockServerUrl, runBin, spawnCollecting } from "./support.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const tryBlock = /^## Try it in 30 seconds\n[\s\S]*?^```sh\n([\s\S]*?)^```$/m.exec(readme)?.[1] ?? "";
const lines = tryBlock.split("\n").filter((line) => line !== "");
// The chart the README shows under the block: what its `history --plot` line prints.
const chartBlock = /^## Try it in 30 seconds\n[\s\S]*?^```text\n([\s\S]*?)^```$/m.exec(readme)?.[1] ?? "";

/** Splits a command line into words as sh does for the forms the block uses: plain and "quoted". */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
}

it("the README's try block installs, starts the fake W&B, points the CLI at it and stops it", () => {
  expect(lines[0]).toBe("npm install wandb-query");
  expect(lines[1]).toBe("npx wandb-query mock-server --port 8080 &");
  expect(lines[2]).toBe("export WANDB_BASE_URL=http://127.0.0.1:8080 WANDB_API_KEY=anything");
  expect(lines.at(-1)).toBe("kill %1");
});

it("each command of the README's try block does what it says, against the fake W&B it starts", async () => {
  const commands = lines.slice(3, -1).map(words);
  expect(commands.length).toBeGreaterThanOrEqual(2);
  const server = spawnCollecting(
    process.execPath,
    [binPath, "--json", "mock-server", "--port", "0"],
    binEnv({ apiKey: null }),
  );
  try {
    const url = await mockServerUrl(server, 20_000);
    const results = [];
    for (const [npx, bin, ...args] of commands) {
      expect([npx, bin]).toEqual(["npx", "wandb-query"]);
      results.push(await runBin(args, { baseUrl: url, apiKey: "anything" }));
    }
    // runs lists five runs; check passes; diff finds the configs differ (exit 1, as documented);
    // history --plot draws the chart the README shows, character for character.
    expect(results.map((result) => result.code)).toEqual([0, 0, 1, 0]);
    expect(results[0]?.stdout.trimEnd().split("\n")).toHaveLength(6);
    expect(results[1]?.stdout).toBe(
      "✔ state is finished\n✔ logged artifact model:latest (v5)\n✔ accuracy is 0.953, wanted >= 0.95\n",
    );
    expect(results[2]?.stdout).toMatch(/^section +key +change/);
    expect(chartBlock.split("\n").length).toBeGreaterThan(10);
    expect(results[3]?.stdout).toBe(chartBlock);
    expect(results.map((result) => result.stderr)).toEqual(["", "", "", ""]);
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
});
