/**
 * The demo dataset: a few hundred realistic runs of entity `acme` (projects `vision` and `nlp`)
 * with every wire quirk the SDK must survive. Generated from a fixed seed and fixed dates, so every
 * call returns the same runs; the notable ones are named in {@link demoFacts}.
 */
import type { JsonObject } from "../src/wire/json.js";
import { demoFacts } from "./demo-facts.js";
import { hexDigest } from "./ids.js";
import { createRandom, type Random } from "./random.js";
import { mockHistory } from "./run-helpers.js";
import { parseWireTimeMs } from "./time.js";
import type {
  MockArtifact,
  MockArtifactFile,
  MockHistoryRow,
  MockLogLine,
  MockRun,
  MockRunFile,
  MockSweep,
  MockUser,
} from "./types.js";

const { entity } = demoFacts;
const facts = demoFacts;

const users: Record<string, MockUser> = {
  john_doe: { username: "john_doe", name: "John Doe", email: "john.doe@example.com" },
  jane_smith: { username: "jane_smith", name: "Jane Smith" },
  alex_chen: { username: "alex_chen", name: "Alex Chen" },
  priya_patel: { username: "priya_patel", name: "Priya Patel" },
  sam_lee: { username: "sam_lee", name: "Sam Lee" },
};
const userWeights: Array<[string, number]> = [
  ["john_doe", 0.4],
  ["jane_smith", 0.2],
  ["alex_chen", 0.15],
  ["priya_patel", 0.15],
  ["sam_lee", 0.1],
];

const adjectives = [
  "brisk",
  "calm",
  "eager",
  "gentle",
  "hardy",
  "lucid",
  "misty",
  "quiet",
  "rosy",
  "sunny",
  "vivid",
  "witty",
];
const nouns = [
  "sun",
  "fox",
  "owl",
  "river",
  "pine",
  "cloud",
  "wave",
  "moon",
  "field",
  "stone",
  "brook",
  "meadow",
];
const learningRates = [0.1, 0.05, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001];
const batchSizes = [32, 64, 128];
const optimizers = ["adam", "adamw", "sgd"];
const epochOptions = [10, 20, 30, 50];
const visionModels = [
  { name: "resnet18", depth: 18 },
  { name: "resnet50", depth: 50 },
  { name: "vit-b16", depth: 12 },
];
const nlpModels = [
  { name: "bert-base", layers: 12, hidden: 768 },
  { name: "distilbert", layers: 6, hidden: 768 },
  { name: "gpt2-small", layers: 12, hidden: 768 },
];
const tagPools: Record<string, string[]> = {
  vision: ["baseline", "augmented", "ablation", "resnet", "vit", "lr-sweep", "prod-candidate"],
  nlp: ["baseline", "ablation", "bert", "gpt2", "distilled", "lr-sweep"],
};

/** Fillers are spread over these spans, oldest first. */
const spans: Record<string, { start: number; end: number }> = {
  vision: { start: Date.UTC(2024, 2, 1), end: Date.UTC(2025, 5, 20) },
  nlp: { start: Date.UTC(2024, 3, 15), end: Date.UTC(2025, 5, 20) },
};

/**
 * The demo runs, freshly built on each call (callers may change them). Deterministic: no clock, no
 * `Math.random`; about 300 runs in under 200 ms.
 */
/**
 * The sweeps the demo's sweep runs belong to (`demoFacts.sweepDetails`), with YAML configs as W&B
 * stores them.
 */
export function demoSweeps(): MockSweep[] {
  return Object.entries(facts.sweepDetails).map(([name, details]) => {
    const project = (Object.keys(facts.sweeps) as Array<keyof typeof facts.sweeps>).find((p) =>
      (facts.sweeps[p] as readonly string[]).includes(name),
    ) as string;
    return {
      entity,
      project,
      name,
      displayName: `${project}-${details.method}-sweep`,
      state: details.state,
      method: details.method,
      bestLoss: details.bestLoss,
      createdAt: "2024-03-01T09:00:00",
      config: [
        `method: ${details.method}`,
        "metric:",
        "  goal: minimize",
        "  name: val_loss",
        "parameters:",
        "  learning_rate:",
        "    values: [0.0001, 0.001, 0.01, 0.03]",
        "  batch_size:",
        "    values: [16, 32, 64]",
        "",
      ].join("\n"),
    };
  });
}

