/**
 * Benchmark 6 (artifacts and files): the four targets of the artifacts issue. 100 versions of two
 * projects looked up in one tick; the URL requests of a 1,000-file download; download throughput
 * against plain `fetch` piping the same files to disk at the same concurrency; and peak RSS growth
 * while downloading a 1 GiB artifact. The mock server (and its storage host) runs in its own
 * process; each download runs in a fresh client process into a temporary folder that is removed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactVersion, createClient, downloadArtifact } from "../src/index.js";
import type { DownloadMode, DownloadSample } from "./download-child.js";
import { benchEntity, benchProjects, versionProjects } from "./lib/datasets.js";
import { runMeasuringChild } from "./lib/measuring-child.js";
import type { BenchResult } from "./lib/result.js";
import { startServerProcess } from "./lib/server-process.js";
import { series } from "./lib/stats.js";
import { elapsedMs } from "./lib/timing.js";

/** Options of the artifacts benchmark. */
export interface ArtifactsOptions {
  repetitions: number;
  /** Versions of `model` per project (two projects). */
  versionsPerProject: number;
  /** Files of the many-files artifact. */
  manyFiles: number;
  throughput: { files: number; bytes: number };
  large: { files: number; bytes: number };
  /** Files fetched at once, by the SDK and by the control. */
  concurrency: number;
  /** Repetitions of the large download (each writes the whole artifact to a temporary folder). */
  largeRepetitions: number;
}

const apiKey = "bench-key-0123456789012345678901234567890";
const childLimitMs = 4 * 60_000;
const mb = 1024 * 1024;

function runChild(
  mode: DownloadMode,
  url: string,
  collection: string,
  concurrency: number,
): Promise<DownloadSample> {
  return runMeasuringChild<DownloadSample>(
    new URL("./download-child.js", import.meta.url),
    [mode, url, apiKey, collection, String(concurrency)],
    childLimitMs,
  );
}

