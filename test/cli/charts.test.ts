// The charts of the command line, in process against the mock: `history --plot`, `runs --spark`,
// `diff --history` and `check --baseline --history`, with the requests they cost, hostile keys, an
// empty history, and the Mermaid blocks checked by Mermaid's parser.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockRun } from "../../mocks/index.js";
import { runCli } from "../../src/cli/program.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { mermaidBlocks, parseMermaid } from "../helpers/mermaid.js";
import { testApiKey, useMockWandb } from "../helpers/mock-wandb.js";

const esc = "\x1b";
const hostileKey = `loss${esc}]0;pwned\x07"%%{init}%%`;
const curve = (scale: number, steps = 60) =>
  Array.from({ length: steps }, (_, i) => ({
    _step: i * 10,
    loss: scale * Math.exp(-i / 15),
    "val/loss": scale * 1.1 * Math.exp(-i / 20),
  }));
const mock = useMockWandb({
  runs: [
    mockRun({ id: "base", history: curve(2) }),
    mockRun({ id: "cand", history: curve(1.5, 40) }),
    mockRun({ id: "empty", history: [] }),
    mockRun({
      id: "hostile",
      history: [
        { _step: 0, [hostileKey]: 1 },
        { _step: 1, [hostileKey]: 0.5 },
      ],
    }),
    ...Array.from({ length: 50 }, (_, i) =>
      mockRun({ id: `r${String(i).padStart(2, "0")}`, project: "sweep", history: curve(1 + i / 50, 20) }),
    ),
  ],
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function cli(
  args: string[],
  options: { env?: Record<string, string>; stdoutIsTty?: boolean; columns?: number } = {},
) {
  const { output, written } = recordingOutput({ stdoutIsTty: options.stdoutIsTty, columns: options.columns });
  vi.stubEnv("WANDB_API_KEY", testApiKey);
  vi.stubEnv("WANDB_BASE_URL", "https://api.wandb.ai");
  const before = mock.requests.length;
  const code = await runCli(args, { output, env: options.env ?? {} });
  return {
    code,
    stdout: written.stdout.join(""),
    stderr: written.stderr,
    requests: mock.requests.length - before,
  };
}

function summaryFile(): string {
  return join(mkdtempSync(join(tmpdir(), "wandb-query-charts-")), "summary.md");
}

describe("history --plot", () => {
  it("draws each key as plain ASCII when piped, fitted to COLUMNS, in one request", async () => {
    const { code, stdout, requests } = await cli(
      ["history", "acme/vision/base", "--keys", "loss,val/loss", "--plot", "--height", "8"],
      {
        columns: 60,
      },
    );
    expect(code).toBe(0);
    expect(requests).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\* loss {2}min 0\.03\d* {2}max 2 {2}last /);
    expect(lines[1]).toMatch(/^o val\/loss /);
    expect(lines).toHaveLength(2 + 8 + 2);
    for (const line of lines.slice(2)) expect(line.length).toBeLessThanOrEqual(60);
    expect([...stdout].every((c) => c === "\n" || (c >= " " && c <= "~"))).toBe(true);
  });

  it("uses braille and colours on a terminal, and no colours with NO_COLOR", async () => {
    const args = ["history", "acme/vision/base", "--keys", "loss", "--plot"];
    const coloured = await cli(args, { stdoutIsTty: true, columns: 80 });
    expect(coloured.stdout).toMatch(/[\u2801-\u28ff]/);
    expect(coloured.stdout).toContain(`${esc}[36m`);
    const plain = await cli(args, { stdoutIsTty: true, columns: 80, env: { NO_COLOR: "1" } });
    expect(plain.stdout).toMatch(/[\u2801-\u28ff]/);
    expect(plain.stdout).not.toContain(esc);
  });

  it("prints a hostile key with its control characters visible", async () => {
    const { code, stdout } = await cli(["history", "acme/vision/hostile", "--keys", hostileKey, "--plot"]);
    expect(code).toBe(0);
    expect([...stdout].filter((c) => c !== "\n" && (c < " " || (c >= "\u007f" && c <= "\u009f")))).toEqual(
      [],
    );
    expect(stdout).toContain("loss\\x1b]0;pwned\\x07");
  });

  it("says there is nothing to draw for an empty history", async () => {
    const { code, stdout } = await cli(["history", "acme/vision/empty", "--keys", "loss", "--plot"]);
    expect(code).toBe(0);
    expect(stdout).toContain("nothing to draw");
  });

  it("refuses chart flags without --plot, and --format with it", async () => {
    expect((await cli(["history", "acme/vision/base", "--keys", "loss", "--height", "5"])).code).toBe(2);
    expect(
      (await cli(["history", "acme/vision/base", "--keys", "loss", "--plot", "--format", "csv"])).code,
    ).toBe(2);
    expect(
      (await cli(["history", "acme/vision/base", "--keys", "loss", "--plot", "--height", "1"])).code,
    ).toBe(2);
  });
});

describe("runs --spark", () => {
  it("adds a sparkline per run; 50 runs' histories cost one batched request beside the listing", async () => {
    const { code, stdout, requests } = await cli([
      "runs",
      "acme/sweep",
      "--fields",
      "id",
      "--spark",
      "loss",
      "--format",
      "csv",
    ]);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split("\r\n");
    expect(rows[0]).toBe("id,loss (history)");
    expect(rows).toHaveLength(51);
    for (const row of rows.slice(1)) expect(row).toMatch(/^r\d\d,[▁▂▃▄▅▆▇█]{16}$/);
    expect(rows[1]?.split(",")[1]?.startsWith("█")).toBe(true);
    // One listing page and one batched request for the 50 runs' sampled histories.
    expect(requests).toBeLessThanOrEqual(3);
  });
});

describe("diff --history", () => {
  it("adds a Mermaid chart per key to the Markdown and to the step summary, which Mermaid parses", async () => {
    const summary = summaryFile();
    const { stdout } = await cli(
      ["diff", "acme/vision/base", "acme/vision/cand", "--history", "loss,val/loss", "--format", "md"],
      {
        env: { GITHUB_STEP_SUMMARY: summary },
      },
    );
    const blocks = mermaidBlocks(stdout);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) await parseMermaid(block);
    expect(blocks[0]).toContain('title "loss"');
    expect(stdout).toContain("Lines: blue: acme/vision/base (A); orange: acme/vision/cand (B)");
    expect(mermaidBlocks(readFileSync(summary, "utf8"))).toEqual(blocks);
  });

  it("draws text charts under the table format", async () => {
    const { stdout } = await cli(["diff", "acme/vision/base", "acme/vision/cand", "--history", "loss"]);
    expect(stdout).toContain("* acme/vision/base (A)");
    expect(stdout).toContain("o acme/vision/cand (B)");
    expect(stdout).toContain("_step (loss)");
  });

  it("keeps hostile keys inside their labels", async () => {
    const { stdout } = await cli([
      "diff",
      "acme/vision/hostile",
      "acme/vision/base",
      "--history",
      hostileKey,
      "--format",
      "md",
    ]);
    const [block] = mermaidBlocks(stdout);
    await parseMermaid(block as string);
    expect(block?.split("\n").filter((line) => line.includes("%%"))).toHaveLength(1);
  });
});