export function demoRuns(): MockRun[] {
  const random = createRandom(facts.seed);
  const usedIds = new Set<string>(allNotableIds());
  const notables = notableRuns(random);
  const fillers: MockRun[] = [];
  for (const project of ["vision", "nlp"] as const) {
    const count = facts.projects[project].runCount - notables.filter((r) => r.project === project).length;
    const { start, end } = spans[project] as { start: number; end: number };
    for (let i = 0; i < count; i++) {
      const offset = Math.floor(((end - start) * (i + random.next() * 0.5)) / count / 1000) * 1000;
      const created = start + offset;
      fillers.push(fillerRun(random, project, newId(random, usedIds), created, i + 1));
    }
  }
  const runs = [...notables, ...fillers];
  attachArtifacts(runs);
  return runs;
}

function allNotableIds(): string[] {
  return [
    facts.knownRun.id,
    facts.noUserRun.id,
    facts.pendingRun.id,
    facts.longHistoryRun.id,
    facts.resumedRun.id,
    facts.manyArtifactsRun.id,
    facts.trainingData.oldPrepRun.id,
    facts.trainingData.newPrepRun.id,
    facts.trainingData.olderDataRun.id,
    facts.evalRun.id,
    facts.nonFiniteRun.id,
    facts.stringNaNRun.id,
    facts.mediaRun.id,
    ...facts.fractionalTimes.map((t) => t.id),
    ...facts.sameCreatedAt.ids,
  ];
}

