// `wandb-query logs`: the whole log, a tail, --json, --follow until the run ends (the test ends the
// run while the command polls), control characters made visible; against a loopback mock server.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockServer, mockRun, startMockServer } from "../../mocks/index.js";
import { runCli } from "../../src/cli/program.js";
import { terminalTextKeepingTabs } from "../../src/output/terminal-text.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { logs } from "../ops/log-lines-fixture.js";

const apiKey = "cli-logs-key-0123456789abcdef0123456789abcdef";
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    apiKey,
    runs: [
      mockRun({
        id: "done",
        logs: [...logs(4), { line: "\u001b]0;pwned\u0007\u001b[2J\rgone\u202eevil", label: "rank\u001b1" }],
      }),
      mockRun({ id: "live", state: "running", heartbeatAt: new Date(), logs: logs(3) }),
    ],
  });
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

async function cli(args: string[], onStderr?: (line: string) => void) {
  const { output, written } = recordingOutput();
  if (onStderr) {
    const err = output.err;
    output.err = (line) => {
      err(line);
      onStderr(line);
    };
  }
  vi.stubEnv("WANDB_API_KEY", apiKey);
  vi.stubEnv("WANDB_BASE_URL", server.url);
  const code = await runCli(args, { output, env: {} });
  return { code, stdout: written.stdout.join(""), stderr: written.stderr.join("\n") };
}

describe("wandb-query logs", () => {
  it("prints the whole log with control characters made visible, never raw", async () => {
    const { code, stdout } = await cli(["logs", "acme/vision/done"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "out 0\nout 1\nout 2\n[rank1] err 3\n[rank\\x1b1] \\x1b]0;pwned\\x07\\x1b[2J\\rgone\\u202eevil\n",
    );
    // Nothing a terminal would act on is left.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(stdout.replaceAll("\n", "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it("--tail N reads the newest lines in one request; --json gives one object a line", async () => {
    const before = server.requests.length;
    const { stdout } = await cli(["logs", "acme/vision/done", "--tail", "2", "--json"]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.number)).toEqual([3, 4]);
    expect(lines[0]).toMatchObject({ level: "error", label: "rank1", text: "err 3" });
    expect(lines[0].timestamp).toBe("2024-01-01T00:00:03.000Z");
    expect(server.requests.slice(before).map((r) => r.operationName)).toEqual(["RunLogTail"]);
  });

  it("refuses --tail past 10000 and --poll without --follow, before any request", async () => {
    const before = server.requests.length;
    expect((await cli(["logs", "acme/vision/done", "--tail", "20000"])).code).toBe(2);
    expect((await cli(["logs", "acme/vision/done", "--poll", "1s"])).code).toBe(2);
    expect(server.requests.length).toBe(before);
  });

  it("--follow prints new lines until the run ends, then exits by its state", async () => {
    const path = "acme/vision/live";
    let polls = 0;
    const follow = cli(["logs", path, "--follow", "--poll", "0.05s", "--timeout", "20"]);
    // The run writes while the command polls, then finishes.
    for (let guard = 0; guard < 200 && polls < 3; guard++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      polls = server.requests.filter((r) => r.operationName === "RunLogTail").length;
    }
    server.updateRun(path, { logs: logs(6) });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.updateRun(path, { logs: logs(8), state: "failed" });
    const { code, stdout, stderr } = await follow;
    expect(stdout).toBe(
      `${logs(8)
        .map((_, i) => (i % 7 === 3 ? `[rank1] err ${i}` : `out ${i}`))
        .join("\n")}\n`,
    );
    expect(stderr).toContain(`${path}: failed`);
    expect(code).toBe(1);
  });
});

describe("terminalTextKeepingTabs, as log lines are printed", () => {
  it("keeps printable text and tabs, shows every control character", () => {
    expect(terminalTextKeepingTabs("a\tb é 日本")).toBe("a\tb é 日本");
    expect(terminalTextKeepingTabs("\u0000\n\u007f\u009b\u2066")).toBe("\\x00\\n\\x7f\\x9b\\u2066");
  });
});
