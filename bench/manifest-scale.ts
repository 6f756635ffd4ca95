/**
 * Issue #19, defect 7: a manifest of N entries (default 1,000,000), from the start of
 * `downloadArtifact` to its first file's bytes: wall time and the client's peak RSS
 * (`process.resourceUsage().maxRSS`). The server runs in a child process of its own (so its
 * memory and CPU never count), the client in this one; the download is aborted at the first file
 * and its folder removed.
 *
 * Usage (after `tsc -p bench/tsconfig.json`):
 *   node dist-bench/bench/manifest-scale.js [entries]
 */
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer } from "../mocks/server.js";
import { createClient, downloadArtifact } from "../src/index.js";

const apiKey = "bench-key-0123456789012345678901234567890";
const hardLimitMs = 10 * 60_000;

/**
 * The server side: the fake W&B answers the version lookups (a version of one file, its
 * `fileCount` rewritten), and a scripted front answers the rest from a prebuilt manifest of
 * `entries` files: the manifest bytes, the URL pages (5,000 at a time, made as asked), one-byte
 * files. Building a million files in the fake W&B itself takes longer than the measure.
 */
async function serve(entries: number): Promise<void> {
  setTimeout(() => process.exit(3), hardLimitMs).unref();
  process.on("disconnect", () => process.exit(0));
  const digest = createHash("md5").update("x").digest("base64");
  const pathOf = (i: number) =>
    `train/shard-${String(i % 1000).padStart(4, "0")}/sample-${String(i).padStart(8, "0")}.jpg`;
  const parts: string[] = [];
  for (let i = 0; i < entries; i++) {
    parts.push(
      `${JSON.stringify(pathOf(i))}:{"digest":"${digest}","size":1,"birthArtifactID":"QXJ0aWZhY3Q6MQ=="}`,
    );
  }
  // Sorted, as W&B's client writes it.
  parts.sort();
  const manifest = Buffer.from(
    `{"version":1,"storagePolicy":"wandb-storage-policy-v1","storagePolicyConfig":{"storageLayout":"V2"},"contents":{${parts.join(",")}}}`,
  );
  parts.length = 0;
  const mock = await startMockServer({
    apiKey,
    runs: [
      {
        entity: "acme",
        project: "vision",
        id: "writer",
        loggedArtifacts: [
          {
            name: "dataset",
            type: "dataset",
            version: 0,
            aliases: ["latest"],
            files: [{ path: "x", content: "x" }],
          },
        ],
      },
    ],
  });
  let front = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const address = req.url ?? "/";
      if (address === "/manifest") {
        res.writeHead(200, { "content-length": String(manifest.length) });
        res.end(manifest);
        return;
      }
      if (address.startsWith("/blob/")) {
        res.writeHead(200, { "content-length": "1" });
        res.end("x");
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
      const operation = /query (\w+)/.exec(query)?.[1];
      if (operation === "ArtifactFileUrls") {
        const names = variables.fileNames as string[] | undefined;
        const from = Number(variables.after ?? 0);
        const first = Number(variables.first);
        const indexes = names
          ? names.map((name) => Number(/sample-(\d+)/.exec(name)?.[1]))
          : Array.from({ length: Math.max(0, Math.min(first, entries - from)) }, (_, k) => from + k);
        const edges = indexes.map((i) => ({
          node: { name: pathOf(i), directUrl: `${front}/blob/${i}`, md5: digest, sizeBytes: 1 },
        }));
        const end = from + indexes.length;
        const files = { pageInfo: { endCursor: String(end), hasNextPage: !names && end < entries }, edges };
        const answer = { data: { project: { artifactCollection: { artifactMembership: { files } } } } };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
        return;
      }
      const upstream = await fetch(`${mock.url}${address}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
        body,
      });
      const text = (await upstream.text())
        .replace(/"fileCount":\d+/g, `"fileCount":${entries}`)
        .replace(/"directUrl":"[^"]*"/g, `"directUrl":"${front}/manifest"`);
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  front = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.send?.({ url: front });
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
  let cpuMs = 0;
  const cpuBefore = process.cpuUsage();
  await downloadArtifact(wb.artifact("acme/vision/dataset:latest"), {
    dir,
    signal: stop.signal,
    onProgress: (progress) => {
      if (firstGetMs !== undefined || progress.bytesDone === 0) return;
      firstGetMs = performance.now() - started;
      firstGetRssPeakKb = process.resourceUsage().maxRSS;
      const cpu = process.cpuUsage(cpuBefore);
      cpuMs = (cpu.user + cpu.system) / 1000;
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
      // Wall time on a shared machine is mostly waiting for a core; the client's own CPU is not.
      cpuMsToFirstFile: Math.round(cpuMs),
      peakRssMb: Math.round(firstGetRssPeakKb / 1024),
      rssBeforeMb: Math.round(before / 1024 / 1024),
    }),
  );
}

const [role, count] = process.argv.slice(2);
if (role === "serve") await serve(Number(count));
else await measure(Number(role ?? 1_000_000));
