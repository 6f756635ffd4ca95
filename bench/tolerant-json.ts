/**
 * Benchmark 3 (tolerant JSON): throughput of the SDK's `parseTolerantJson` on a 5 MB summary,
 * against `JSON.parse` (which cannot read bare `NaN`, so it parses the clean twin) and json5 (what
 * a user reaches for to read `NaN`).
 */
import JSON5 from "json5";
import { parseTolerantJson } from "../src/wire/json.js";
import type { BenchResult, Row } from "./lib/result.js";
import { type Series, series } from "./lib/stats.js";
import { summaryTwins } from "./lib/summary-text.js";
import { elapsedMs } from "./lib/timing.js";

/** Options of the JSON benchmark. */
export interface TolerantJsonOptions {
  repetitions: number;
  /** Size of each summary text. */
  bytes: number;
}

type Parser = (text: string) => unknown;

const parsers: Record<string, Parser> = {
  tolerant: (text) => parseTolerantJson(text, { specialStrings: true }),
  "JSON.parse": (text) => JSON.parse(text),
  json5: (text) => JSON5.parse(text),
};

/** MB/s of one parse of `text`. */
function throughput(parse: Parser, text: string): number {
  const started = performance.now();
  parse(text);
  return text.length / 1e6 / (elapsedMs(started) / 1000);
}

/** Fast parsers are sampled this many times more often than json5, which takes seconds a parse. */
const fastSamplesPerRepetition = 3;

function checkSame(text: string, expectedKeys: number): void {
  for (const [name, parse] of Object.entries(parsers)) {
    if (name === "JSON.parse" && text.includes("NaN")) continue;
    const value = parse(text) as Record<string, unknown>;
    if (Object.keys(value).length !== expectedKeys) throw new Error(`${name} read a different summary`);
  }
}

/** Runs benchmark 3. */
export async function tolerantJsonBenchmark(options: TolerantJsonOptions): Promise<BenchResult> {
  const started = performance.now();
  const twins = summaryTwins(options.bytes);
  checkSame(twins.clean, twins.keys);
  checkSame(twins.nonFinite, twins.keys);
  const parsed = parseTolerantJson(twins.nonFinite, { specialStrings: true }) as Record<string, unknown>;
  if (!Object.values(parsed).some((value) => typeof value === "number" && Number.isNaN(value))) {
    throw new Error("the non-finite twin parsed without NaN");
  }
  const samples: Record<string, number[]> = {};
  const add = (name: string, value: number) => {
    samples[name] ??= [];
    samples[name].push(value);
  };
  // Warm-up: every parser on both texts, so each is compiled before it is timed.
  for (const parse of Object.values(parsers)) {
    for (const text of [twins.clean, twins.nonFinite]) {
      if (parse !== parsers["JSON.parse"] || text === twins.clean) parse(text);
    }
  }
  await Promise.resolve();
  // Interleaved, so drift of the machine touches every parser alike.
  for (let rep = 0; rep < options.repetitions; rep++) {
    for (let sample = 0; sample < fastSamplesPerRepetition; sample++) {
      add("JSON.parse clean", throughput(parsers["JSON.parse"] as Parser, twins.clean));
      add("tolerant clean", throughput(parsers.tolerant as Parser, twins.clean));
      add("tolerant non-finite", throughput(parsers.tolerant as Parser, twins.nonFinite));
    }
    add("json5 clean", throughput(parsers.json5 as Parser, twins.clean));
    add("json5 non-finite", throughput(parsers.json5 as Parser, twins.nonFinite));
  }
  const get = (name: string): Series => series(samples[name] ?? []);
  const jsonParse = get("JSON.parse clean");
  const ratioRow = (metric: string, ours: Series, label: string, baseline: Series, minimum: number): Row => {
    const ratio = ours.median / baseline.median;
    return {
      metric,
      unit: "MB/s",
      ours,
      baseline: { label, value: baseline },
      ratio,
      ratioLabel: "x the throughput",
      target: `≥ ${minimum}x`,
      pass: ratio >= minimum,
    };
  };
  const rows = [
    ratioRow("clean summary", get("tolerant clean"), "JSON.parse, same text", jsonParse, 0.8),
    ratioRow(
      "summary with bare NaN/Infinity",
      get("tolerant non-finite"),
      "JSON.parse of the clean twin",
      jsonParse,
      0.4,
    ),
    ratioRow("clean summary", get("tolerant clean"), "json5, same text", get("json5 clean"), 5),
    ratioRow(
      "summary with bare NaN/Infinity",
      get("tolerant non-finite"),
      "json5, same text",
      get("json5 non-finite"),
      5,
    ),
  ];
  const mb = (text: string) => (text.length / 1e6).toFixed(2);
  return {
    id: "json",
    title: "3. Tolerant JSON",
    setup: [
      `one summary of ${twins.keys} top-level keys (train/loss_123-style metrics, nested per-class objects, _type histogram and image objects, strings, booleans): ${mb(twins.clean)} MB clean, ${mb(twins.nonFinite)} MB with ${twins.nonFiniteTokens} bare NaN/Infinity/-Infinity tokens`,
      "ours: parseTolerantJson(text, { specialStrings: true }), as summaries are read; json5 2.2.3's JSON5.parse",
      `throughput = text length / time of one parse; ${options.repetitions} repetitions after a warm-up, each timing ${fastSamplesPerRepetition} parses of either text by parseTolerantJson and JSON.parse and one by json5, interleaved`,
    ],
    rows,
    notes: [],
    seconds: elapsedMs(started) / 1000,
  };
}
