// The examples of the README and the guides are the files of examples/, shown whole or cut from,
// and each runs: against the demo dataset on a loopback mock server, through the package's own
// exports, configured by environment as a user's would be.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { demoFacts, demoRuns, type MockRun, type MockServer, startMockServer } from "../../mocks/index.js";
import { mermaidBlocks, parseMermaid } from "../helpers/mermaid.js";
import { describeWithRedis, useRedis } from "../helpers/redis-server.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const apiKey = "examples-0123456789abcdef0123456789";
const examplesDir = new URL("../../examples/", import.meta.url);
let server: MockServer;
let output: string[];

beforeAll(async () => {
  server = await startMockServer({ apiKey });
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
  process.exitCode = 0;
});

async function runExample(name: string, env: Record<string, string> = {}): Promise<string[]> {
  vi.stubEnv("WANDB_BASE_URL", server.url);
  vi.stubEnv("WANDB_API_KEY", apiKey);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  output = [];
  for (const method of ["log", "error", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      output.push(args.map(String).join(" "));
    });
  }
  server.reset();
  await import(new URL(name, examplesDir).href);
  return output;
}

describe("examples/", () => {
  it("ci-check passes a run that meets the bar, in one request", async () => {
    const lines = await runExample("ci-check.ts");
    expect(lines).toEqual([`✔ ${demoFacts.knownRun.path}: finished, accuracy 0.953, model v5`]);
    expect(process.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it("ci-check fails a run that does not, with exit code 1", async () => {
    const lines = await runExample("ci-check.ts", { RUN_PATH: demoFacts.nonFiniteRun.path });
    expect(lines).toEqual([
      `✘ ${demoFacts.nonFiniteRun.path}: state is crashed, wanted finished`,
      expect.stringMatching(/^✘ acme\/vision\/n4ns7m1x: accuracy is [\d.]+, wanted >= 0\.95$/),
      `✘ ${demoFacts.nonFiniteRun.path}: no model:latest logged`,
    ]);
    expect(process.exitCode).toBe(1);
  });

  it("node-service ranks the finished runs by accuracy, a request per page and per 50 summaries", async () => {
    const lines = await runExample("node-service.ts");
    expect(lines).toHaveLength(3);
    const accuracies = lines.map((line) => Number(line.split(" ")[0]));
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
    const finished = demoFacts.counts.perProject.vision.byState.finished;
    expect(server.requests).toHaveLength(Math.ceil(finished / 50) * 2);
  });

  it("service-batching answers each card; calls that arrive together share requests", async () => {
    const lines = await runExample("service-batching.ts");
    expect(lines).toHaveLength(21);
    for (const line of lines.slice(0, 20)) expect(line).toMatch(/^\w{8}: \w+, accuracy \S+$/);
    // How many requests the cards cost depends on the clock (arrivals 1 ms apart, a 5 ms window),
    // so only the bound is checked: never more than one per card.
    const [, cards, requests] = /^(\d+) cards in (\d+) requests$/.exec(lines[20] ?? "") ?? [];
    expect(Number(cards)).toBe(20);
    expect(Number(requests)).toBeGreaterThanOrEqual(1);
    expect(Number(requests)).toBeLessThanOrEqual(20);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "ListRuns",
      ...Array(server.requests.length - 1).fill("RunsByName"),
    ]);
  });

  it("reliable-service reads a summary in one request", async () => {
    const lines = await runExample("reliable-service.ts");
    expect(lines).toEqual(["accuracy 0.953"]);
    expect(server.requests).toHaveLength(1);
  });

  it("reliable-service logs each retry and tells W&B being down apart", async () => {
    const down = await startMockServer({ apiKey, faults: { serverErrorRate: 1 } });
    try {
      const lines = await runExample("reliable-service.ts", { WANDB_BASE_URL: down.url });
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^RunsByName: attempt 1 failed \(WandbServerError\), retrying in \d+ ms$/);
      expect(lines[1]).toMatch(/^RunsByName: attempt 2 failed \(WandbServerError\), retrying in \d+ ms$/);
      expect(lines[2]).toMatch(
        /^W&B is down \(HTTP 50\d\): RunsByName: gave up after 3 attempts over \d+ ms \(all 2 retries used\); last failure: W&B answered HTTP 50\d/,
      );
      expect(down.requests).toHaveLength(3);
    } finally {
      await down.close();
    }
  });

  it("used-artifacts prints what the run used, and as what, in one request", async () => {
    const lines = await runExample("used-artifacts.ts");
    const used = demoFacts.knownRun.usedArtifact;
    expect(lines).toEqual([
      `${demoFacts.entity}/vision/${used.name}:v${used.version} (used as ${used.usedAs.join(", ")})`,
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("seed-examples prints what each example of the run-operations page finds", async () => {
    const lines = await runExample("seed-examples.ts");
    expect(lines).toEqual(
      expect.arrayContaining([
        "0.001",
        "64",
        `${demoFacts.counts.learningRateAbove001.vision} runs with learning rate > 0.01`,
        `${demoFacts.counts.perProject.vision.byJobType.train} training runs, ${demoFacts.counts.perProject.vision.byJobType.eval} evaluation runs`,
        "Model version: v5",
        `Model size: ${demoFacts.knownRun.loggedArtifact.size} bytes`,
        "Missing outputs: evaluation:latest",
        "Logged: model:latest",
        "Runtime: 1h 0m",
        "Final accuracy: 0.953",
        "Best validation loss: 0.1211",
        "Training time: 3627",
        "- training-data:3",
        expect.stringMatching(/^100 history rows; last loss [\d.]+$/),
      ]),
    );
  });
});

describe("examples/ of the artifacts and files guide", () => {
  const known = demoFacts.knownRun;
  const tempDir = useTempDirs("example-model");

  it("artifact-gate reads the model's own evaluation, finds its run, and downloads it verified", async () => {
    const dir = tempDir();
    const lines = await runExample("artifact-gate.ts", { MODEL_DIR: dir });
    expect(lines).toEqual([
      `acme/vision/model:v5: accuracy ${known.files.evalJson.accuracy}, logged by ${known.path} (finished)`,
      "3 files, 262360 bytes fetched",
      `not fetched: ${known.modelFiles.reference.path} -> ${known.modelFiles.reference.ref}`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "eval", "model.pt"]);
    expect(process.exitCode).toBe(0);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "ArtifactVersionByName",
      "ArtifactFileUrls",
      "ArtifactCreatedBy",
      "RunsByName",
      "ArtifactManifestUrl",
      "ArtifactFileUrls",
    ]);
    expect(server.fileRequests.some((request) => request.authorization && request.host === "storage")).toBe(
      false,
    );
  });

  it("run-files lists the JSON files, reads the report and the metadata", async () => {
    const lines = await runExample("run-files.ts");
    expect(lines).toEqual([
      expect.stringMatching(/^eval\.json: \d+ bytes$/),
      expect.stringMatching(/^wandb-metadata\.json: \d+ bytes$/),
      `accuracy ${known.files.evalJson.accuracy}, f1 ${known.files.evalJson.f1}, ran ${known.files.metadata.program} on ${known.files.metadata.gpu}`,
    ]);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "RunFiles",
      "RunFiles",
      "RunFiles",
    ]);
  });

  it("artifact-lineage counts the runs that used a dataset version, their states batched", async () => {
    const users = demoRuns().filter((run) =>
      (run.usedArtifacts ?? []).some((used) => used.name === "training-data" && used.version === 3),
    );
    const finished = users.filter((run) => (run.state ?? "finished") === "finished").length;
    const lines = await runExample("artifact-lineage.ts");
    expect(lines).toEqual([`${users.length} runs used training-data:v3, ${finished} finished`]);
    const pages = Math.ceil(users.length / 50);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "ArtifactVersionByName",
      ...Array.from({ length: pages }, () => "ArtifactUsedBy"),
      ...Array.from({ length: Math.ceil(users.length / 50) }, () => "RunsByName"),
    ]);
  });
});

