/** `diffRuns`: what differs between two runs' configs and summaries, key by key. */
import { InvalidArgumentError } from "../errors.js";
import { checkKeys, checkOptions, type OperationOptions } from "../ops/operation-options.js";
import { runConfig, runSummary } from "../ops/run-dicts.js";
import { contextOf, type Run } from "../run.js";
import type { JsonObject } from "../wire/json.js";
import { type Difference, diffObjects, type Tolerance } from "./compare-values.js";

/** The parts of a run {@link diffRuns} compares. */
export type DiffSection = "config" | "summary";

/** Options of {@link diffRuns}. */
export interface DiffRunsOptions extends OperationOptions {
  /**
   * Top-level keys to compare, in both sections; the server sends only those
   * (`config(keys:)`, `summaryMetrics(keys:)`). Default: every key.
   */
  keys?: readonly string[] | undefined;
  /** The sections to compare. Default both; a section left out comes back as `[]`. */
  sections?: readonly DiffSection[] | undefined;
  /** How far apart numbers may be and still count as equal. Default: exactly equal. */
  tolerance?: Tolerance | undefined;
}

/** What {@link diffRuns} found, per section; an empty list means no difference. */
export interface RunDiff {
  config: Difference[];
  summary: Difference[];
}

const sectionNames: readonly DiffSection[] = ["config", "summary"];

/**
 * The differences between run `a` and run `b`: their configs and summaries compared key by key,
 * nested objects down to each leaf, each difference with its path as an array of keys (W&B keys
 * hold dots and slashes, so no joined string could say which is which). `NaN` equals `NaN`;
 * numbers must be equal exactly unless `tolerance` says how close is close enough; arrays and
 * other values compare whole. Values are those of {@link runConfig} and {@link runSummary}
 * (config unwrapped, `_wandb` left out; the summary keeps `_step`, `_runtime`, `_timestamp`,
 * which differ between almost any two runs: name the keys you care about with `keys`).
 *
 * Both runs are read in the same tick, so they travel in one request; diffing many runs against
 * one baseline in one tick costs one request per 50 runs, the baseline read once.
 *
 * @param a - The run to compare from (the baseline)
 * @param b - The run to compare to
 * @param options - `keys`, `sections`, `tolerance`: see {@link DiffRunsOptions}; `signal` and
 * `fresh` as for every run operation.
 * @returns `{ config, summary }`, each a list of {@link Difference}s in key order.
 *
 * @example Fail a Build When the Config Changed
 * ```ts
 * const { config } = await diffRuns(baseline, candidate, { sections: ["config"] });
 * for (const d of config) console.log(`${d.kind} ${d.path.join(" › ")}: ${d.a} → ${d.b}`);
 * if (config.length > 0) process.exitCode = 1;
 * ```
 *
 * @example Compare Metrics Within 1 %
 * ```ts
 * const { summary } = await diffRuns(baseline, candidate, {
 *   keys: ["accuracy", "val_loss"],
 *   sections: ["summary"],
 *   tolerance: { relative: 0.01 },
 * });
 * ```
 *
 * @example Many Candidates Against One Baseline
 * ```ts
 * // One request per 50 runs; the baseline is fetched once.
 * const diffs = await Promise.all(candidates.map((run) => diffRuns(baseline, run, { keys: ["lr", "accuracy"] })));
 * ```
 *
 * @see
 * - {@link runConfig} - For one run's config
 * - {@link runSummary} - For one run's summary
 */
export async function diffRuns(a: Run, b: Run, options?: DiffRunsOptions): Promise<RunDiff> {
  const operation = "diffRuns";
  contextOf(a, operation);
  contextOf(b, operation);
  const checked = checkOptions(options, operation, ["keys", "sections", "tolerance"]);
  const keys = checkKeys(checked.keys, operation);
  const sections = checkSections(checked.sections);
  const tolerance = checkTolerance(checked.tolerance);
  const read = { keys, signal: checked.signal, fresh: checked.fresh };
  const none = Promise.resolve<JsonObject>({});
  // Every read starts in this tick, so the loader puts them in one request.
  const [configA, configB, summaryA, summaryB] = await Promise.all([
    sections.has("config") ? runConfig(a, read) : none,
    sections.has("config") ? runConfig(b, read) : none,
    sections.has("summary") ? runSummary(a, read) : none,
    sections.has("summary") ? runSummary(b, read) : none,
  ]);
  return {
    config: diffObjects(configA, configB, tolerance),
    summary: diffObjects(summaryA, summaryB, tolerance),
  };
}

function checkSections(sections: unknown): ReadonlySet<DiffSection> {
  if (sections === undefined) return new Set(sectionNames);
  if (
    !Array.isArray(sections) ||
    sections.length === 0 ||
    sections.some((section) => !sectionNames.includes(section as DiffSection))
  ) {
    throw new InvalidArgumentError(`diffRuns: sections must be a non-empty array of "config" and "summary"`, {
      operation: "diffRuns",
    });
  }
  return new Set(sections as DiffSection[]);
}

function checkTolerance(tolerance: unknown): Tolerance | undefined {
  if (tolerance === undefined) return undefined;
  const bad = () =>
    new InvalidArgumentError("diffRuns: tolerance must be { absolute?, relative? } with numbers >= 0", {
      operation: "diffRuns",
    });
  if (typeof tolerance !== "object" || tolerance === null || Array.isArray(tolerance)) throw bad();
  for (const [name, value] of Object.entries(tolerance)) {
    if (name !== "absolute" && name !== "relative") throw bad();
    if (value !== undefined && (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)))
      throw bad();
  }
  return tolerance as Tolerance;
}
