// `wandb-query wait`, `check --wait` and `wandb-query diff` end to end: the built bin against the
// fake W&B, whose runs the tests change while the bin polls.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type MockRun, mockRun } from "../../mocks/index.js";
import { binEnv, binPath, operationsSince, runBin, spawnCollecting, useMockServer } from "./support.js";

const now = Date.now();
const running = (id: string, fields: Partial<MockRun> = {}) =>
  mockRun({ id, state: "running", heartbeatAt: new Date(now), ...fields });
const runs: MockRun[] = [
  mockRun({ id: "done", state: "finished", summary: { accuracy: 0.97 } }),
  mockRun({ id: "crashed", state: "crashed" }),
  running("slow1"),
  running("slow2"),
  running("slow3", { summary: { accuracy: 0.96 } }),
  running("dead", { heartbeatAt: new Date(now - 3_600_000) }),
  running("forever"),
  ...Array.from({ length: 50 }, (_, i) => mockRun({ id: `m${i}`, state: "finished" })),
  mockRun({
    id: "base",
    config: { lr: 0.001, optimizer: { name: "adam" }, "data.path": "/v1" },
    summary: { accuracy: 0.9, loss: Number.NaN, _runtime: 10 },
  }),
  mockRun({
    id: "cand",
    config: { lr: 0.0003, optimizer: { name: "adam" }, warmup: 100 },
    summary: { accuracy: 0.9, loss: Number.NaN, _runtime: 20, f1: 0.5 },
  }),
  mockRun({
    id: "twin",
    config: { lr: 0.001, optimizer: { name: "adam" }, "data.path": "/v1" },
    summary: { accuracy: 0.9, loss: Number.NaN },
  }),
];
const mock = useMockServer({ runs });
const path = (id: string) => `acme/vision/${id}`;