describe("examples/ of the guides", () => {
  it("ci-wait waits for the run, then gates on its accuracy", async () => {
    const lines = await runExample("ci-wait.ts");
    expect(lines).toEqual(["poll 1: finished", `✔ ${demoFacts.knownRun.path}: finished, accuracy 0.953`]);
    expect(process.exitCode).toBe(0);
    expect(server.requests).toHaveLength(2); // one poll, then the summary
  });

  it("ci-wait fails a run that stopped sending heartbeats", async () => {
    // The demo's running runs sent their last heartbeat in 2024 or 2025: long stalled.
    const stalled = demoRuns().find((run) => run.state === "running") as MockRun;
    const path = `${stalled.entity}/${stalled.project}/${stalled.id}`;
    const lines = await runExample("ci-wait.ts", { RUN_PATH: path });
    expect(lines).toEqual([
      "poll 1: running",
      expect.stringMatching(new RegExp(`^✘ ${path}: stalled, no heartbeat for \\d+ min$`)),
    ]);
    expect(process.exitCode).toBe(1);
  });

  it("diff-runs prints what changed and fails on a config change, in one request", async () => {
    const lines = await runExample("diff-runs.ts");
    expect(lines).toEqual([
      "changed learning_rate: 0.001 → 0.03",
      "changed batch_size: 64 → 32",
      'changed optimizer: "adam" → "sgd"',
      'changed model › name: "resnet50" → "vit-b16"',
      "changed model › depth: 50 → 12",
      "changed model › pretrained: true → false",
      "changed accuracy: 0.953 → 0.7075",
      "changed val_loss: 0.1432 → 0.554",
    ]);
    expect(process.exitCode).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("from-python reads everything the Python lines read, in one request", async () => {
    const lines = await runExample("from-python.ts");
    expect(lines).toEqual([
      "lr 0.001, accuracy 0.953",
      `10 rows with val/acc, last step ${demoFacts.knownRun.lastStep}`,
      `GPU 97.2%, ${demoFacts.knownRun.systemHistoryRows} system samples`,
      `notes: ${demoFacts.knownRun.notes}; sweep: (none)`,
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("from-python shows a sweep run's sweep, one request more", async () => {
    const sweepRun = demoRuns().find((run) => run.sweepName === "k3j2h1g0") as MockRun;
    const lines = await runExample("from-python.ts", {
      RUN_PATH: `${sweepRun.entity}/${sweepRun.project}/${sweepRun.id}`,
    });
    expect(lines.at(-1)).toMatch(/; sweep: k3j2h1g0 \(FINISHED\)$/);
    expect(server.requests.map((request) => request.operationName)).toEqual(["RunsByName", "SweepByName"]);
  });

  it("projects-and-sweeps reads projects, versions newest first, a sweep's best run and a URL", async () => {
    const lines = await runExample("projects-and-sweeps.ts");
    const acme = demoRuns().filter((run) => run.entity === "acme");
    const count = (project: string) => acme.filter((run) => run.project === project).length;
    const sweepRuns = acme.filter((run) => run.sweepName === "k3j2h1g0");
    const loss = (run: MockRun) => run.summary?.val_loss;
    const finite = sweepRuns.filter((run) => typeof loss(run) === "number" && Number.isFinite(loss(run)));
    const best = finite.reduce((a, b) => ((loss(b) as number) < (loss(a) as number) ? b : a));
    expect(lines).toEqual([
      // The loopback server's live run (demoFacts.liveRun) has a project of its own.
      expect.stringMatching(/^acme\/live: 1 runs, updated 20\d\d-/),
      expect.stringMatching(new RegExp(`^acme/nlp: ${count("nlp")} runs, updated 20\\d\\d-`)),
      expect.stringMatching(new RegExp(`^acme/vision: ${count("vision")} runs, updated 20\\d\\d-`)),
      "types: model, dataset, evaluation; models: model, checkpoint",
      "model:v5 [latest, best]",
      "model:v4 []",
      "model:v3 []",
      "model:v2 []",
      "model:v1 []",
      "model:v0 []",
      `sweep FINISHED, ${sweepRuns.length} runs; best ${best.id}: val_loss ${loss(best)}`,
      "a sweep: acme/vision/k3j2h1g0",
      "resolved acme/vision/1mbku38n",
    ]);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "ListProjects",
      "ProjectArtifactTypes",
      "ArtifactTypeCollections",
      "CollectionVersions",
      "SweepByName",
      "RunCount",
      "ListRuns",
      "RunsByName",
      "Viewer",
    ]);
  });

  it("validated-config prints the typed config", async () => {
    expect(await runExample("validated-config.ts")).toEqual(["resnet50 (depth 50): lr 0.001, adam"]);
    expect(process.exitCode).toBe(0);
  });

  it("validated-config names each issue of a run logged with other keys", async () => {
    const lines = await runExample("validated-config.ts", { RUN_PATH: "acme/nlp/f9n4c7d3" });
    expect(lines).toEqual([
      "✘ acme/nlp/f9n4c7d3: model.depth: Invalid input: expected number, received undefined",
    ]);
    expect(process.exitCode).toBe(1);
  });
});

describe("examples/ of the run-operations, configuration, reliability and mock guides", () => {
  const vision = demoRuns().filter((run) => run.entity === "acme" && run.project === "vision");

  it("list-runs prints the finished low-learning-rate runs by accuracy, then their count", async () => {
    const matching = vision.filter(
      (run) => (run.state ?? "finished") === "finished" && Number(run.config?.learning_rate) < 0.01,
    );
    const lines = await runExample("list-runs.ts");
    const paths = lines.slice(0, -1);
    expect(paths).toHaveLength(Math.min(20, matching.length));
    const accuracyOf = (path: string) =>
      Number(matching.find((run) => `acme/vision/${run.id}` === path)?.summary?.accuracy);
    const accuracies = paths.map(accuracyOf);
    expect(accuracies.every((accuracy) => Number.isFinite(accuracy))).toBe(true);
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
    expect(lines.at(-1)).toBe(String(matching.length));
    expect(server.requests.map((request) => request.operationName)).toEqual(["ListRuns", "RunCount"]);
  });

  it("catch-errors tells a missing run apart", async () => {
    expect(await runExample("catch-errors.ts")).toEqual(["no run acme/vision/nosuchrun"]);
    expect(server.requests).toHaveLength(1);
  });

  it("configure-client completes a partial path from its defaults", async () => {
    const lines = await runExample("configure-client.ts");
    expect(lines).toEqual([`${demoFacts.knownRun.path} is ${demoFacts.knownRun.displayName}`]);
    expect(server.requests).toHaveLength(1);
  });

  it("cancel-call reads a summary well within its own deadline", async () => {
    const lines = await runExample("cancel-call.ts");
    expect(lines).toEqual(["accuracy 0.953"]);
    expect(server.requests).toHaveLength(1);
  });

  it("mock-server starts its own fake W&B, whose 5xx answers the client retries", async () => {
    const lines = await runExample("mock-server.ts");
    expect(lines).toEqual([expect.stringMatching(/^john_doe, \d+ HTTP request\(s\)$/)]);
  });
});

describeWithRedis("examples/ of the services guide on a real Redis", () => {
  const redis = useRedis();

  it("fleet-redis: the second replica answers from Redis with one request (the viewer)", async () => {
    const lines = await runExample("fleet-redis.ts", { REDIS_URL: redis.current().url });
    expect(lines, lines.join("\n")).toHaveLength(2);
    const [first, second] = lines.map((line) =>
      /^replica (\d): (\S+) \(accuracy ([\d.]+)\), (\d+) requests$/.exec(line),
    );
    expect(first?.[2]).toBe(second?.[2]);
    expect(first?.[3]).toBe(second?.[3]);
    const finished = demoFacts.counts.perProject.vision.byState.finished;
    // Replica 1: the viewer, the listing pages, a batch per 50 summaries.
    expect(Number(first?.[4])).toBe(1 + Math.ceil(finished / 50) * 2);
    expect(Number(second?.[4])).toBe(1);
    expect(server.requests.filter((request) => request.operationName === "Viewer")).toHaveLength(2);
  });
});

describe("examples/ of the console-log and export guides", () => {
  const tempDir = useTempDirs("examples-export");

  it("run-logs prints the newest lines and counts stderr lines, in two requests", async () => {
    const lines = await runExample("run-logs.ts");
    expect(lines).toEqual([
      '21 2024-11-14T14:03:32.000Z "epoch 18: loss 0.0500"',
      '22 2024-11-14T14:03:33.000Z "epoch 19: loss 0.0474"',
      `23 2024-11-14T14:03:34.000Z ${JSON.stringify(demoFacts.knownRun.lastLogLine)}`,
      "1 line(s) on stderr",
    ]);
    expect(server.requests.map((request) => request.operationName)).toEqual(["RunLogTail", "RunLogPage"]);
  });

  it("ci-logs shows the newest lines of a finished run, then passes it, in three requests", async () => {
    const lines = await runExample("ci-logs.ts");
    expect(lines).toEqual([
      '  "epoch 19: loss 0.0474"',
      `  ${JSON.stringify(demoFacts.knownRun.lastLogLine)}`,
      "run ended: finished",
    ]);
    expect(process.exitCode).toBe(0);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "RunLogTail",
      "RunLogTail",
      "RunsByName",
    ]);
  });

  it("export-project writes the dataset and DuckDB reads it back joined to runs.parquet", async () => {
    const dir = tempDir();
    const group = demoRuns().filter((run) => run.project === "vision" && run.group === "resnet50-baseline");
    const lines = await runExample("export-project.ts", { EXPORT_DIR: dir });
    const rows = group.reduce(
      (sum, run) => sum + (run.history ?? []).filter((row) => typeof row.loss === "number").length,
      0,
    );
    expect(lines[0]).toBe(`${group.length} runs, ${rows} history rows in ${dir}`);
    expect(lines.length).toBe(1 + Math.min(3, group.filter((run) => run.history?.length).length));
    expect(lines[1]).toMatch(/^[\w-]+: \d+ steps, best loss \d\.\d{4}$/);
  });
});

describe("examples/ of the history at scale guide", () => {
  const tempDir = useTempDirs("example-history");
  it("history-at-scale reads columns and rows from the exports and downloads the files", async () => {
    const long = demoFacts.longHistoryRun;
    const lines = await runExample("history-at-scale.ts", { OUT_DIR: tempDir() });
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${long.steps} steps, val/acc logged at ${long.valAccRows}, best 0\\.9\\d+$`),
      ),
      "200 rows with loss in [4400, 4600)",
      `not complete yet: ${long.steps - long.exportedThroughStep} rows live`,
      `${long.exportFiles} files written, complete: false`,
    ]);
    const storage = server.fileRequests;
    expect(storage.length).toBeGreaterThan(0);
    expect(storage.every((request) => request.host === "storage" && !request.authorization)).toBe(true);
    // Columns: the export list, then the live rows' pages; rows: the list, then one page;
    // downloads: the list twice.
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "RunParquetHistory",
      "RunHistoryPage",
      "RunParquetHistory",
      "RunHistoryPage",
      "RunParquetHistory",
      "RunParquetHistory",
    ]);
  });
});

describe("examples/ excerpted in the CI and workflows guides", () => {
  it("wait-many waits for two runs in shared polls: one ends, one has stalled", async () => {
    const lines = await runExample("wait-many.ts");
    expect(lines).toEqual([
      `${demoFacts.knownRun.path}: finished`,
      expect.stringMatching(/^acme\/vision\/5kst3p9z: /),
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("diff-many compares 100 runs with one baseline in one request per 50 runs", async () => {
    const lines = await runExample("diff-many.ts");
    expect(lines).toEqual([
      expect.stringMatching(/^\d+ of 100 finished runs share the baseline's learning rate$/),
    ]);
    expect(server.requests.map((request) => request.operationName)).toEqual([
      "ListRuns",
      "ListRuns",
      // The baseline is one of the 100 candidates: 100 runs, two batches.
      "RunsByName",
      "RunsByName",
    ]);
  });
});

describe("examples/ of the charts guide", () => {
  const tempDir = useTempDirs("charts");

  it("plot-history draws the known run's loss and val/acc as text, in one request", async () => {
    const lines = await runExample("plot-history.ts");
    const chart = lines.join("\n").split("\n");
    expect(chart[0]).toBe("* loss  min 0.1027  max 2.287  last 0.1027");
    expect(chart[1]).toMatch(/^o val\/acc {2}min /);
    expect(chart).toHaveLength(2 + 10 + 2 + 1);
    for (const line of chart) expect(line.length).toBeLessThanOrEqual(72);
    expect(server.requests).toHaveLength(1);
  });

  it("summary-chart appends a Mermaid chart of both runs to the step summary, in one request", async () => {
    const summary = join(tempDir(), "summary.md");
    await runExample("summary-chart.ts", { GITHUB_STEP_SUMMARY: summary });
    const text = readFileSync(summary, "utf8");
    const blocks = mermaidBlocks(text);
    expect(blocks).toHaveLength(1);
    await parseMermaid(blocks[0] as string);
    expect(text).toContain(
      "Lines: blue: baseline acme/vision/s7r1n9gq; orange: candidate acme/vision/p7mg4t2c",
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("README and guides", () => {
  // The pages: the README and every guide (docs/guides/*.md).
  const guidesDir = new URL("../../docs/guides/", import.meta.url);
  const pages = [new URL("../../README.md", import.meta.url)];
  if (existsSync(guidesDir)) {
    for (const name of readdirSync(guidesDir).filter((file) => file.endsWith(".md"))) {
      pages.push(new URL(name, guidesDir));
    }
  }
  const texts = new Map(
    pages.map((page) => [
      page.pathname.endsWith("README.md") ? "README.md" : `docs/guides/${page.pathname.split("/").at(-1)}`,
      readFileSync(page, "utf8"),
    ]),
  );
  // The examples: the files of examples/ (demo.ts is the runner of `npm run demo`, not an example)
  // and the test files named *-example.test.ts, each of which this suite runs.
  const mocksTests = new URL("../mocks/", import.meta.url);
  const examples = new Map<string, string>([
    ...readdirSync(examplesDir)
      .filter((name) => name.endsWith(".ts") && name !== "demo.ts")
      .map((name) => [`examples/${name}`, readFileSync(new URL(name, examplesDir), "utf8")] as const),
    ...readdirSync(mocksTests)
      .filter((name) => name.endsWith("-example.test.ts"))
      .map((name) => [`test/mocks/${name}`, readFileSync(new URL(name, mocksTests), "utf8")] as const),
  ]);

  // A TypeScript block on a page is an example that runs: a whole example file, or lines cut from
  // one (the same lines in the same order, indentation aside).
  const blocks = [...texts].flatMap(([page, text]) =>
    [...text.matchAll(/^[ \t]*```ts\n([\s\S]*?)^[ \t]*```$/gm)].map(
      (match) => [page, match[1] as string] as const,
    ),
  );
  const trimmedLines = (text: string) =>
    text
      .trimEnd()
      .split("\n")
      .map((line) => line.trim());
  const isExcerptOf = (block: string, example: string) => {
    const lines = trimmedLines(block);
    const source = trimmedLines(example);
    if (lines.every((line) => line === "")) return false;
    return source.some((_, start) => lines.every((line, offset) => source[start + offset] === line));
  };

  // Every example is on a page: whole, or cut into a block of a page that names its file.
  it.each([...examples.keys()])("shows %s on a page", (name) => {
    const example = examples.get(name) as string;
    const whole = [...texts.values()].some((text) => text.includes(`\`\`\`ts\n${example}\`\`\``));
    const excerpted = blocks.some(
      ([page, block]) => texts.get(page)?.includes(name) && isExcerptOf(block, example),
    );
    expect(whole || excerpted).toBe(true);
  });

  it("finds TypeScript blocks on the pages", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(examples.size);
  });

  it.each(blocks.map(([page, block], index) => [page, index, block] as const))(
    "%s block %i is an example that runs",
    (_page, _index, block) => {
      expect([...examples.values()].some((example) => isExcerptOf(block, example))).toBe(true);
    },
  );
});
