// A newcomer's path from npm, end to end: the tarball `npm publish` would upload (built from this
// checkout), installed into an empty strict-TypeScript project WITHOUT msw, then
// - the README's try block: the installed bin's mock server, and `runs`, `check`, `diff` against it
//   with the exit codes the README promises;
// - a script on the loopback mock (`wandb-query/mocks`), compiled with tsc under
//   `skipLibCheck: false`, `lib` without DOM and `noPropertyAccessFromIndexSignature`, then run;
// - the shipped files reference no source map and the README links nothing relative.
// Offline: `npm install` of a local tarball takes its dependencies from npm's cache.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pack, root } from "../../scripts/pack.mjs";
import { binEnv, mockServerUrl, runCommand, spawnCollecting } from "./support.js";

const work = mkdtempSync(join(tmpdir(), "wandb-query-newcomer-"));
const project = join(work, "project");
const installed = join(project, "node_modules", "wandb-query");
const bin = join(project, "node_modules", ".bin", "wandb-query");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

const tsconfig = {
  compilerOptions: {
    target: "ES2023",
    lib: ["ES2023"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noPropertyAccessFromIndexSignature: true,
    skipLibCheck: false,
    // Node's types from this checkout: the project installs nothing but the tarball.
    typeRoots: [join(root, "node_modules", "@types")],
    types: ["node"],
    outDir: "build",
  },
  include: ["*.ts"],
};

// On the loopback mock, as the testing guide shows it, without msw: keys asked for are the type.
const loopbackScript = `import { createClient, runState, runSummary } from "wandb-query";
import { demoFacts, startMockServer } from "wandb-query/mocks";

const server = await startMockServer({ apiKey: "any-key" });
try {
  const wb = createClient({ apiKey: "any-key", baseUrl: server.url });
  const run = wb.run(demoFacts.knownRun.path);
  const [state, summary] = await Promise.all([runState(run), runSummary(run, { keys: ["accuracy"] })]);
  console.log(JSON.stringify({ state, accuracy: summary.accuracy, requests: server.requests.length }));
} finally {
  await server.close();
}
`;

// What a Python user reaches for first (issue #21), on the loopback mock: every project of an
// entity, a sweep's best run by its own metric and goal, and a W&B app URL turned into a handle.
const pythonParityScript = `import { createClient, runSummary, sweepBestRun } from "wandb-query";
import { startMockServer } from "wandb-query/mocks";

const server = await startMockServer({ apiKey: "any-key" });
try {
  const wb = createClient({ apiKey: "any-key", baseUrl: server.url });
  const projects: string[] = [];
  for await (const project of wb.projects("acme")) projects.push(project.name);
  const target = await wb.fromPath("https://wandb.ai/acme/vision/sweeps/k3j2h1g0?workspace=user-jd");
  if (target.kind !== "sweep") throw new Error(\`not a sweep: \${target.kind}\`);
  const best = await sweepBestRun(target.sweep);
  const summary = best ? await runSummary(best, { keys: ["val_loss"] }) : undefined;
  const run = await wb.fromPath("https://wandb.ai/acme/vision/runs/1mbku38n?nw=x");
  console.log(JSON.stringify({
    projects: projects.sort(),
    sweep: target.sweep.path,
    best: best?.path,
    bestValLoss: summary?.val_loss,
    run: run.kind === "run" ? run.run.path : run.kind,
  }));
} finally {
  await server.close();
}
`;

function run(command: string, args: string[], timeout = 240_000): string {
  return execFileSync(command, args, {
    cwd: project,
    encoding: "utf8",
    timeout,
    env: { ...process.env, npm_config_update_notifier: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("the packed package in an empty strict-TypeScript project without msw", () => {
  beforeAll(() => {
    const { tarball } = pack(work);
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "newcomer", private: true, type: "module" }, null, 2)}\n`,
    );
    writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
    run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"]);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("installs without msw, with docs links npm can follow and no dangling source map", () => {
    expect(existsSync(join(installed, "dist", "src", "index.js"))).toBe(true);
    expect(existsSync(join(project, "node_modules", "msw"))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(Object.keys(manifest)).toEqual(expect.arrayContaining(["repository", "homepage", "bugs"]));
    const readme = readFileSync(join(installed, "README.md"), "utf8");
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1] as string)
      .filter((target) => !/^[a-z]+:/.test(target) && !target.startsWith("#"));
    expect(relative).toEqual([]);
    const shipped = readdirSync(join(installed, "dist"), { recursive: true, encoding: "utf8" }).filter(
      (file) => /\.(js|d\.ts)$/.test(file),
    );
    expect(shipped.length).toBeGreaterThan(100);
    const mapped = shipped.filter((file) =>
      readFileSync(join(installed, "dist", file), "utf8").includes("sourceMappingURL="),
    );
    expect(mapped).toEqual([]);
  });

  it("runs the README's try block with the installed bin", async () => {
    const server = spawnCollecting(bin, ["--json", "mock-server", "--port", "0"], binEnv({ apiKey: null }));
    try {
      const url = await mockServerUrl(server, 30_000);
      const env = binEnv({ baseUrl: url, apiKey: "anything" });
      const runs = await runCommand(bin, ["runs", "acme/vision", "--limit", "5"], env);
      const check = await runCommand(
        bin,
        [
          "check",
          "acme/vision/1mbku38n",
          "--state",
          "finished",
          "--metric",
          "accuracy>=0.95",
          "--artifact",
          "model:latest",
        ],
        env,
      );
      const diff = await runCommand(
        bin,
        ["diff", "acme/vision/1mbku38n", "acme/vision/5kst3p9z", "--sections", "config"],
        env,
      );
      expect([runs.code, check.code, diff.code]).toEqual([0, 0, 1]);
      expect(runs.stdout.trimEnd().split("\n")).toHaveLength(6);
      expect(check.stdout).toBe(
        "✔ state is finished\n✔ logged artifact model:latest (v5)\n✔ accuracy is 0.953, wanted >= 0.95\n",
      );
      expect([runs.stderr, check.stderr, diff.stderr]).toEqual(["", "", ""]);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 120_000);

  it("compiles (skipLibCheck false, no DOM lib) and runs scripts on the loopback mock: one run, then projects, sweepBestRun and fromPath", () => {
    writeFileSync(join(project, "loopback.ts"), loopbackScript);
    writeFileSync(join(project, "python-parity.ts"), pythonParityScript);
    // tsc prints its errors on stdout; execFileSync throws with them on a non-zero exit.
    expect(run(process.execPath, [tsc, "-p", "tsconfig.json"])).toBe("");
    const output = run(process.execPath, [join("build", "loopback.js")], 60_000);
    expect(JSON.parse(output.trim())).toEqual({ state: "finished", accuracy: 0.953, requests: 1 });
    const parity = JSON.parse(run(process.execPath, [join("build", "python-parity.js")], 60_000).trim());
    expect(parity).toEqual({
      projects: ["live", "nlp", "vision"],
      sweep: "acme/vision/k3j2h1g0",
      best: expect.stringMatching(/^acme\/vision\/\w+$/),
      bestValLoss: expect.any(Number),
      run: "acme/vision/1mbku38n",
    });
  }, 180_000);

  it("keeps msw's handlers on their own entry, which fails plainly without msw", () => {
    const probe = `import("wandb-query/mocks/msw").then(() => console.log("loaded"), (error) => console.log(error.code));`;
    expect(run(process.execPath, ["--input-type=module", "-e", probe], 60_000).trim()).toBe(
      "ERR_MODULE_NOT_FOUND",
    );
  }, 60_000);
});