describe("check --history", () => {
  it("puts the run's and the baseline's curves under the table of checks", async () => {
    const summary = summaryFile();
    const { code, requests } = await cli(
      [
        "check",
        "acme/vision/cand",
        "--state",
        "finished",
        "--baseline",
        "acme/vision/base",
        "--history",
        "loss",
      ],
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(code).toBe(0);
    const text = readFileSync(summary, "utf8");
    expect(text.indexOf("| check | result | detail |")).toBeLessThan(text.indexOf("```mermaid"));
    const blocks = mermaidBlocks(text);
    expect(blocks).toHaveLength(1);
    await parseMermaid(blocks[0] as string);
    expect(text).toContain("blue: acme/vision/cand (this run); orange: acme/vision/base (baseline)");
    expect(requests).toBeLessThanOrEqual(2);
  });

  it("reads no history without a step summary, and needs --history for --baseline", async () => {
    const { code, requests } = await cli([
      "check",
      "acme/vision/cand",
      "--state",
      "finished",
      "--history",
      "loss",
    ]);
    expect(code).toBe(0);
    expect(requests).toBe(1);
    expect(
      (await cli(["check", "acme/vision/cand", "--state", "finished", "--baseline", "acme/vision/base"]))
        .code,
    ).toBe(2);
  });
});
