// Hostile output (issue #19 defects 9-12 and 15's --metric and CSV parts; issue #21 frictions 6
// and 7's tables): a run whose name, tags, keys, values, notes, artifact and file names, and the
// server's error messages hold terminal escapes, Markdown and HTML. Every command is run in
// process against the mock; what reaches the terminal, GITHUB_STEP_SUMMARY and a spreadsheet is
// read back. Tests are named after the defect numbers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import { diffBlock, diffTable } from "../../src/cli/diff-format.js";
import { runCli } from "../../src/cli/program.js";
import { capSummary, cutNotice, stepSummaryMaxBytes } from "../../src/cli/step-summary.js";
import { createClient, diffRuns } from "../../src/index.js";
import { diffObjects } from "../../src/workflows/compare-values.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { testApiKey, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const ESC = "\u001b";
const BEL = "\u0007";
/** Retitles the window, clears the screen, hides a link, and redraws a line. */
const title = `${ESC}]0;pwned${BEL}`;
const clear = `${ESC}[2J`;
const link = `${ESC}]8;;http://evil.example${ESC}\\click me${ESC}]8;;${ESC}\\`;
const redraw = "\r✔ all good";
const c1 = "\u009b2J";
const markdown =
  "x\r### all checks passed\n| forged | row |<img src=x onerror=alert(1)>[x](http://e) https://evil.example";

const hostileRun: MockRun = {
  entity: "acme",
  project: "evil",
  id: "h1",
  displayName: `name${title}${clear}`,
  state: "finished",
  jobType: `train${redraw}`,
  tags: [`tag${link}`, `b${c1}`],
  group: `g${clear}`,
  notes: `first line\nsecond${redraw}`,
  config: { [`lr${redraw}`]: 0.1, opt: `adam${title}` },
  summary: {
    accuracy: 0.5,
    text: markdown,
    [`k${ESC}[31m`]: `v${link}`,
    loss: Number.NEGATIVE_INFINITY,
    formula: "=1+1",
    neg: "-2+3",
  },
  history: [{ _step: 0, loss: 1, note: `=HYPERLINK("http://e")${clear}` }],
  usedArtifacts: [{ name: "data", type: "dataset", version: 2, usedAs: [`input${clear}`] }],
  loggedArtifacts: [
    {
      name: "model",
      type: "model",
      version: 0,
      aliases: ["latest", `best${clear}`],
      description: `desc${title}`,
      files: [
        { path: `weights${clear}.bin`, content: "abc" },
        { path: `ref${redraw}`, ref: `s3://bucket/${title}` },
      ],
    },
  ],
};
const plainRun: MockRun = {
  entity: "acme",
  project: "evil",
  id: "p1",
  displayName: "plain",
  config: { opt: "sgd" },
  summary: { accuracy: 0.9, text: "fine", loss: 0.05 },
};

/** Two runs whose summaries differ in 30,000 values of 1,000 characters: 60 MB of values. */
const bigValues = (fill: string): MockRun => ({
  entity: "acme",
  project: "big",
  id: fill,
  summary: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, `${i}`.padEnd(1000, fill)])),
});
/** Two runs whose configs differ in 200,000 keys (the old table overflowed the stack at ~125,000). */
const manyKeys = (id: string, value: number): MockRun => ({
  entity: "acme",
  project: "many",
  id,
  config: Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, value])),
});
/** A run that logged a version of 200,000 files. */
const manyFiles: MockRun = {
  entity: "acme",
  project: "many",
  id: "files",
  usedArtifacts: [{ name: "data", type: "dataset", version: 2, usedAs: [`input${clear}`] }],
  loggedArtifacts: [
    {
      name: "dataset",
      type: "dataset",
      version: 0,
      files: Array.from({ length: 200_000 }, (_, i) => ({ path: `shard/${i}.bin`, content: "x" })),
    },
  ],
};

/** Configs nested 5,000 levels deep, differing at the bottom (W&B keeps whatever a run logged). */
const depth = 5000;
const deepRun = (id: string, leaf: number): MockRun => ({
  entity: "acme",
  project: "deep",
  id,
  configRaw: `{"lr": {"value": 0.1, "desc": null}, "deep": {"value": ${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}, "desc": null}}`,
});
/** Runs whose default columns are wider than 80 characters. */
const wideRuns: MockRun[] = ["r1", "r2"].map((id) => ({
  entity: "acme",
  project: "wide",
  id,
  displayName: `a-rather-long-display-name-for-run-${id}-of-the-sweep`,
  jobType: "evaluation-long",
  tags: ["baseline", "resnet"],
}));

