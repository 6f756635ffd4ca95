/**
 * A large, realistic W&B summary as JSON text, in two twins: one with bare `NaN`/`Infinity`
 * tokens where some metrics diverged, one with finite numbers in their place. Written with the
 * mock's wire writer (Python's `", "` and `": "` separators, as W&B's backend writes them).
 */
import { createRandom, type Random } from "../../mocks/random.js";
import { writeExtendedJson } from "../../mocks/wire-writer.js";
import type { JsonObject, JsonValue } from "../../src/wire/json.js";

/** The two texts of one summary. */
export interface SummaryTwins {
  /** Only finite numbers: valid JSON. */
  clean: string;
  /** The same summary with some metrics as bare `NaN`, `Infinity`, `-Infinity` tokens. */
  nonFinite: string;
  /** Top-level keys of either. */
  keys: number;
  /** Non-finite tokens in `nonFinite`. */
  nonFiniteTokens: number;
}

const splits = ["train", "val", "test", "eval"];
const metrics = ["loss", "acc", "f1", "precision", "recall", "grad_norm", "lr", "perplexity"];
const classes = ["cat", "dog", "car", "plane", "ship", "truck", "bird", "horse"];
const nonFiniteValues = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Builds summary twins of at least `targetBytes` each (the clean one; its twin is as long, give or take a few bytes a token). */
export function summaryTwins(targetBytes: number): SummaryTwins {
  const random = createRandom(5);
  const clean: JsonObject = { _step: 120_000, _runtime: 86_399.5, _timestamp: 1_717_171_717.123 };
  const dirty: JsonObject = { ...clean };
  let nonFiniteTokens = 0;
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    const key = `${random.pick(splits)}/${random.pick(metrics)}_${index}`;
    const value = entry(random, index);
    clean[key] = value;
    if (typeof value === "number" && index % 40 === 7) {
      dirty[key] = nonFiniteValues[nonFiniteTokens++ % nonFiniteValues.length] as number;
    } else {
      dirty[key] = value;
    }
    // The entry's exact size as written: `"key": value, `.
    bytes += JSON.stringify(key).length + 4 + writeExtendedJson(value).length;
  }
  return {
    clean: writeExtendedJson(clean),
    nonFinite: writeExtendedJson(dirty),
    keys: Object.keys(clean).length,
    nonFiniteTokens,
  };
}

// Mostly scalar metrics; now and then a histogram, an image reference, a per-class breakdown or a
// string, as a long training run leaves them.
function entry(random: Random, index: number): JsonValue {
  const kind = index % 50;
  if (kind === 0) return histogram(random);
  if (kind === 1) return image(random, index);
  if (kind === 2) return Object.fromEntries(classes.map((name) => [name, random.next()]));
  if (kind === 3) return random.pick(["resnet50", "adamw", "cosine", "bf16", "ok"]);
  if (kind === 4) return random.int(0, 1_000_000);
  if (kind === 5) return random.next() * 1e-6;
  if (kind === 6) return random.chance(0.5);
  return random.next() * 10;
}

function histogram(random: Random): JsonObject {
  const bins = 64;
  const start = -random.next() * 3;
  const width = random.next() / 10;
  return {
    _type: "histogram",
    values: Array.from({ length: bins }, () => random.int(0, 5000)),
    bins: Array.from({ length: bins + 1 }, (_, i) => start + i * width),
  };
}

function image(random: Random, index: number): JsonObject {
  return {
    _type: "image-file",
    path: `media/images/samples_${index}_${random.int(0, 1e6).toString(16)}.png`,
    sha256: random
      .int(0, 2 ** 31)
      .toString(16)
      .padStart(64, "0"),
    size: random.int(10_000, 90_000),
    width: 256,
    height: 256,
    format: "png",
  };
}