function newId(random: Random, used: Set<string>): string {
  for (;;) {
    let id = "";
    for (let i = 0; i < 8; i++) id += "0123456789abcdefghijklmnopqrstuvwxyz"[random.int(0, 35)];
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function pickWeighted(random: Random, weights: ReadonlyArray<[string, number]>): string {
  let draw = random.next();
  for (const [value, weight] of weights) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return (weights.at(-1) as [string, number])[0];
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

interface TrainingShape {
  steps: number;
  firstStep: number;
  secondsPerStep: number;
  finalLoss: number;
  finalAccuracy: number;
}

/** Sparse training history: loss every step, validation every 10 steps. */
function trainingHistory(random: Random, createdMs: number, shape: TrainingShape): MockHistoryRow[] {
  const { steps, firstStep, secondsPerStep, finalLoss, finalAccuracy } = shape;
  return mockHistory(
    steps,
    (step, i) => {
      const progress = steps > 1 ? i / (steps - 1) : 1;
      const runtime = round((i + 1) * secondsPerStep, 2);
      const loss = round(finalLoss + (2.3 - finalLoss) * Math.exp(-4 * progress) + random.next() * 0.01);
      const validation = step % 10 === 0;
      const accuracy = round(finalAccuracy - (finalAccuracy - 0.1) * Math.exp(-4 * progress));
      return {
        _runtime: runtime,
        _timestamp: round(createdMs / 1000 + runtime, 3),
        loss,
        "train/loss": loss,
        "val/acc": validation ? accuracy : undefined,
        val_loss: validation ? round(loss * 1.1) : undefined,
      };
    },
    firstStep,
  );
}

/** One ordinary run of a project, its fields drawn from the seeded stream. */
function fillerRun(
  random: Random,
  project: "vision" | "nlp",
  id: string,
  createdMs: number,
  serial: number,
): MockRun {
  const stateDraw = random.next();
  const state =
    stateDraw < 0.75 ? "finished" : stateDraw < 0.83 ? "running" : stateDraw < 0.92 ? "crashed" : "failed";
  const jobDraw = random.next();
  const jobType = jobDraw < 0.55 ? "train" : jobDraw < 0.75 ? "eval" : jobDraw < 0.9 ? "sweep" : null;
  const sweepName = jobType === "sweep" ? random.pick(facts.sweeps[project]) : null;
  const pool = tagPools[project] as string[];
  const tags = pool.filter(() => random.chance(0.2));
  const learningRate = random.pick(learningRates);
  const batchSize = random.pick(batchSizes);
  const optimizer = random.pick(optimizers);
  const epochs = random.pick(epochOptions);
  const model =
    project === "vision"
      ? { ...random.pick(visionModels), dropout: random.pick([0, 0.1, 0.2]), pretrained: random.chance(0.5) }
      : { ...random.pick(nlpModels), dropout: 0.1, max_seq_len: random.pick([128, 256, 512]) };
  const steps = state === "finished" ? random.int(30, 60) : random.int(5, 25);
  const secondsPerStep = round(20 + random.next() * 60, 2);
  const finalLoss = round(0.05 + random.next() * 0.5);
  const finalAccuracy = round(0.6 + random.next() * 0.37);
  const history = trainingHistory(random, createdMs, {
    steps,
    firstStep: 0,
    secondsPerStep,
    finalLoss,
    finalAccuracy,
  });
  const last = history.at(-1) as MockHistoryRow;
  const runtime = last._runtime as number;
  const valLoss = round(finalLoss * 1.1);
  const summary: JsonObject = {
    accuracy: finalAccuracy,
    val_loss: valLoss,
    best_val_loss: round(valLoss * (0.85 + random.next() * 0.1)),
    training_time_seconds: round(runtime, 1),
    "train/loss": last.loss as number,
    "val/acc": round(finalAccuracy - 0.01),
    eval: { f1: round(finalAccuracy - 0.02), precision: round(finalAccuracy - 0.015) },
  };
  if (random.chance(0.15)) {
    summary.gradients = { _type: "histogram", values: [1, 4, 9, 4, 1], bins: [-1, -0.6, -0.2, 0.2, 0.6, 1] };
  }
  if (state === "crashed" && random.chance(0.5)) summary.val_loss = Number.NaN;
  // Python's make_safe_for_json writes non-finite values as strings; some failed runs went that way.
  if (state === "failed" && serial % 3 === 1) summary.best_val_loss = "NaN";
  return {
    entity,
    project,
    id,
    displayName: `${random.pick(adjectives)}-${random.pick(nouns)}-${serial}`,
    state,
    createdAt: new Date(createdMs),
    heartbeatAt: new Date(createdMs + Math.round(runtime * 1000)),
    jobType,
    tags,
    group: sweepName ? `sweep-${sweepName}` : null,
    sweepName,
    user: users[pickWeighted(random, userWeights)] as MockUser,
    config: {
      learning_rate: learningRate,
      batch_size: batchSize,
      optimizer,
      epochs,
      model,
      seed: random.int(0, 9),
    },
    summary,
    systemMetrics: {
      "system.cpu": round(5 + random.next() * 60, 1),
      "system.gpu.0.gpu": round(40 + random.next() * 59, 1),
      "system.memory": round(20 + random.next() * 50, 1),
    },
    history,
  };
}

/** A filler with the given fields on top: a realistic base for each notable run. */
function notable(
  random: Random,
  project: "vision" | "nlp",
  id: string,
  createdMs: number,
  fields: Partial<MockRun>,
) {
  return {
    ...fillerRun(random, project, id, createdMs, 0),
    displayName: `${id}-run`,
    state: "finished",
    jobType: "train",
    sweepName: null,
    group: null,
    ...fields,
  };
}

function notableRuns(random: Random): MockRun[] {
  const known = facts.knownRun;
  const knownCreated = utc(known.createdAt);
  const knownHistory = mockHistory(known.historyLineCount, (step, i) => {
    const runtime = round((i + 1) * (known.runtimeSeconds / known.historyLineCount), 2);
    const loss = round(0.0871 + 2.2 * Math.exp(-0.05 * step));
    const validation = step % 10 === 0;
    return {
      _runtime: runtime,
      _timestamp: round(knownCreated / 1000 + runtime, 3),
      loss,
      "train/loss": loss,
      "val/acc": validation ? round(0.948 - 0.8 * Math.exp(-0.05 * step)) : undefined,
      eval: validation ? { f1: round(0.941 - 0.8 * Math.exp(-0.05 * step)) } : undefined,
    };
  });
  const long = facts.longHistoryRun;
  const longCreated = Date.UTC(2024, 8, 2, 6, 0, 0);
  const resumed = facts.resumedRun;
  const resumedCreated = Date.UTC(2024, 9, 5, 12, 0, 0);
  const many = facts.manyArtifactsRun;
  const data = facts.trainingData;
  const [f6, f9, zulu] = facts.fractionalTimes;
  return [
    notable(random, "vision", known.id, knownCreated, {
      displayName: known.displayName,
      state: "finished",
      heartbeatAt: new Date(utc(known.heartbeatAt)),
      jobType: "train",
      tags: [...known.tags],
      group: known.group,
      sweepName: null,
      notes: known.notes,
      systemMetrics: { ...known.systemMetrics },
      systemHistory: Array.from({ length: known.systemHistoryRows }, (_, i) => ({
        _timestamp: knownCreated / 1000 + i * 30,
        _runtime: i * 30,
        "system.cpu": round(28 + 6 * Math.sin(i / 7), 1),
        "system.memory": round(55 + (7.5 * i) / known.systemHistoryRows, 1),
        "system.gpu.0.gpu": i === 0 ? 0 : round(95 + 2 * Math.sin(i / 5), 1),
      })),
      user: users.john_doe as MockUser,
      config: structuredClone(known.config) as JsonObject,
      summary: {
        ...(structuredClone(known.summary) as JsonObject),
        weights: { _type: "histogram", values: [1, 4, 9, 4, 1], bins: [-1, -0.6, -0.2, 0.2, 0.6, 1] },
      },
      history: knownHistory,
      loggedArtifacts: [
        {
          name: "model",
          type: "model",
          version: known.loggedArtifact.version,
          aliases: [...known.loggedArtifact.aliases],
          metadata: { accuracy: 0.953, framework: "pytorch" },
          tags: ["candidate"],
          otherCollectionAliases: [{ ...known.loggedArtifact.registryLink }],
          files: knownModelFiles(),
        },
      ],
      usedArtifacts: [
        withFiles("vision", {
          name: data.collection,
          type: data.type,
          version: data.latestVersion,
          usedAs: [...known.usedArtifact.usedAs],
        }),
      ],
      files: knownRunFiles(),
      logs: knownLogs(known.logLineCount, known.lastLogLine),
    }),
    notable(random, "vision", facts.noUserRun.id, Date.UTC(2024, 6, 1, 8, 0, 0), {
      user: null,
      jobType: "train",
    }),
    notable(random, "vision", facts.pendingRun.id, Date.UTC(2025, 5, 28, 23, 50, 0), {
      state: "pending",
      heartbeatAt: null,
      jobType: "train",
      history: [],
      summary: {},
      systemMetrics: {},
    }),
    notable(random, "vision", long.id, longCreated, {
      jobType: "train",
      history: trainingHistory(random, longCreated, {
        steps: long.steps,
        firstStep: 0,
        secondsPerStep: 1.5,
        finalLoss: 0.02,
        finalAccuracy: 0.97,
      }),
      heartbeatAt: new Date(longCreated + long.steps * 1500),
      historyExport: { throughStep: long.exportedThroughStep, files: long.exportFiles, rowGroupSize: 500 },
    }),
    notable(random, "vision", resumed.id, resumedCreated, {
      jobType: "train",
      notes: "resumed from a checkpoint at step 100",
      history: trainingHistory(random, resumedCreated, {
        steps: resumed.lastStep - resumed.firstStep + 1,
        firstStep: resumed.firstStep,
        secondsPerStep: 30,
        finalLoss: 0.1,
        finalAccuracy: 0.9,
      }),
      heartbeatAt: new Date(resumedCreated + (resumed.lastStep - resumed.firstStep + 1) * 30_000),
    }),
    notable(random, "vision", many.id, Date.UTC(2024, 7, 20, 10, 0, 0), {
      jobType: "train",
      notes: "checkpoint every epoch",
      loggedArtifacts: Array.from({ length: many.count }, (_, version) => ({
        name: many.collection,
        type: "model",
        version,
        size: 10_000_000 + version * 1024,
        files: demoFiles("vision", many.collection, "model", version, 10_000_000 + version * 1024),
        aliases:
          version === many.secondPageTargetVersion
            ? ["best"]
            : version === many.latestVersion
              ? ["latest"]
              : [],
      })),
    }),
    dataPrepRun(random, data.oldPrepRun, [0, 1], 48_000, 52_428_800),
    dataPrepRun(random, data.newPrepRun, [2, 3], 60_000, 62_914_560),
    notable(random, "vision", data.olderDataRun.id, Date.UTC(2024, 4, 10, 9, 0, 0), {
      jobType: "train",
      usedArtifacts: [
        withFiles("vision", { name: data.collection, type: data.type, version: data.olderVersionUsed }),
      ],
    }),
    notable(random, "vision", facts.evalRun.id, utc(facts.evalRun.createdAt), {
      jobType: "eval",
      usedArtifacts: [
        withFiles("vision", { name: "model", type: "model", version: known.loggedArtifact.version }),
      ],
    }),
    notable(random, "vision", facts.nonFiniteRun.id, Date.UTC(2024, 10, 2, 3, 0, 0), {
      state: "crashed",
      jobType: "train",
      summary: {
        accuracy: 0.11,
        val_loss: Number.NaN,
        grad_norm: Number.POSITIVE_INFINITY,
        min_grad: Number.NEGATIVE_INFINITY,
      },
    }),
    notable(random, "vision", facts.stringNaNRun.id, Date.UTC(2024, 10, 3, 3, 0, 0), {
      state: "failed",
      jobType: "train",
      summary: { accuracy: 0.12, best_val_loss: "NaN", val_loss: "Infinity" },
    }),
    notable(random, "vision", facts.mediaRun.id, Date.UTC(2024, 11, 1, 16, 0, 0), {
      jobType: "eval",
      summary: {
        accuracy: 0.91,
        examples: {
          _type: "image-file",
          path: "media/images/examples_40_3f2a.png",
          sha256: "3f2a9c1b7e",
          size: 48213,
          width: 256,
          height: 256,
          format: "png",
        },
        predictions: {
          _type: "table-file",
          path: "media/table/predictions_40_8d1e.table.json",
          sha256: "8d1e44a0c2",
          size: 10342,
          ncols: 3,
          nrows: 100,
          log_mode: "IMMUTABLE",
        },
      },
    }),
    notable(random, "vision", f6.id, utc(f6.createdAt), {
      createdAt: f6.createdAt,
      heartbeatAt: f6.heartbeatAt,
    }),
    notable(random, "nlp", f9.id, utc(f9.createdAt), {
      createdAt: f9.createdAt,
      heartbeatAt: f9.heartbeatAt,
    }),
    notable(random, "nlp", zulu.id, utc(zulu.createdAt), {
      createdAt: zulu.createdAt,
      heartbeatAt: zulu.heartbeatAt,
    }),
    ...facts.sameCreatedAt.ids.map((id) =>
      notable(random, "nlp", id, utc(facts.sameCreatedAt.createdAt), { jobType: "train" }),
    ),
  ];
}

/** What the known run saved (see `demoFacts.knownRun.files`). */
function knownRunFiles(): MockRunFile[] {
  const { files, config } = facts.knownRun;
  const log = Array.from(
    { length: 20 },
    (_, i) => `epoch ${i + 1}/20 loss ${(0.0871 + 2.2 * Math.exp(-0.25 * i)).toFixed(4)}`,
  );
  return [
    { name: "eval.json", content: `${JSON.stringify(files.evalJson, null, 2)}\n` },
    { name: "output.log", content: `${log.join("\n")}\n` },
    { name: "requirements.txt", content: "torch==2.3.1\ntorchvision==0.18.1\nwandb==0.17.4\n" },
    {
      name: "wandb-metadata.json",
      content: JSON.stringify({ ...files.metadata, args: [`--lr=${config.learning_rate}`] }, null, 2),
    },
  ];
}

/** The files of `model:v5` (see `demoFacts.knownRun.modelFiles`). */
function knownModelFiles(): MockArtifactFile[] {
  const { modelFiles, config, files } = facts.knownRun;
  return [
    { path: "config.json", content: JSON.stringify(config) },
    { path: "eval/metrics.json", content: JSON.stringify(files.evalJson) },
    { path: "model.pt", content: { size: modelFiles.modelBytes, seed: 5 } },
    { ...modelFiles.reference },
  ];
}

/** A run without a job type that logs versions of `training-data`; the latest version gets `latest`. */
function dataPrepRun(
  random: Random,
  run: { id: string; createdAt: string },
  versions: number[],
  rows: number,
  size: number,
): MockRun {
  const { collection, type, latestVersion } = facts.trainingData;
  return notable(random, "vision", run.id, utc(run.createdAt), {
    jobType: null,
    history: [],
    summary: { rows },
    loggedArtifacts: versions.map((version) => ({
      name: collection,
      type,
      version,
      size,
      files: demoFiles("vision", collection, type, version, size),
      aliases: version === latestVersion ? ["latest"] : [],
    })),
  });
}

/**
 * Who logs and uses which artifact versions, decided once every run exists: the earliest finished
 * vision trainers log `model` v0 to v4 (the known run logs v5); vision trainers use
 * `training-data` v1 or v3 by date; vision evaluators use a model and log `evaluation` versions in
 * date order; nlp trainers log `bert-classifier` versions and use `wikitext` v0, which no run logged.
 */
function attachArtifacts(runs: MockRun[]): void {
  const byDate = [...runs].sort((a, b) => timeOf(a) - timeOf(b));
  const notableIds = new Set(allNotableIds());
  const fillers = byDate.filter((run) => !notableIds.has(run.id));
  const data = facts.trainingData;
  const newDataFrom = utc(data.newPrepRun.createdAt);
  const visionTrainers = fillers.filter(
    (r) => r.project === "vision" && r.jobType === "train" && r.state === "finished",
  );
  visionTrainers.forEach((run, i) => {
    if (i < facts.knownRun.loggedArtifact.version) {
      add(run, "loggedArtifacts", { name: "model", type: "model", version: i, size: modelSize(i) });
    }
    const version = timeOf(run) < newDataFrom ? data.olderVersionUsed : data.latestVersion;
    add(run, "usedArtifacts", { name: data.collection, type: data.type, version });
  });
  const evaluators = byDate.filter(
    (r) => r.project === "vision" && r.jobType === "eval" && r.state === "finished",
  );
  evaluators.forEach((run, version) => {
    const latest = version === evaluators.length - 1;
    add(run, "loggedArtifacts", {
      name: "evaluation",
      type: "evaluation",
      version,
      aliases: latest ? ["latest"] : [],
    });
    if (run.id !== facts.evalRun.id)
      add(run, "usedArtifacts", { name: "model", type: "model", version: version % 5 });
  });
  const nlpTrainers = fillers.filter(
    (r) => r.project === "nlp" && r.jobType === "train" && r.state === "finished",
  );
  nlpTrainers.forEach((run, version) => {
    const aliases = version === nlpTrainers.length - 1 ? ["latest"] : [];
    add(run, "loggedArtifacts", {
      name: "bert-classifier",
      type: "model",
      version,
      aliases,
      size: 438_000_000,
    });
    add(run, "usedArtifacts", { name: "wikitext", type: "dataset", version: 0 });
  });
}

/**
 * Adds an artifact version to a run, with its files: the first description of a version makes it
 * (later ones only add aliases), so a used one carries the same files as the logged one.
 */
function add(run: MockRun, key: "loggedArtifacts" | "usedArtifacts", artifact: MockArtifact): void {
  run[key] = [...(run[key] ?? []), withFiles(run.project, artifact)];
}

/** The description with its version's files, unless it lists its own. */
function withFiles<A extends MockArtifact>(project: string, artifact: A): A {
  return { ...artifact, files: artifact.files ?? filesOfVersion(project, artifact) };
}

/** `model` v0 to v4 (v5 is the known run's, sized by its files). */
function modelSize(version: number): number {
  return 94_371_840 + version * 4096;
}

/** Sizes of the demo versions described without one: as each type of file would roughly be. */
const defaultSizes: Record<string, number> = { "dataset:wikitext": 190_345_216 };

/** The files of a demo version added by {@link add}; their sizes add up to its size. */
function filesOfVersion(project: string, artifact: MockArtifact): MockArtifactFile[] {
  const known = facts.knownRun.loggedArtifact;
  if (artifact.name === "model" && artifact.version === known.version) return knownModelFiles();
  if (artifact.name === facts.trainingData.collection) {
    const size = artifact.version < 2 ? 52_428_800 : 62_914_560;
    return demoFiles(project, artifact.name, artifact.type, artifact.version, size);
  }
  if (artifact.type === "evaluation") {
    const metrics = { f1: Number((0.8 + (artifact.version % 10) / 100).toFixed(2)), rows: 10_000 };
    return [{ path: "metrics.json", content: `${JSON.stringify(metrics)}\n` }];
  }
  // model v0 to v4 are used by evaluators as well as logged by trainers: one size for both.
  const size =
    artifact.name === "model"
      ? modelSize(artifact.version)
      : (artifact.size ?? defaultSizes[`${artifact.type}:${artifact.name}`] ?? 4096);
  return demoFiles(project, artifact.name, artifact.type, artifact.version, size);
}

/**
 * Large demo files as reference entries (W&B's `add_reference`: the manifest names them, with
 * their size and ETag, and nothing downloads them), so a 400 MB version costs no memory and no
 * hashing; their sizes add up to `size` exactly.
 */
function demoFiles(
  project: string,
  name: string,
  type: string,
  version: number,
  size: number,
): MockArtifactFile[] {
  const parts: Array<[path: string, share: number]> =
    type === "dataset"
      ? [
          ["train.parquet", 0.9],
          ["val.parquet", 0.1],
        ]
      : [
          ["model.pt", 0.999],
          ["config.json", 0.001],
        ];
  let left = size;
  return parts.map(([path, share], i) => {
    const part = i === parts.length - 1 ? left : Math.floor(size * share);
    left -= part;
    const ref = `s3://acme-artifacts/${project}/${name}/v${version}/${path}`;
    return { path, ref, digest: hexDigest(ref, 32), size: part };
  });
}

function timeOf(run: MockRun): number {
  const created = run.createdAt;
  if (created instanceof Date) return created.getTime();
  return typeof created === "string" ? utc(created) : 0;
}

// Zone-less demo times are UTC; the built-in parser would read them in the machine's zone.
function utc(text: string): number {
  const ms = parseWireTimeMs(text);
  if (ms === undefined) throw new Error(`demo time ${text} does not parse`);
  return ms;
}

/** The known run's console log (see `demoFacts.knownRun.logLineCount`). */
function knownLogs(count: number, lastLine: string): MockLogLine[] {
  const lines: MockLogLine[] = ["wandb: Tracking run brisk-sun-42", "loading dataset imagenet-subset"];
  lines.push("resnet50: 25.6M parameters");
  lines.push({ line: "\u001b[33mwarning\u001b[0m: cudnn benchmark disabled", level: "error" });
  for (let epoch = 1; lines.length < count - 1; epoch++) {
    lines.push(`epoch ${epoch}: loss ${(0.9 / epoch).toFixed(4)}`);
  }
  lines.push(lastLine);
  return lines;
}