/** Starts the bin, and once its stderr shows `trigger`, calls `then` (the run changes under it). */
async function runChanging(args: string[], trigger: string, then: () => void) {
  const started = spawnCollecting(process.execPath, [binPath, ...args], binEnv({ baseUrl: mock.server.url }));
  const deadline = Date.now() + 20_000;
  while (!started.output().stderr.includes(trigger)) {
    if (Date.now() > deadline) {
      started.child.kill("SIGKILL");
      throw new Error(`never saw ${JSON.stringify(trigger)}: ${started.output().stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  then();
  const { code } = await started.exited;
  return { code, ...started.output() };
}

describe("wandb-query wait", () => {
  it("exits 0 at once for a run that already finished, in one request", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(["wait", path("done")], { baseUrl: mock.server.url });
    expect(result).toMatchObject({ code: 0, stdout: `✔ ${path("done")}: finished\n` });
    expect(operationsSince(mock.server, before)).toEqual(["RunsByName"]);
  });

  it("waits while runs run, and exits 1 when one ends otherwise", async () => {
    const result = await runChanging(
      ["wait", path("slow1"), path("slow2"), "--poll", "0.1s"],
      `${path("slow2")}: running`,
      () => {
        mock.server.updateRun(path("slow1"), { state: "finished" });
        mock.server.updateRun(path("slow2"), { state: "failed" });
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`✔ ${path("slow1")}: finished\n✘ ${path("slow2")}: failed, wanted finished\n`);
    expect(result.stderr).toContain(`${path("slow1")}: running\n`);
    expect(result.stderr).toContain(`${path("slow1")}: finished\n`);
  });

  it("exits 1 for a stalled run, saying how long it has been silent", async () => {
    const result = await runBin(["wait", path("dead"), path("done")], { baseUrl: mock.server.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `✘ ${path("dead")}: stalled: running, last heartbeat 1h ago\n✔ ${path("done")}: finished\n`,
    );
  });

  it("exits 2 when --wait runs out, in the command line's words", async () => {
    const result = await runBin(["wait", path("forever"), "--wait", "1s", "--poll", "0.2s"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `wandb-query: run ${path("forever")} did not reach finished within 1s \\(last state: running\\)\\n$`,
      ),
    );
    expect(result.stdout).toBe("");
  });

  it("still takes the old wait --timeout as how long to wait, saying it is deprecated", async () => {
    const result = await runBin(["wait", path("forever"), "--timeout", "1s", "--poll", "0.2s"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^wandb-query: wait --timeout as how long to wait is deprecated: use --wait/);
    expect(lines.at(-1)).toMatch(/did not reach finished within 1s \(last state: running\)$/);
  });

  it("refuses a --state W&B does not report, listing W&B's states, before asking anything", async () => {
    const before = mock.server.requests.length;
    for (const command of [
      ["wait", path("done")],
      ["check", path("done")],
    ]) {
      const result = await runBin([...command, "--state", "finised"], { baseUrl: mock.server.url });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        'wandb-query: bad --state "finised": expected running, finished, crashed, failed, killed, preempting, preempted or pending\n',
      );
    }
    expect(mock.server.requests.length).toBe(before);
  });

  it("waits for --state running, and reports JSON with --json", async () => {
    const result = await runBin(["wait", path("forever"), path("crashed"), "--state", "running", "--json"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      runs: [
        { run: path("forever"), outcome: "reached", state: "running", detail: "running" },
        { run: path("crashed"), outcome: "ended", state: "crashed", detail: "crashed, wanted running" },
      ],
    });
  });

  it("polls 50 runs in one request", async () => {
    const before = mock.server.requests.length;
    const ids = Array.from({ length: 50 }, (_, i) => path(`m${i}`));
    const result = await runBin(["wait", ...ids], { baseUrl: mock.server.url });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("✔"))).toHaveLength(50);
    expect(mock.server.requests.slice(before).map((request) => request.runs.length)).toEqual([50]);
  });

  it("exits 2 for a run that does not exist", async () => {
    const result = await runBin(["wait", path("nosuchrun")], { baseUrl: mock.server.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^wandb-query: .*nosuchrun.*\n$/);
  });
});

describe("wandb-query check --wait", () => {
  it("waits for the run to finish, then checks it", async () => {
    const result = await runChanging(
      [
        "check",
        path("slow3"),
        "--wait",
        "30s",
        "--poll",
        "0.1s",
        "--state",
        "finished",
        "--metric",
        "accuracy>=0.95",
      ],
      `${path("slow3")}: running`,
      () => mock.server.updateRun(path("slow3"), { state: "finished" }),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✔ state is finished\n✔ accuracy is 0.96, wanted >= 0.95\n");
  });

  it("fails the check of a run that stalled", async () => {
    const result = await runBin(["check", path("dead"), "--wait", "1m", "--state", "finished"], {
      baseUrl: mock.server.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "✘ run did not end: stalled: running, last heartbeat 1h ago\n✘ state is running, wanted finished\n",
    );
  });
});

describe("wandb-query diff", () => {
  it("shows the differences as a table, leaves out _runtime, and exits 1", async () => {
    const before = mock.server.requests.length;
    const result = await runBin(["diff", path("base"), path("cand")], { baseUrl: mock.server.url });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `section  key            change   ${path("base")}  ${path("cand")}`,
      "config   lr             changed  0.001             0.0003",
      `config   ["data.path"]  removed  /v1`,
      "config   warmup         added                      100",
      "summary  f1             added                      0.5",
      "",
    ]);
    expect(operationsSince(mock.server, before)).toEqual(["RunsByName"]);
  });

  it("exits 0 for runs without differences", async () => {
    const result = await runBin(["diff", path("base"), path("twin")], { baseUrl: mock.server.url });
    expect(result).toMatchObject({
      code: 0,
      stdout: `no differences between ${path("base")} and ${path("twin")}\n`,
    });
  });

  it("writes Markdown to stdout and to GITHUB_STEP_SUMMARY", async () => {
    const summaryFile = join(mkdtempSync(join(tmpdir(), "wandb-query-diff-")), "summary.md");
    const result = await runBin(
      ["diff", path("base"), path("cand"), "--sections", "config", "--format", "md"],
      {
        baseUrl: mock.server.url,
        env: { GITHUB_STEP_SUMMARY: summaryFile },
      },
    );
    expect(result.code).toBe(1);
    const markdown = [
      `### wandb-query diff <code>${path("base")}</code> → <code>${path("cand")}</code>: 3 differences`,
      "",
      "| section | key | change | a | b |",
      "| --- | --- | --- | --- | --- |",
      "| config | <code>lr</code> | changed | <code>0.001</code> | <code>0.0003</code> |",
      '| config | <code>\\["data.path"\\]</code> | removed | <code>/v1</code> |  |',
      "| config | <code>warmup</code> | added |  | <code>100</code> |",
      "",
      "",
    ].join("\n");
    expect(result.stdout).toBe(markdown);
    expect(readFileSync(summaryFile, "utf8")).toBe(markdown);
  });

  it("prints JSON with array paths, keeps _runtime with --ignore '', and compares within a tolerance", async () => {
    const result = await runBin(
      ["diff", path("base"), path("cand"), "--format", "json", "--sections", "summary", "--ignore", ""],
      { baseUrl: mock.server.url },
    );
    expect(JSON.parse(result.stdout)).toEqual({
      a: path("base"),
      b: path("cand"),
      config: [],
      summary: [
        { path: ["_runtime"], kind: "changed", a: 10, b: 20 },
        { path: ["_timestamp"], kind: "changed", a: expect.any(Number), b: expect.any(Number) },
        { path: ["f1"], kind: "added", b: 0.5 },
      ],
    });
    const close = await runBin(
      ["diff", path("base"), path("cand"), "--keys", "lr", "--sections", "config", "--tolerance", "0.001"],
      { baseUrl: mock.server.url },
    );
    expect(close.code).toBe(0);
  });

  it.each([
    [["--format", "xml"], /bad --format "xml"/],
    [["--sections", "history"], /bad --sections "history"/],
    [["--tolerance", "-1"], /bad --tolerance "-1"/],
  ])("refuses %j with exit 2", async (flags, message) => {
    const result = await runBin(["diff", path("base"), path("cand"), ...flags], { baseUrl: mock.server.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
