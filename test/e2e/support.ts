// Running the BUILT bin (dist/src/cli/main.js, as npm links it) against the fake W&B on 127.0.0.1.
// Spawns are asynchronous: the mock server lives in this process and must keep answering.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { recordDirVariable } from "../../mocks/body-recorder.js";
import { type MockServer, type MockServerOptions, startMockServer } from "../../mocks/server.js";

export const binPath = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A key the fake W&B accepts; the tests check that no output ever shows it. */
export const e2eApiKey = "e2e-key-0123456789abcdef0123456789abcdef0123";

/** A HOME without a .netrc, so no developer's real key is ever read. */
export const emptyHome = mkdtempSync(join(tmpdir(), "wandb-query-e2e-home-"));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  /** WANDB_BASE_URL; none when undefined. */
  baseUrl?: string | undefined;
  /** WANDB_API_KEY; default {@link e2eApiKey}, none when null. */
  apiKey?: string | null;
  /** More variables; undefined removes one. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * A clean environment: PATH, an empty HOME, the suite's time zone, the W&B variables asked for and
 * nothing else, so a CI runner's GITHUB_STEP_SUMMARY or a developer's WANDB_* cannot leak in.
 */
export function binEnv(options: BinOptions = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: emptyHome,
    TZ: process.env.TZ,
    WANDB_BASE_URL: options.baseUrl,
    WANDB_API_KEY: options.apiKey === null ? undefined : (options.apiKey ?? e2eApiKey),
    // A `wandb-query mock-server` child records the bodies it receives for the suite-wide check.
    [recordDirVariable]: process.env[recordDirVariable],
    ...options.env,
  };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** A started process whose stdout and stderr are collected as they come. */
export interface Collecting {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a command in `cwd` (the repository root by default), collecting its output. */
export function spawnCollecting(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd: string = repoRoot,
): Collecting {
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

/**
 * The URL a `--json mock-server` process prints on its first line, once it has printed it (or
 * exited, or `limitMs` passed: then the parse fails and says so).
 */
export async function mockServerUrl(server: Collecting, limitMs: number): Promise<string> {
  const deadline = Date.now() + limitMs;
  while (!server.output().stdout.includes("\n") && Date.now() < deadline && server.child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return (JSON.parse(server.output().stdout.split("\n")[0] as string) as { url: string }).url;
}

/** Runs a command and collects its output; kills it after `timeoutMs` (default 30 s). */
export async function runCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<BinResult> {
  const started = spawnCollecting(command, args, env);
  const timer = setTimeout(() => started.child.kill("SIGKILL"), timeoutMs);
  try {
    const { code } = await started.exited;
    return { code, ...started.output() };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `wandb-query ...args` from dist. */
export function runBin(args: readonly string[], options: BinOptions = {}): Promise<BinResult> {
  return runCommand(process.execPath, [binPath, ...args], binEnv(options), options.timeoutMs);
}

/** A fake W&B on 127.0.0.1 for the tests of the calling file (the demo dataset by default). */
export function useMockServer(options: MockServerOptions = {}): { readonly server: MockServer } {
  const holder: { server?: MockServer } = {};
  beforeAll(async () => {
    holder.server = await startMockServer({ apiKey: e2eApiKey, ...options });
  });
  afterAll(async () => {
    await holder.server?.close();
  });
  return {
    get server(): MockServer {
      if (!holder.server) throw new Error("the mock server has not started");
      return holder.server;
    },
  };
}

/** Operation names of the requests the server answered since `from`. */
export function operationsSince(server: MockServer, from: number): string[] {
  return server.requests.slice(from).map((request) => request.operationName ?? "");
}
