/**
 * The run descriptions each benchmark's mock server holds. Built inside the server process from a
 * small spec (a name and a count), deterministic (seeded), and realistic where the benchmark
 * reads the field, lean where it does not.
 */
import { createRandom, type Random } from "../../mocks/random.js";
import { mockRun } from "../../mocks/run-helpers.js";
import type { MockArtifact, MockArtifactFile, MockRun, MockUser } from "../../mocks/types.js";
import type { JsonObject } from "../../src/wire/json.js";

/** Which dataset to build, and how many runs. */
export type DatasetSpec =
  | { kind: "batching"; runs: number }
  | { kind: "projection"; runs: number; summaryKeys: number }
  | { kind: "streaming"; runs: number }
  /** Runs with `steps` history rows each (loss, acc, lr), for the export benchmark. */
  | { kind: "export"; runs: number; steps: number }
  | { kind: "history"; steps: number; metrics: number }
  | {
      kind: "artifacts";
      /** Versions of `model` in each of the two version projects. */
      versionsPerProject: number;
      /** Small files of the many-files artifact. */
      manyFiles: number;
      /** Files and bytes per file of the throughput artifact. */
      throughput: { files: number; bytes: number };
      /** Files and bytes per file of the large artifact (the memory benchmark). */
      large: { files: number; bytes: number };
    };

/** The entity every benchmark dataset lives in. */
export const benchEntity = "acme";

/** Project of each dataset. */
export const benchProjects = {
  batching: "bench",
  projection: "wide",
  streaming: "big",
  artifacts: "files",
  export: "export",
  history: "long",
} as const satisfies Record<DatasetSpec["kind"], string>;

/** The two projects whose `model` versions the artifact benchmark looks up by name. */
export const versionProjects = ["reg-a", "reg-b"] as const;

const users: MockUser[] = [
  { username: "john_doe", name: "John Doe" },
  { username: "jane_smith", name: "Jane Smith" },
  { username: "alex_chen", name: "Alex Chen" },
  { username: "priya_patel", name: "Priya Patel" },
];
const optimizers = ["adam", "adamw", "sgd"];
const architectures = ["resnet50", "vit-b16", "convnext-t"];
const start = Date.UTC(2024, 0, 1);

/** The run ID of run number `index`: 8 characters, as W&B's. */
export function benchRunId(index: number): string {
  return `r${index.toString(36).padStart(7, "0")}`;
}

/** The runs of `spec`. */
export function buildRuns(spec: DatasetSpec): MockRun[] {
  switch (spec.kind) {
    case "batching":
      return batchingRuns(spec.runs);
    case "projection":
      return projectionRuns(spec.runs, spec.summaryKeys);
    case "streaming":
      return streamingRuns(spec.runs);
    case "artifacts":
      return artifactRuns(spec);
    case "export":
      return exportRuns(spec.runs, spec.steps);
    case "history":
      return historyRuns(spec.steps, spec.metrics);
  }
}

/** The run of the history benchmark: one ID, `steps` rows exported to one Parquet file. */
export const historyRunId = "longhist";

/**
 * One run of `steps` rows: `_runtime`, `_timestamp`, `metrics - 2` dense doubles (`m00`, …) and 2
 * sparse ones logged every 10 steps, as W&B's Parquet exports hold them (reference §6). Every row
 * is exported (one file, row groups of 100,000 rows), so no row is live.
 */
function historyRuns(steps: number, metrics: number): MockRun[] {
  const history: MockRun["history"] = [];
  const dense = metrics - 2;
  const names = Array.from({ length: dense }, (_, m) => `m${String(m).padStart(2, "0")}`);
  for (let step = 0; step < steps; step++) {
    const row: Record<string, number> & { _step: number } = {
      _step: step,
      _runtime: step * 0.5,
      _timestamp: start / 1000 + step * 0.5,
    };
    for (let m = 0; m < dense; m++) row[names[m] as string] = Math.sin(step / (m + 7)) + m;
    if (step % 10 === 0) {
      row.eval_a = step / steps;
      row.eval_b = 1 - step / steps;
    }
    history.push(row);
  }
  return [
    mockRun({
      entity: benchEntity,
      project: benchProjects.history,
      id: historyRunId,
      history,
      historyExport: { rowGroupSize: 100_000 },
    }),
  ];
}

// Versions to look up by name in two projects, and three artifacts of files: many small ones, a
// few medium ones for throughput, and a large one for memory. Bytes are generated on the fly by
// the mock (no memory, the same bytes each time).
function artifactRuns(spec: Extract<DatasetSpec, { kind: "artifacts" }>): MockRun[] {
  const runs: MockRun[] = [];
  for (const project of versionProjects) {
    for (let version = 0; version < spec.versionsPerProject; version++) {
      runs.push({
        entity: benchEntity,
        project,
        id: benchRunId(runs.length),
        loggedArtifacts: [
          {
            name: "model",
            type: "model",
            version,
            aliases: version === spec.versionsPerProject - 1 ? ["latest"] : [],
          },
        ],
      });
    }
  }
  const logged = (name: string, files: MockArtifactFile[]): MockRun => ({
    entity: benchEntity,
    project: benchProjects.artifacts,
    id: benchRunId(runs.length),
    loggedArtifacts: [{ name, type: "model", version: 0, aliases: ["latest"], files }],
  });
  runs.push(
    logged(
      "many",
      Array.from({ length: spec.manyFiles }, (_, i) => ({
        path: `shards/${String(i).padStart(5, "0")}.json`,
        content: `{"shard": ${i}}`,
      })),
    ),
  );
  runs.push(
    logged(
      "throughput",
      Array.from({ length: spec.throughput.files }, (_, i) => ({
        path: `part-${i}.bin`,
        content: { size: spec.throughput.bytes, seed: 100 + i },
      })),
    ),
  );
  runs.push(
    logged(
      "large",
      Array.from({ length: spec.large.files }, (_, i) => ({
        path: `weights-${i}.bin`,
        content: { size: spec.large.bytes, seed: 200 + i },
      })),
    ),
  );
  return runs;
}

