// `wandb-query download` and the long timers, as a user runs them (dist/, a real process) against
// a hostile W&B on 127.0.0.1 (issue #19): the default folder, --force, Ctrl-C and SIGTERM in the
// middle of a file, a storage host that asks to come back tomorrow, and flags of 25 days.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { MockRun } from "../../mocks/index.js";
import { artifactRuns, hostileKey, useHostileWandb } from "../helpers/hostile-storage.js";
import { useTempDirs } from "../helpers/temp-dirs.js";
import { type BinResult, binEnv, binPath, spawnCollecting } from "./support.js";

const hostile = useHostileWandb();
const tempDir = useTempDirs("download-safety");

interface Started {
  exited: Promise<BinResult>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the bin in `cwd` against `baseUrl`; killed after 30 s whatever happens. */
function start(args: readonly string[], cwd: string, baseUrl: string): Started {
  const started = spawnCollecting(
    process.execPath,
    [binPath, ...args],
    binEnv({ baseUrl, apiKey: hostileKey }),
    cwd,
  );
  const limit = setTimeout(() => started.child.kill("SIGKILL"), 30_000);
  const exited = started.exited.then(({ code }) => {
    clearTimeout(limit);
    return { code, ...started.output() };
  });
  return { exited, kill: (signal) => started.child.kill(signal) };
}

const run = (args: readonly string[], cwd: string, baseUrl: string) => start(args, cwd, baseUrl).exited;

/** Every name below `dir`, relative, hidden ones included. */
const listed = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

describe("wandb-query download: where and whether it writes", () => {
  it("defect 1: downloads into ./artifacts/<name>:v<N> by default, not the current folder", async () => {
    const w = await hostile(artifactRuns([{ path: ".git/config", content: "[core]\n" }]));
    const cwd = tempDir();
    const result = await run(["download", "acme/vision/model:latest"], cwd, w.url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(listed(cwd)).toEqual([
      "artifacts",
      "artifacts/model:v0",
      "artifacts/model:v0/.git",
      "artifacts/model:v0/.git/config",
    ]);
    expect(result.stdout).toMatch(/downloaded 1 file .* to .*artifacts\/model:v0/);
  });

  it("defect 1: a differing file stops the download, named, exit 2; --force replaces it", async () => {
    const w = await hostile(artifactRuns([{ path: "config.json", content: '{"lr": 0.01}' }]));
    const cwd = tempDir();
    writeFileSync(join(cwd, "config.json"), "mine");
    const refused = await run(["download", "acme/vision/model:latest", "--to", "."], cwd, w.url);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^wandb-query: .*"config\.json": a different file is already at .*--force/,
    );
    expect(refused.stderr).not.toMatch(/unexpected error/);
    expect(readFileSync(join(cwd, "config.json"), "utf8")).toBe("mine");
    const forced = await run(["download", "acme/vision/model:latest", "--to", ".", "--force"], cwd, w.url);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, "config.json"), "utf8")).toBe('{"lr": 0.01}');
  });

  it("defect 13: a write failure is one line naming the entry, never 'unexpected error'", async () => {
    const w = await hostile(artifactRuns([{ path: "x/y.txt", content: "y" }]));
    const cwd = tempDir();
    mkdirSync(join(cwd, "x/y.txt"), { recursive: true });
    const result = await run(["download", "acme/vision/model:latest", "--to", ".", "--force"], cwd, w.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^wandb-query: x\/y\.txt: refused to write .*a folder is there\n$/);
  });
});

describe("wandb-query download: stopping", () => {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`defect 14: ${signal} in the middle of a file removes its temporary file before exiting (${code})`, async () => {
      const w = await hostile(artifactRuns([{ path: "weights.bin", content: "x".repeat(4096) }]), {
        storage: (name, _req, res) => {
          if (name !== "weights.bin") return false;
          // A few bytes, then nothing: the download waits with its temporary file open.
          res.writeHead(200, { "content-length": "4096" });
          res.write("x".repeat(100));
          return true;
        },
      });
      const cwd = tempDir();
      const started = start(["download", "acme/vision/model:latest", "--to", "out"], cwd, w.url);
      const partial = () =>
        existsSync(join(cwd, "out"))
          ? listed(join(cwd, "out")).filter((name) => name.endsWith(".wandb-partial"))
          : [];
      for (let i = 0; i < 200 && partial().length === 0; i++) await sleep(50);
      expect(partial()).toHaveLength(1);
      started.kill(signal);
      const result = await started.exited;
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(new RegExp(`stopped by ${signal}; partial files removed`));
      expect(listed(join(cwd, "out"))).toEqual([]);
    });
  }

  it("defect 5: without --max-time, storage asking to come back tomorrow ends the download, not the day", async () => {
    const w = await hostile(artifactRuns([{ path: "weights.bin", content: "x" }]), {
      storage: (name, _req, res) => {
        if (name !== "weights.bin") return false;
        res.writeHead(429, { "retry-after": "86400" });
        res.end();
        return true;
      },
    });
    const cwd = tempDir();
    const result = await run(["download", "acme/vision/model:latest", "--to", "out"], cwd, w.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/gave up after 1 attempt .*would pass retry\.maxElapsedMs \(6 h|21600/);
    expect(w.gets.filter((name) => name === "weights.bin")).toHaveLength(1);
  });
});

describe("defect 8: flags of 25 days", () => {
  const running: MockRun[] = [
    { entity: "acme", project: "vision", id: "live", state: "running", heartbeatAt: new Date() },
  ];

  it("defect 8: wait --poll 25d --timeout 25d --max-time 25d waits quietly instead of ending or spinning", async () => {
    const w = await hostile(running);
    const started = start(
      ["wait", "acme/vision/live", "--poll", "25d", "--timeout", "25d", "--max-time", "25d"],
      tempDir(),
      w.url,
    );
    const early = await Promise.race([started.exited, sleep(2500).then(() => undefined)]);
    expect(early).toBeUndefined();
    started.kill("SIGKILL");
    const result = await started.exited;
    expect(result.stderr).not.toMatch(/TimeoutOverflowWarning/);
    // One poll, then the 25-day wait: not thousands.
    expect(w.operations.length).toBeLessThanOrEqual(3);
  });
});
