/**
 * Issue #19, defect 7: a manifest of N entries (default 1,000,000), from the start of
 * `downloadArtifact` to its first file GET: wall time and the client's peak RSS
 * (`process.resourceUsage().maxRSS`). The fake W&B runs in a child process of its own (so its
 * memory never counts), the client in this one; the download is aborted at the first file GET and
 * its folder removed.
 *
 * Usage (after `tsc -p bench/tsconfig.json`):
 *   node dist-bench/bench/manifest-scale.js [entries]
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer } from "../mocks/server.js";
import { artifactFiles, createClient, downloadArtifact } from "../src/index.js";

const apiKey = "bench-key-0123456789012345678901234567890";
const hardLimitMs = 10 * 60_000;

async function serve(entries: number): Promise<void> {
  setTimeout(() => process.exit(3), hardLimitMs).unref();
  process.on("disconnect", () => process.exit(0));
  const files = Array.from({ length: entries }, (_, i) => ({
    path: `train/shard-${String(i % 1000).padStart(4, "0")}/sample-${String(i).padStart(8, "0")}.jpg`,
    content: "x",
  }));
  const server = await startMockServer({
    apiKey,
    runs: [
      {
        entity: "acme",
        project: "vision",
        id: "writer",
        loggedArtifacts: [{ name: "dataset", type: "dataset", version: 0, aliases: ["latest"], files }],
      },
    ],
  });
  // The fake W&B makes a manifest's JSON on its first download; made here, before the clock starts,
  // so the measure is the client's work, not the server's.
  await artifactFiles(
    createClient({ apiKey, baseUrl: server.url, timeoutMs: 600_000 }).artifact("acme/vision/dataset:latest"),
  );
  process.send?.({ url: server.url });
}

async function measure(entries: number): Promise<void> {
  const child = fork(new URL(import.meta.url), ["serve", String(entries)], { stdio: "inherit" });
  const kill = setTimeout(() => child.kill("SIGKILL"), hardLimitMs);
  const url = await new Promise<string>((resolve) =>
    child.once("message", (m: { url: string }) => resolve(m.url)),
  );
  const dir = mkdtempSync(join(tmpdir(), "wandb-query-manifest-scale-"));
  const trace: string[] = [];
  let started = performance.now();
  const wb = createClient({
    apiKey,
    baseUrl: url,
    onRequest: (event) => {
      trace.push(
        `${Math.round(performance.now() - started)} ${event.operationName} ${event.durationMs}ms ${event.bytes}B`,
      );
    },
  });
  const stop = new AbortController();
  const before = process.memoryUsage.rss();
  started = performance.now();
  let firstGetMs: number | undefined;
  let firstGetRssPeakKb = 0;
  await downloadArtifact(wb.artifact("acme/vision/dataset:latest"), {
    dir,
    signal: stop.signal,
    onProgress: (progress) => {
      if (firstGetMs !== undefined || progress.bytesDone === 0) return;
      firstGetMs = performance.now() - started;
      firstGetRssPeakKb = process.resourceUsage().maxRSS;
      stop.abort();
    },
  }).catch((error: unknown) => {
    if (!stop.signal.aborted) throw error;
  });
  rmSync(dir, { recursive: true, force: true });
  if (process.env.MANIFEST_SCALE_TRACE) console.error(trace.join("\n"));
  clearTimeout(kill);
  child.kill();
  console.log(
    JSON.stringify({
      entries,
      msToFirstFile: Math.round(firstGetMs ?? Number.NaN),
      peakRssMb: Math.round(firstGetRssPeakKb / 1024),
      rssBeforeMb: Math.round(before / 1024 / 1024),
    }),
  );
}

const [role, count] = process.argv.slice(2);
if (role === "serve") await serve(Number(count));
else await measure(Number(role ?? 1_000_000));
