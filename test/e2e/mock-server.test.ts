// `wandb-query mock-server`: starts the fake W&B, answers the CLI, stops cleanly on a signal.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { binEnv, binPath, runBin, spawnCollecting } from "./support.js";

function startBin(args: string[]) {
  const started = spawnCollecting(process.execPath, [binPath, ...args], binEnv({ apiKey: null }));
  /** Resolves with stdout once it holds `count` lines (at most 20 s). */
  const lines = async (count: number): Promise<string[]> => {
    const deadline = Date.now() + 20_000;
    while (
      started.output().stdout.split("\n").length <= count &&
      Date.now() < deadline &&
      started.child.exitCode === null
    ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return started.output().stdout.split("\n");
  };
  return { ...started, lines };
}

describe("wandb-query mock-server", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "serves the demo dataset and stops on %s",
    async (signal) => {
      const bin = startBin(["--json", "mock-server", "--port", "0"]);
      try {
        const [first] = await bin.lines(1);
        const { url } = JSON.parse(first as string) as { url: string };
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const result = await runBin(["check", demoFacts.knownRun.path, "--metric", "accuracy>=0.95"], {
          baseUrl: url,
          apiKey: "anything",
        });
        expect(result.stdout).toBe("✔ accuracy is 0.953, wanted >= 0.95\n");
        bin.child.kill(signal);
        expect(await bin.exited).toEqual({ code: 0, signal: null });
        expect(bin.output().stderr).toBe(`stopped (${signal})\n`);
      } finally {
        if (bin.child.exitCode === null) bin.child.kill("SIGKILL");
      }
    },
  );

  it("says how to point the CLI at it", async () => {
    const bin = startBin(["mock-server", "--port", "0"]);
    try {
      const lines = await bin.lines(3);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0] as string)?.[1];
      expect(url).toBeDefined();
      expect(lines).toContain(`  export WANDB_BASE_URL=${url} WANDB_API_KEY=anything`);
      bin.child.kill("SIGTERM");
      expect((await bin.exited).code).toBe(0);
    } finally {
      if (bin.child.exitCode === null) bin.child.kill("SIGKILL");
    }
  });

  it("a port in use: one line that suggests --port 0", async () => {
    const bin = startBin(["--json", "mock-server", "--port", "0"]);
    try {
      const [first] = await bin.lines(1);
      const { port } = new URL((JSON.parse(first as string) as { url: string }).url);
      const result = await runBin(["mock-server", "--port", port]);
      expect(result).toEqual({
        code: 2,
        stdout: "",
        stderr: `wandb-query: port ${port} on 127.0.0.1 is in use (another mock-server still running?); choose another with --port, or --port 0 for a free one\n`,
      });
    } finally {
      bin.child.kill("SIGKILL");
    }
  });

  it("started by npx through a shell, stops and frees its port when npx's shell is killed", async () => {
    // What `npx wandb-query mock-server &` and `kill $!` amount to: the shell npm runs the bin in
    // is killed, the bin is not, and the signal never reaches it.
    const shell = spawnCollecting(
      "/bin/sh",
      ["-c", `"${process.execPath}" "${binPath}" --json mock-server --port 0; true`],
      { ...binEnv({ apiKey: null }), npm_execpath: "/usr/lib/node_modules/npm/bin/npm-cli.js" },
    );
    try {
      const deadline = Date.now() + 20_000;
      while (!shell.output().stdout.includes("\n") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const { url } = JSON.parse(shell.output().stdout.split("\n")[0] as string) as { url: string };
      shell.child.kill("SIGKILL");
      await shell.exited;
      // The server notices within a second or so, says why, and lets go of the port.
      let free = false;
      while (!free && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        free = await fetch(`${url}/graphql`, { method: "POST", body: "{}" }).then(
          () => false,
          () => true,
        );
      }
      expect(free).toBe(true);
    } finally {
      if (shell.child.exitCode === null) shell.child.kill("SIGKILL");
    }
  });

  it("refuses a port out of range", async () => {
    const result = await runBin(["mock-server", "--port", "70000"]);
    expect(result).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "wandb-query: bad --port 70000: ports go up to 65535\n",
    });
  });
});
