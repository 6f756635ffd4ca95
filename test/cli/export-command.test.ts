// `wandb-query export`: NDJSON progress with --json, a bar on a terminal, an unwritable --to
// refused before any request; against a loopback mock server.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockServer, mockHistory, mockRun, startMockServer } from "../../mocks/index.js";
import { runCli } from "../../src/cli/program.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const apiKey = "cli-export-key-0123456789abcdef0123456789abcdef";
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    apiKey,
    runs: Array.from({ length: 5 }, (_, i) =>
      mockRun({ id: `e${i}`, config: { lr: i }, history: mockHistory(20, (step) => ({ loss: step })) }),
    ),
  });
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());
const tempDir = useTempDirs("export-cli");

async function cli(args: string[], stderrIsTty = false) {
  const { output, written } = recordingOutput({ stderrIsTty });
  vi.stubEnv("WANDB_API_KEY", apiKey);
  vi.stubEnv("WANDB_BASE_URL", server.url);
  const code = await runCli(args, { output, env: {} });
  return { code, written };
}

describe("wandb-query export", () => {
  it("--json prints NDJSON progress events, then the result", async () => {
    const dir = tempDir();
    const { code, written } = await cli(["export", "acme/vision", "--to", dir, "--history", "--json"]);
    expect(code).toBe(0);
    const events = written.stdout
      .join("")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toEqual({ event: "done", dir, runs: 5, changed: 5, historyRows: 100 });
    expect(events.filter((e) => e.event === "progress").map((e) => e.phase)).toContain("history");
  });

  it("draws a bar on a terminal", async () => {
    const { code, written } = await cli(["export", "acme/vision", "--to", tempDir(), "--history"], true);
    expect(code).toBe(0);
    expect(written.statuses.some((status) => /history \[#+\] 5\/5/.test(status))).toBe(true);
    expect(written.stderr.join("\n")).toContain("5 runs in");
  });

  it("refuses an unwritable --to before any request", async () => {
    const file = join(tempDir(), "file");
    writeFileSync(file, "x");
    const before = server.requests.length;
    const { code, written } = await cli(["export", "acme/vision", "--to", file]);
    expect(code).toBe(2);
    expect(written.stderr.join("\n")).toContain("cannot write to");
    expect(server.requests.length).toBe(before);
  });
});