const mock = useMockWandb({
  runs: [
    hostileRun,
    plainRun,
    bigValues("a"),
    bigValues("b"),
    manyKeys("a", 0),
    manyKeys("b", 1),
    manyFiles,
    deepRun("a", 1),
    deepRun("b", 2),
    ...wideRuns,
  ],
});
const requests = () => mock.requests.length;
const tempDir = useTempDirs("hostile-output");

afterEach(() => {
  vi.unstubAllEnvs();
});

async function cli(args: string[], env: Record<string, string> = {}, columns?: number) {
  const { output, written } = recordingOutput();
  vi.stubEnv("WANDB_API_KEY", testApiKey);
  vi.stubEnv("WANDB_BASE_URL", "https://api.wandb.ai");
  const code = await runCli(args, { output: { ...output, columns }, env });
  return { code, stdout: written.stdout.join(""), stderr: written.stderr.join("\n") };
}

/** Every character a terminal acts on, but the line feed that ends each line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const terminalControls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectTerminalSafe(text: string) {
  const found = terminalControls.exec(text);
  expect(
    found,
    found ? `control U+${found[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}` : "",
  ).toBeNull();
}

describe("defect 9: terminal escapes from the server are shown, not obeyed", () => {
  it.each([
    ["runs", ["runs", "acme/evil", "--fields", "id,name,jobType,tags,group,config.opt,summary.text"]],
    ["run", ["run", "acme/evil/h1"]],
    ["artifacts", ["artifacts", "acme/evil/h1", "--used"]],
    ["artifact", ["artifact", "acme/evil/model:latest"]],
    [
      "check",
      ["check", "acme/evil/h1", "--metric", "text>0", "--state", "finished", "--artifact", "model:nope"],
    ],
    ["diff", ["diff", "acme/evil/p1", "acme/evil/h1", "--ignore", ""]],
  ])("%s: no control character on stdout or stderr, the data still readable", async (_name, args) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBeLessThan(2);
    expectTerminalSafe(stdout);
    expectTerminalSafe(stderr);
    expect(`${stdout}${stderr}`).toMatch(/\\x1b|\\r|\\x9b/);
  });

  it("wait: its lines on stdout and stderr hold no control character", async () => {
    const { code, stdout, stderr } = await cli(["wait", "acme/evil/h1"]);
    expect(code).toBe(0);
    expect(stdout).toBe("✔ acme/evil/h1: finished\n");
    expectTerminalSafe(stderr);
  });

  it("run: the name, notes and tags keep their text, escapes written out", async () => {
    const { stdout } = await cli(["run", "acme/evil/h1"]);
    expect(stdout.split("\n")[0]).toBe("acme/evil/h1  name\\x1b]0;pwned\\x07\\x1b[2J");
    expect(stdout).toContain("first line\\nsecond\\r✔ all good");
    expect(stdout).toContain("tag\\x1b]8;;http://evil.example\\x1b\\click me\\x1b]8;;\\x1b\\, b\\x9b2J");
  });

  it("check: a \\r in a value cannot redraw ✘ as ✔", async () => {
    const { code, stdout } = await cli(["check", "acme/evil/h1", "--metric", "text>0"]);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(stdout.startsWith("✘ text is not a number")).toBe(true);
    expect(stdout).toContain("\\r### all checks passed\\n");
  });

  it("download: file names and references print escaped", async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await cli([
      "download",
      "acme/evil/model:latest",
      "--to",
      dir,
      "--pattern",
      "ref%",
    ]);
    expect(code).toBe(0);
    expectTerminalSafe(stdout);
    expectTerminalSafe(stderr);
    expect(stdout).toContain("not fetched (reference): ref\\r✔ all good -> s3://bucket/\\x1b]0;pwned\\x07");
  });

  it("the error line: a server's message is shown escaped, on one line", async () => {
    mock.server.use(
      http.post("*/graphql", () =>
        HttpResponse.json({ errors: [{ message: `boom${title}${clear}${redraw}` }], data: null }),
      ),
    );
    const { code, stdout, stderr } = await cli(["run", "acme/evil/h1"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectTerminalSafe(stderr);
    expect(stderr).toContain("boom\\x1b]0;pwned\\x07\\x1b[2J\\r✔ all good");
  });

  it("--json stays JSON, every control character escaped, C1 included", async () => {
    const { stdout } = await cli(["--json", "run", "acme/evil/h1"]);
    expectTerminalSafe(stdout.replaceAll("\n", ""));
    const parsed = JSON.parse(stdout);
    expect(parsed.name).toBe(hostileRun.displayName);
    expect(parsed.tags).toEqual(hostileRun.tags);
    expect(stdout).toContain("\\u009b2J");
  });
});