// Runs as a training sweep leaves them: a small config, a small summary, one to three model
// checkpoints logged per run.
function batchingRuns(count: number): MockRun[] {
  const random = createRandom(11);
  const runs: MockRun[] = [];
  for (let index = 0; index < count; index++) {
    const id = benchRunId(index);
    const createdAt = new Date(start + index * 60_000);
    runs.push(
      mockRun({
        entity: benchEntity,
        project: benchProjects.batching,
        id,
        displayName: `sweep-${index}`,
        createdAt,
        jobType: "train",
        tags: ["sweep", "bench"],
        group: `group-${index % 10}`,
        user: random.pick(users),
        config: smallConfig(random, index),
        summary: smallSummary(random),
        loggedArtifacts: checkpoints(random, id),
      }),
    );
  }
  return runs;
}

function smallConfig(random: Random, index: number): JsonObject {
  return {
    lr: random.pick([0.1, 0.01, 0.003, 0.001, 0.0003]),
    batch_size: random.pick([32, 64, 128]),
    epochs: random.int(5, 50),
    optimizer: random.pick(optimizers),
    seed: index,
    dropout: Math.round(random.next() * 50) / 100,
    weight_decay: 0.0001,
    dataset: "imagenet-subset",
    model: {
      arch: random.pick(architectures),
      depth: random.pick([18, 34, 50]),
      pretrained: random.chance(0.5),
    },
    augment: ["flip", "crop"],
  };
}

function smallSummary(random: Random): JsonObject {
  const loss = random.next() * 2;
  return {
    acc: random.next(),
    loss,
    val_acc: random.next(),
    val_loss: random.chance(0.05) ? Number.NaN : loss * 1.1,
    "train/loss": loss,
    "train/grad_norm": random.next() * 10,
    best_epoch: random.int(0, 49),
    epoch: 49,
    lr: 0.0001,
    "eval/f1": random.next(),
    "eval/precision": random.next(),
    "eval/recall": random.next(),
  };
}

function checkpoints(random: Random, runId: string): MockArtifact[] {
  const count = random.int(1, 3);
  const artifacts: MockArtifact[] = [];
  for (let version = 0; version < count; version++) {
    const last = version === count - 1;
    artifacts.push({
      name: `model-${runId}`,
      type: "model",
      version,
      aliases: last ? ["latest", "best"] : [],
      size: random.int(10_000_000, 90_000_000),
      metadata: { epoch: (version + 1) * 10, val_acc: random.next(), format: "safetensors" },
    });
  }
  return artifacts;
}

// Runs whose summaries hold many keys (one per logged metric), `acc` among them.
function projectionRuns(count: number, keys: number): MockRun[] {
  const random = createRandom(23);
  const runs: MockRun[] = [];
  for (let index = 0; index < count; index++) {
    const summary: JsonObject = { acc: random.next() };
    for (let key = 1; key < keys; key++) {
      summary[`train/metric_${key}`] = Math.round(random.next() * 1e6) / 1e6;
    }
    runs.push(
      mockRun({
        entity: benchEntity,
        project: benchProjects.projection,
        id: benchRunId(index),
        createdAt: new Date(start + index * 60_000),
        summary,
      }),
    );
  }
  return runs;
}

// A large project listed with light fields only: no config, summary or artifacts to build.
function streamingRuns(count: number): MockRun[] {
  const runs: MockRun[] = new Array(count);
  for (let index = 0; index < count; index++) {
    runs[index] = {
      entity: benchEntity,
      project: benchProjects.streaming,
      id: benchRunId(index),
      createdAt: new Date(start + index * 1000),
    };
  }
  return runs;
}

// Finished training runs with dense history: every step logs loss, acc and lr.
function exportRuns(count: number, steps: number): MockRun[] {
  const runs: MockRun[] = [];
  for (let index = 0; index < count; index++) {
    const history = Array.from({ length: steps }, (_, step) => ({
      _step: step,
      loss: 1 / (step + 1 + index),
      acc: step / (steps + index),
      lr: 0.001,
    }));
    runs.push(
      mockRun({
        entity: benchEntity,
        project: benchProjects.export,
        id: benchRunId(index),
        createdAt: new Date(start + index * 60_000),
        config: { lr: 0.001, batch_size: 32 + (index % 4) * 32, optimizer: optimizers[index % 3] as string },
        summary: { loss: 1 / (steps + index), acc: (steps - 1) / (steps + index) },
        history,
      }),
    );
  }
  return runs;
}
