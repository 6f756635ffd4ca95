/**
 * The client process of the download benchmarks, fresh for each measurement (`--expose-gc`):
 * downloads one artifact version into a temporary folder, samples its RSS every 20 ms, removes the
 * folder, prints one JSON line ({@link DownloadSample}) and exits.
 *
 * Modes: `sdk` is `downloadArtifact` (streamed, MD5-verified, temporary name then rename); `fetch`
 * is the control: the same files' URLs from one GraphQL request, each GET piped to its file with
 * plain fetch and `stream.pipeline`, the same number at once, nothing verified.
 *
 * Usage: node --expose-gc download-child.js <sdk|fetch> <baseUrl> <apiKey> <collection> <concurrency>
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { print } from "graphql";
import { ArtifactFileUrlsDocument, type ArtifactFileUrlsQuery } from "../src/_generated/graphql.js";
import { createClient, downloadArtifact } from "../src/index.js";
import { benchEntity, benchProjects } from "./lib/datasets.js";
import { postGraphQL } from "./lib/raw-graphql.js";

/** What one child measured. */
export interface DownloadSample {
  /** Bytes written. */
  bytes: number;
  files: number;
  wallMs: number;
  /** CPU time of the client process (user + system) while downloading, in milliseconds. */
  cpuMs: number;
  /** RSS after a full GC, before the first request, in bytes. */
  baselineRss: number;
  /** Highest RSS sample while downloading, in bytes. */
  peakRss: number;
}

/** How a child downloads. */
export type DownloadMode = "sdk" | "fetch";

const hardLimitMs = 4 * 60_000;
const [mode, baseUrl, apiKey, collection, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const gc = globalThis.gc;
if ((mode !== "sdk" && mode !== "fetch") || !baseUrl || !apiKey || !collection || !(concurrency > 0) || !gc) {
  console.error(
    "usage: node --expose-gc download-child.js <sdk|fetch> <baseUrl> <apiKey> <collection> <concurrency>",
  );
  process.exit(2);
}
setTimeout(() => {
  console.error(`download-child: not done after ${hardLimitMs} ms`);
  process.exit(3);
}, hardLimitMs).unref();

async function sdkDownload(dir: string): Promise<{ bytes: number; files: number }> {
  const client = createClient({ apiKey: apiKey as string, baseUrl: baseUrl as string });
  const art = client.artifact(`${benchEntity}/${benchProjects.artifacts}/${collection}:latest`);
  const result = await downloadArtifact(art, { dir, concurrency });
  return { bytes: result.bytesDownloaded, files: result.files.length };
}

async function fetchDownload(dir: string): Promise<{ bytes: number; files: number }> {
  const data = await postGraphQL<ArtifactFileUrlsQuery>(
    { url: baseUrl as string, apiKey: apiKey as string },
    "ArtifactFileUrls",
    print(ArtifactFileUrlsDocument),
    { entity: benchEntity, project: benchProjects.artifacts, collection, alias: "v0", first: 5000 },
  );
  const nodes = (data.project?.artifactCollection?.artifactMembership?.files?.edges ?? []).flatMap((edge) =>
    edge.node ? [edge.node] : [],
  );
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < nodes.length) {
      const node = nodes[next++] as (typeof nodes)[number];
      const response = await fetch(node.directUrl);
      if (!response.ok || !response.body) throw new Error(`GET ${node.name}: HTTP ${response.status}`);
      const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
      body.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      await pipeline(body, createWriteStream(join(dir, node.name.replaceAll("/", "_"))));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { bytes, files: nodes.length };
}

gc();
gc();
const baselineRss = process.memoryUsage.rss();
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);
const dir = mkdtempSync(join(tmpdir(), "wandb-query-bench-download-"));
try {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { bytes, files } = await (mode === "sdk" ? sdkDownload(dir) : fetchDownload(dir));
  const wallMs = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  const cpuMs = (spent.user + spent.system) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const sample: DownloadSample = { bytes, files, wallMs, cpuMs, baselineRss, peakRss };
  console.log(JSON.stringify(sample));
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