describe("defect 10: the step summary holds data as text, within 1 MiB", () => {
  it("check: no forged row, heading, image or link; every check one row", async () => {
    const path = join(tempDir(), "summary.md");
    const { code } = await cli(["check", "acme/evil/h1", "--metric", "text>0", "--state", "finished"], {
      GITHUB_STEP_SUMMARY: path,
    });
    expect(code).toBe(1);
    const summary = readFileSync(path, "utf8");
    const lines = summary.split("\n");
    expect(lines.filter((line) => line.startsWith("#"))).toEqual([
      "### wandb-query check <code>acme/evil/h1</code>: failed",
    ]);
    expect(lines.filter((line) => line.startsWith("|"))).toHaveLength(4);
    expect(summary).not.toMatch(/<img|\]\(http|\r|https:\/\//);
    for (const row of lines.filter((line) => line.startsWith("|"))) expect(row.split("|")).toHaveLength(5);
  });

  it("check: a server's error message is escaped too", async () => {
    mock.server.use(
      http.post("*/graphql", () =>
        HttpResponse.json({ errors: [{ message: `denied\n### all checks passed <img src=x>` }], data: null }),
      ),
    );
    const path = join(tempDir(), "summary.md");
    const { code } = await cli(["check", "acme/evil/h1", "--state", "finished"], {
      GITHUB_STEP_SUMMARY: path,
    });
    expect(code).toBe(2);
    const summary = readFileSync(path, "utf8");
    expect(summary.split("\n").filter((line) => line.startsWith("#"))).toHaveLength(1);
    expect(summary).toContain("denied \\#\\#\\# all checks passed &lt;img src=x&gt;");
  });

  it("diff: 60 MB of differing values make a summary of at most 1 MiB that says it was cut", async () => {
    const path = join(tempDir(), "summary.md");
    const { code } = await bigDiff(path);
    expect(code).toBe(1);
    const summary = readFileSync(path, "utf8");
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(stepSummaryMaxBytes);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(stepSummaryMaxBytes - 4096);
    const last = summary.trimEnd().split("\n").at(-1) ?? "";
    expect(last).toMatch(/^_wandb-query: summary cut to fit GitHub's 1 MiB limit; \d+ more lines left out/);
    const left = Number(/(\d+) more lines/.exec(last)?.[1]);
    const shown = summary.split("\n").filter((line) => line.startsWith("| summary |")).length;
    // The rows not shown, and the blank line that would have closed the table.
    expect(shown + left).toBe(30_000);
    expect(last).toBe(cutNotice(left));
  }, 240_000);
});

/** `diff` between two runs of 30,000 keys of 1,000 characters each (60 MB of values). */
async function bigDiff(summaryPath: string) {
  return cli(["diff", "acme/big/a", "acme/big/b", "--sections", "summary"], {
    GITHUB_STEP_SUMMARY: summaryPath,
  });
}

describe("defect 11: tables of data-sized row counts", () => {
  it("artifact: a version of 200,000 files lists every one", async () => {
    const before = requests();
    const { code, stdout, stderr } = await cli(["artifact", "acme/many/dataset:v0"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const rows = stdout.split("\n").filter((line) => line.startsWith("shard/"));
    expect(rows).toHaveLength(200_000);
    expect(rows.filter((row) => /^shard\/199999\.bin +1 B +\S+$/.test(row))).toHaveLength(1);
    // The version, then its producer and files (one manifest read from storage).
    expect(requests() - before).toBeLessThanOrEqual(3);
  }, 240_000);

  it("diff: 200,000 differences print as a table, one line each", async () => {
    const before = requests();
    const { code, stdout, stderr } = await cli([
      "diff",
      "acme/many/a",
      "acme/many/b",
      "--sections",
      "config",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("section  key      change   acme/many/a  acme/many/b");
    expect(lines[200_000]).toBe("config   k199999  changed  0            1");
    expect(lines).toHaveLength(200_002);
    // Both configs in one batched request.
    expect(requests() - before).toBe(1);
  }, 240_000);

  it("diff's pieces: 1,000,000 differences found, tabled and summarised", () => {
    const a: Record<string, number> = {};
    const b: Record<string, number> = {};
    for (let i = 0; i < 1_000_000; i++) {
      a[`k${i}`] = 0;
      b[`k${i}`] = 1;
    }
    const config = diffObjects(a, b);
    expect(config).toHaveLength(1_000_000);
    const diff = { config, summary: [] };
    const { lines } = diffTable(diff, "x/y/a", "x/y/b");
    expect(lines).toHaveLength(1_000_001);
    expect(lines[1_000_000]).toBe("config   k999999  changed  0      1");
    const { text, linesLeftOut } = capSummary([diffBlock(diff, "x/y/a", "x/y/b")], stepSummaryMaxBytes);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(stepSummaryMaxBytes);
    expect(text.trimEnd().endsWith(cutNotice(linesLeftOut))).toBe(true);
  }, 240_000);

  it("no call in src/ spreads an array into arguments (Math.max(...cells) overflows the stack)", async () => {
    const { readdirSync } = await import("node:fs");
    const sources = readdirSync("src", { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && !file.startsWith("_generated"),
    );
    expect(sources.length).toBeGreaterThan(50);
    const spreadCall =
      /(?:Math\.(?:max|min)|\.push|\.unshift|\.splice|fromCharCode|fromCodePoint|\.apply)\(\s*(?:[^()]*,\s*)?\.\.\./;
    const found = sources.filter((file) => spreadCall.test(readFileSync(join("src", file), "utf8")));
    expect(found).toEqual([]);
  });
});

describe("defect 12: diffRuns on a config nested 5,000 levels deep", () => {
  it("finds the one difference at the bottom, its whole path named", async () => {
    const wb = createClient({ apiKey: testApiKey, baseUrl: "https://api.wandb.ai" });
    const before = requests();
    const diff = await diffRuns(wb.run("acme/deep/a"), wb.run("acme/deep/b"), { sections: ["config"] });
    expect(requests() - before).toBe(1);
    expect(diff.summary).toEqual([]);
    expect(diff.config).toHaveLength(1);
    const [difference] = diff.config;
    expect(difference?.kind).toBe("changed");
    expect(difference?.path).toHaveLength(depth + 1);
    expect(difference?.path.slice(0, 3)).toEqual(["deep", "a", "a"]);
    expect([difference?.a, difference?.b]).toEqual([1, 2]);
  });

  it("the CLI's diff prints it on one line, exit 1", async () => {
    const { code, stdout, stderr } = await cli([
      "--wide",
      "diff",
      "acme/deep/a",
      "acme/deep/b",
      "--sections",
      "config",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^config +deep(\.a){5000} +changed +1 +2$/);
  });
});

describe("defect 15: --metric thresholds and infinite metrics", () => {
  it.each(["loss<1e999", "loss>-1e999", "loss<1e-999"])(
    "%s is a usage error (exit 2) before any request",
    async (expression) => {
      const before = requests();
      const { code, stdout, stderr } = await cli(["check", "acme/evil/h1", "--metric", expression]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^wandb-query: bad metric expression .*too (large|small) for a number/);
      expect(requests() - before).toBe(0);
    },
  );

  it("loss<0.1 fails on a loss of -Infinity unless --allow-infinite", async () => {
    const refused = await cli(["check", "acme/evil/h1", "--metric", "loss<0.1"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(
      "✘ loss is -Infinity, wanted < 0.1 (infinite values fail unless --allow-infinite)\n",
    );
    const allowed = await cli(["check", "acme/evil/h1", "--metric", "loss<0.1", "--allow-infinite"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toBe("✔ loss is -Infinity, wanted < 0.1\n");
  });
});

describe("defect 15: CSV cells a spreadsheet would run", () => {
  it("runs --format csv: text cells starting with =, +, -, @ get a leading ', numbers stay numbers", async () => {
    const { code, stdout } = await cli([
      "runs",
      "acme/evil",
      "--format",
      "csv",
      "--fields",
      "id,summary.loss,summary.formula,summary.neg,summary.accuracy",
      "--filter",
      '{"name":"h1"}',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "id,summary.loss,summary.formula,summary.neg,summary.accuracy\r\nh1,-Infinity,'=1+1,'-2+3,0.5\r\n",
    );
  });

  it("history (CSV by default): a formula in a value is text, its escapes visible", async () => {
    const { code, stdout } = await cli(["history", "acme/evil/h1", "--keys", "loss,note"]);
    expect(code).toBe(0);
    expect(stdout).toBe('_step,loss,note\r\n0,1,"\'=HYPERLINK(""http://e"")\\x1b[2J"\r\n');
  });
});

describe("issue #21 friction 6: with --json, a failure is one JSON object on stdout", () => {
  it("a run that does not exist: class, message, exit code and the run; stderr keeps its line", async () => {
    const { code, stdout, stderr } = await cli(["--json", "run", "acme/evil/nope"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stdout.endsWith("\n")).toBe(true);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const object = JSON.parse(stdout);
    expect(object).toEqual({
      error: {
        class: "RunNotFoundError",
        message: stderr.replace("wandb-query: ", ""),
        exitCode: 2,
        run: "acme/evil/nope",
      },
    });
  });

  it("a usage error, and a file the run did not save", async () => {
    const usage = await cli(["--json", "check", "acme/evil/h1"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error).toMatchObject({ class: "UsageError", exitCode: 2 });
    const flag = await cli(["runs", "acme/evil", "--format", "xml", "--json"]);
    expect(JSON.parse(flag.stdout).error).toMatchObject({ class: "UsageError", exitCode: 2 });
    const file = await cli([
      "--json",
      "download",
      "acme/evil/h1",
      "--file",
      "missing.json",
      "--to",
      tempDir(),
    ]);
    expect(file.code).toBe(2);
    expect(JSON.parse(file.stdout).error).toMatchObject({ exitCode: 2 });
  });

  it("wait: the error is inside its result object, and no second object follows", async () => {
    const { code, stdout, stderr } = await cli(["--json", "wait", "acme/evil/h1", "acme/evil/nope"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^wandb-query: run acme\/evil\/nope not found/m);
    const parsed = JSON.parse(stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.runs.map((entry: { outcome: string }) => entry.outcome)).toEqual(["reached", "error"]);
  });

  it("without --json, stdout stays empty", async () => {
    const { code, stdout } = await cli(["run", "acme/evil/nope"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });
});

describe("issue #21 friction 7: tables on an 80-column terminal", () => {
  it("runs: every line fits, the columns left out are named on stderr, --wide shows them", async () => {
    const { code, stdout, stderr } = await cli(["runs", "acme/wide"], {}, 80);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[0]?.split(/\s+/)).toEqual(["id", "name", "state", "jobType", "user"]);
    // Cut names stay readable: at least their first 16 characters.
    expect(lines[1]).toContain("a-rather-long-di");
    expect(stderr).toBe(
      "wandb-query: column createdAt left out to fit 80 columns; --wide shows every column",
    );
    const wide = await cli(["--wide", "runs", "acme/wide"], {}, 80);
    expect(wide.stderr).toBe("");
    expect(wide.stdout).toContain("a-rather-long-display-name-for-run-r1-of-the-sweep");
    expect(wide.stdout.split("\n")[0]?.split(/\s+/)).toContain("createdAt");
  });

  it("tags read the same in runs and run", async () => {
    const listed = await cli(["runs", "acme/wide", "--fields", "id,tags"]);
    expect(listed.stdout.split("\n")[1]).toBe("r1  baseline, resnet");
    const shown = await cli(["run", "acme/wide/r1"]);
    expect(shown.stdout).toMatch(/^ {2}tags +baseline, resnet$/m);
  });
});
