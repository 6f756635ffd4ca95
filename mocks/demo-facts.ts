/**
 * What the demo dataset holds, by name: the runs worth asserting against and the facts about them.
 * `demoRuns()` is built from these values, and a test checks every count here against the runs.
 */
import type { JsonObject } from "../src/wire/json.js";

const knownConfig: JsonObject = {
  learning_rate: 0.001,
  batch_size: 64,
  optimizer: "adam",
  epochs: 20,
  model: { name: "resnet50", depth: 50, dropout: 0.1, pretrained: true },
  seed: 0,
};

const knownSummary: JsonObject = {
  accuracy: 0.953,
  val_loss: 0.1432,
  best_val_loss: 0.1211,
  training_time_seconds: 3627,
  "train/loss": 0.0871,
  "val/acc": 0.948,
  eval: { f1: 0.941, precision: 0.944 },
};

/**
 * The notable runs and facts of `demoRuns()`. Every run lives in entity `acme`; `path` is
 * `entity/project/id`; times are the zone-less UTC strings the wire carries.
 */
export const demoFacts = {
  seed: 20240501,
  entity: "acme",
  projects: {
    vision: { path: "acme/vision", runCount: 180 },
    nlp: { path: "acme/nlp", runCount: 120 },
  },
  totalRuns: 300,
  /** The default viewer of a mock (`Query.viewer`). */
  viewer: { username: "john_doe", name: "John Doe", email: "john.doe@example.com", entity: "acme" },
  /** Every username that owns runs. */
  usernames: ["john_doe", "jane_smith", "alex_chen", "priya_patel", "sam_lee"],
  /** Sweep IDs (`sweepName`) per project; sweep runs have `group` `sweep-<id>`. */
  sweeps: { vision: ["k3j2h1g0", "q8w7e6r5"], nlp: ["z1x2c3v4"] },
  /** What `demoSweeps()` says of each sweep: state (uppercase, as W&B), method, best value. */
  sweepDetails: {
    k3j2h1g0: { state: "FINISHED", method: "bayes", bestLoss: 0.1187 },
    q8w7e6r5: { state: "RUNNING", method: "random", bestLoss: 0.2043 },
    z1x2c3v4: { state: "FINISHED", method: "grid", bestLoss: null },
  },

  /**
   * A finished training run with known values everywhere. Its summary also holds `weights`, a
   * `_type: "histogram"` object, and W&B's `_step` (99), `_runtime` (3627), `_timestamp`, `_wandb`.
   * History: 100 rows (steps 0 to 99), `loss` and `train/loss` on each, `val/acc` and nested
   * `eval.f1` every 10 steps.
   */
  knownRun: {
    path: "acme/vision/1mbku38n",
    id: "1mbku38n",
    displayName: "brisk-sun-42",
    state: "finished",
    jobType: "train",
    tags: ["baseline", "resnet"],
    group: "resnet50-baseline",
    notes: "baseline resnet50, seed 0",
    createdAt: "2024-11-14T14:03:11",
    heartbeatAt: "2024-11-14T15:03:38",
    runtimeSeconds: 3627,
    user: { username: "john_doe", name: "John Doe" },
    config: knownConfig,
    summary: knownSummary,
    historyLineCount: 100,
    lastStep: 99,
    /**
     * Console log: 24 lines, one second apart from creation. Line 3 went to stderr (level
     * `error`) and carries an ANSI color escape; the last line is `lastLogLine`.
     */
    logLineCount: 24,
    lastLogLine: "training finished: best val_loss 0.1211",
    /** Latest system metrics; a GPU temperature sensor that read NaN goes out as a bare token. */
    systemMetrics: {
      "system.cpu": 31.4,
      "system.memory": 62.5,
      "system.gpu.0.gpu": 97.2,
      "system.gpu.0.temp": Number.NaN,
    },
    /** System-metric rows, one every 30 s from creation: 121 of them (`_runtime` 0 to 3600). */
    systemHistoryRows: 121,
    /**
     * `model:v5`, aliases `latest` and `best`, also linked into the model registry as `production`.
     * Its size is the sum of its manifest's sizes (`modelFiles`), as W&B counts it.
     */
    loggedArtifact: {
      name: "model",
      type: "model",
      version: 5,
      aliases: ["latest", "best"],
      size: 262_360,
      registryLink: {
        alias: "production",
        collection: "vision-classifier",
        entity: "acme-org",
        project: "wandb-registry-model",
      },
    },
    /**
     * `training-data:v3`, the version `trainingData.newPrepRun` logged: the same GraphQL object;
     * the run used it as `train` (`InputArtifactEdge.usedAs`).
     */
    usedArtifact: { name: "training-data", type: "dataset", version: 3, usedAs: ["train"] },
    /**
     * The files the run saved. `eval.json` holds `{ accuracy, f1, per_class }` (its `accuracy` as the
     * summary's); `wandb-metadata.json` is W&B's environment record of the run.
     */
    files: {
      names: ["eval.json", "output.log", "requirements.txt", "wandb-metadata.json"],
      evalJson: { accuracy: 0.953, f1: 0.941, per_class: { cat: 0.96, dog: 0.946 } },
      metadata: {
        os: "Linux-5.15.0-1057-aws-x86_64-with-glibc2.35",
        python: "CPython 3.11.9",
        startedAt: "2024-11-14T14:03:11.000000Z",
        program: "train.py",
        git: { remote: "https://github.com/acme/vision.git", commit: "4f9c2d1e7b3a" },
        host: "gpu-node-7",
        username: "john_doe",
        cpu_count: 16,
        gpu: "NVIDIA A100-SXM4-40GB",
        gpu_count: 1,
      },
    },
    /**
     * The files of `model:v5` (its manifest): `model.pt` (256 KiB of generated bytes), `config.json`,
     * `eval/metrics.json` (the run's `eval.json` values), and a reference entry `data/val` pointing at
     * `s3://acme-datasets/imagenet/val`, which nothing serves.
     */
    modelFiles: {
      paths: ["config.json", "eval/metrics.json", "model.pt"],
      modelBytes: 262_144,
      reference: { path: "data/val", ref: "s3://acme-datasets/imagenet/val" },
    },
  },

  /** A finished run whose `user` is null. */
  noUserRun: { path: "acme/vision/q9x2v7ta", id: "q9x2v7ta" },
  /** State `pending`, `heartbeatAt` null, no history (`historyKeys` null), summary with W&B's keys only. */
  pendingRun: { path: "acme/vision/7hz0qk2e", id: "7hz0qk2e" },
  /**
   * 5,000 history rows, steps 0 to 4999; `val/acc` and `val_loss` every 10 steps (500 rows). Steps
   * below 4500 are exported to Parquet (2 files, row groups of 500 rows); 4500 to 4999 are live.
   */
  longHistoryRun: {
    path: "acme/vision/5kst3p9z",
    id: "5kst3p9z",
    steps: 5000,
    lastStep: 4999,
    valAccRows: 500,
    exportedThroughStep: 4500,
    exportFiles: 2,
  },
  /** History that starts at step 100 (a resumed run): steps 100 to 179. */
  resumedRun: { path: "acme/vision/r3s8m2d1", id: "r3s8m2d1", firstStep: 100, lastStep: 179 },
  /**
   * Logs 130 versions of `checkpoint` (v0 to v129), more than one page of 100: `checkpoint:best` is
   * v117, on the second page; `checkpoint:latest` is v129.
   */
  manyArtifactsRun: {
    path: "acme/vision/c8kp130a",
    id: "c8kp130a",
    collection: "checkpoint",
    count: 130,
    secondPageTarget: "checkpoint:best",
    secondPageTargetVersion: 117,
    latestVersion: 129,
  },
  /**
   * `training-data` (type `dataset`) in acme/vision: v0 and v1 logged by `oldPrepRun`, v2 and v3
   * (alias `latest`) by `newPrepRun`. Vision training runs created before `newPrepRun` use v1,
   * later ones v3; `olderDataRun` uses v1.
   */
  trainingData: {
    collection: "training-data",
    type: "dataset",
    latestVersion: 3,
    olderVersionUsed: 1,
    oldPrepRun: { path: "acme/vision/dp0l4x1q", id: "dp0l4x1q", createdAt: "2024-02-20T10:00:00" },
    newPrepRun: { path: "acme/vision/dp3n8v2w", id: "dp3n8v2w", createdAt: "2024-06-01T10:00:00" },
    olderDataRun: { path: "acme/vision/o1dd4t4u", id: "o1dd4t4u" },
  },
  /** The last vision evaluation: uses `model:v5`, logs `evaluation:latest`. */
  evalRun: {
    path: "acme/vision/ev4l9k2s",
    id: "ev4l9k2s",
    createdAt: "2025-06-29T12:00:00",
    evaluationVersion: 25,
  },
  /** Crashed; summary `val_loss` bare `NaN`, `grad_norm` bare `Infinity`, `min_grad` bare `-Infinity`. */
  nonFiniteRun: { path: "acme/vision/n4ns7m1x", id: "n4ns7m1x" },
  /** Failed; summary `best_val_loss` is the string `"NaN"` and `val_loss` the string `"Infinity"`. */
  stringNaNRun: { path: "acme/vision/s7r1n9gq", id: "s7r1n9gq" },
  /** Summary holds an `image-file` (`examples`) and a `table-file` (`predictions`) object. */
  mediaRun: { path: "acme/vision/p7mg4t2c", id: "p7mg4t2c" },
  /**
   * Served only by `startMockServer` (and `wandb-query mock-server`) with the demo dataset: a run
   * that is running, its heartbeat fresh every second, and finishes `finishAfterMs` (default 8 s,
   * `liveRunFinishAfterMs`) after the server starts, with `accuracy` 0.962: `wait` and
   * `check --wait` against something that happens. In its own project, so no other count changes.
   */
  liveRun: { path: "acme/live/l1v3r0n5", id: "l1v3r0n5", finishAfterMs: 8000, finalAccuracy: 0.962 },
  /** Timestamps sent verbatim: 6 fraction digits, 9 fraction digits, and a `Z`. */
  fractionalTimes: [
    {
      path: "acme/vision/f6u5e2b1",
      id: "f6u5e2b1",
      createdAt: "2024-08-14T09:21:07.123456",
      heartbeatAt: "2024-08-14T10:02:41.654321",
    },
    {
      path: "acme/nlp/f9n4c7d3",
      id: "f9n4c7d3",
      createdAt: "2024-08-15T10:00:00.123456789",
      heartbeatAt: "2024-08-15T11:15:30.987654321",
    },
    {
      path: "acme/nlp/z2k8w5h0",
      id: "z2k8w5h0",
      createdAt: "2025-01-03T08:15:00Z",
      heartbeatAt: "2025-01-03T09:00:00Z",
    },
  ],
  /** Two nlp runs created at the same second: `+created_at` orders them by ID (as listed). */
  sameCreatedAt: { ids: ["t1e0a4aa", "t1e0b4bb"], createdAt: "2024-09-10T12:00:00" },

  /** Counts over all 300 runs, checked by the mock's tests. */
  counts: {
    byState: { finished: 231, running: 17, crashed: 29, failed: 22, pending: 1 },
    byJobType: { train: 178, eval: 52, sweep: 48, none: 22 },
    /** Runs per project whose config `learning_rate` is above 0.01, and below it. */
    learningRateAbove001: { vision: 65, nlp: 51 },
    learningRateBelow001: { vision: 91, nlp: 59 },
    /** The same two counts per project (vision's pending run is the only one). */
    perProject: {
      vision: {
        byState: { finished: 138, running: 9, crashed: 17, failed: 15, pending: 1 },
        byJobType: { train: 103, eval: 32, sweep: 29, none: 16 },
      },
      nlp: {
        byState: { finished: 93, running: 8, crashed: 12, failed: 7, pending: 0 },
        byJobType: { train: 75, eval: 20, sweep: 19, none: 6 },
      },
    },
    /** Runs per username (the run without a user counts under none). */
    byUser: { john_doe: 134, jane_smith: 50, alex_chen: 41, priya_patel: 48, sam_lee: 26 },
    /** Versions of `evaluation` in acme/vision. */
    evaluationVersions: 26,
    /** Versions of `bert-classifier` in acme/nlp. */
    bertClassifierVersions: 52,
  },
} as const;

/** The type of {@link demoFacts}. */
export type DemoFacts = typeof demoFacts;