/** Runs benchmark 6. */
export async function artifactsBenchmark(options: ArtifactsOptions): Promise<BenchResult> {
  const started = performance.now();
  const { repetitions, concurrency } = options;
  const server = await startServerProcess({
    dataset: {
      kind: "artifacts",
      versionsPerProject: options.versionsPerProject,
      manyFiles: options.manyFiles,
      throughput: options.throughput,
      large: options.large,
    },
    apiKey,
  });
  const lookups: number[] = [];
  const urlRequests: number[] = [];
  const sdk: DownloadSample[] = [];
  const control: DownloadSample[] = [];
  const sdkLarge: DownloadSample[] = [];
  const controlLarge: DownloadSample[] = [];
  try {
    const names = versionProjects.flatMap((project) =>
      Array.from({ length: options.versionsPerProject }, (_, v) => `${benchEntity}/${project}/model:v${v}`),
    );
    for (let rep = 0; rep < repetitions; rep++) {
      const client = createClient({ apiKey, baseUrl: server.url });
      await server.reset();
      await Promise.all(names.map((name) => artifactVersion(client.artifact(name))));
      lookups.push((await server.stats()).requests);
      const dir = mkdtempSync(join(tmpdir(), "wandb-query-bench-many-"));
      try {
        await server.reset();
        await downloadArtifact(client.artifact(`${benchEntity}/${benchProjects.artifacts}/many:latest`), {
          dir,
          concurrency,
        });
        urlRequests.push((await server.stats()).operations.ArtifactFileUrls ?? 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // Warm-up, not counted: the server computes each generated file's MD5 once, on first use.
    await runChild("sdk", server.url, "throughput", concurrency);
    await runChild("sdk", server.url, "large", concurrency);
    for (let rep = 0; rep < repetitions; rep++) {
      sdk.push(await runChild("sdk", server.url, "throughput", concurrency));
      control.push(await runChild("fetch", server.url, "throughput", concurrency));
    }
    for (let rep = 0; rep < options.largeRepetitions; rep++) {
      sdkLarge.push(await runChild("sdk", server.url, "large", concurrency));
      controlLarge.push(await runChild("fetch", server.url, "large", concurrency));
    }
  } finally {
    await server.close();
  }
  const throughput = (samples: DownloadSample[]) =>
    series(samples.map((s) => s.bytes / mb / (s.wallMs / 1000)));
  const cpuPerGib = (samples: DownloadSample[]) =>
    series(samples.map((s) => s.cpuMs / (s.bytes / (1024 * mb))));
  const growth = (samples: DownloadSample[]) => series(samples.map((s) => (s.peakRss - s.baselineRss) / mb));
  const ours = throughput(sdk);
  const plain = throughput(control);
  const lookupSeries = series(lookups);
  const perThousand = series(urlRequests.map((count) => count / (options.manyFiles / 1000)));
  const largeGrowth = growth(sdkLarge);
  const largeBytes = options.large.files * options.large.bytes;
  const throughputBytes = options.throughput.files * options.throughput.bytes;
  return {
    id: "artifacts",
    title: "7. Artifacts and files",
    setup: [
      `versions: ${names(options)} looked up with artifactVersion in one tick, a fresh client each repetition; requests counted at the server`,
      `URLs: downloadArtifact of a ${options.manyFiles.toLocaleString("en-US")}-file artifact (small JSON files), ArtifactFileUrls requests counted at the server`,
      `throughput: ${options.throughput.files} files of ${options.throughput.bytes / mb} MiB (${throughputBytes / mb} MiB) from the mock's storage host on 127.0.0.1, ${concurrency} at a time, each repetition in a fresh client process writing to a temporary folder (removed); control: the same files' URLs from one GraphQL request, each GET piped to disk with plain fetch and stream.pipeline, ${concurrency} at a time, nothing verified`,
      `memory: ${options.large.files} files of ${options.large.bytes / mb} MiB (${largeBytes / mb} MiB) downloaded the same way, RSS sampled every 20 ms; growth = peak minus the RSS after a full GC before the first request; ${options.largeRepetitions} repetitions each, SDK and control interleaved`,
      "bytes are generated by the mock on the fly (seeded), so neither side holds a file in memory; one warm-up download of each artifact first (the server computes each file's MD5 once)",
    ],
    rows: [
      {
        metric: `requests for ${options.versionsPerProject * 2} versions, 2 projects, one tick`,
        unit: "requests",
        ours: lookupSeries,
        target: "≤ 2",
        pass: lookupSeries.max <= 2,
      },
      {
        metric: `URL requests per 1,000 files (${options.manyFiles.toLocaleString("en-US")}-file artifact)`,
        unit: "requests",
        ours: perThousand,
        target: "≤ 1",
        pass: perThousand.max <= 1,
      },
      {
        metric: "download throughput",
        unit: "MB/s",
        ours,
        baseline: { label: "plain fetch piped to disk, same concurrency", value: plain },
        ratio: ours.median / plain.median,
        ratioLabel: "x the control's throughput",
        target: "≥ 0.9x",
        pass: ours.median / plain.median >= 0.9,
      },
      {
        metric: `peak RSS growth, ${largeBytes / mb} MiB artifact`,
        unit: "MB",
        ours: largeGrowth,
        baseline: { label: "plain fetch piped to disk", value: growth(controlLarge) },
        target: "≤ 64 MB",
        pass: largeGrowth.median <= 64,
      },
      {
        metric: `peak RSS growth, ${throughputBytes / mb} MiB artifact (flat in size?)`,
        unit: "MB",
        ours: growth(sdk),
        baseline: { label: "plain fetch piped to disk", value: growth(control) },
      },
      {
        metric: "client CPU per GiB downloaded",
        unit: "ms",
        ours: cpuPerGib(sdk),
        baseline: { label: "plain fetch piped to disk", value: cpuPerGib(control) },
      },
      {
        metric: `download throughput, ${largeBytes / mb} MiB artifact`,
        unit: "MB/s",
        ours: throughput(sdkLarge),
        baseline: { label: "plain fetch piped to disk", value: throughput(controlLarge) },
      },
    ],
    notes: [],
    seconds: elapsedMs(started) / 1000,
    facts: { manyFiles: options.manyFiles, concurrency },
  };
}

function names(options: ArtifactsOptions): string {
  return `${options.versionsPerProject * 2} versions (${versionProjects.map((p) => `${options.versionsPerProject} of ${benchEntity}/${p}`).join(", ")})`;
}
