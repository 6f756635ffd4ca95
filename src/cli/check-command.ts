/** `wandb-query check <run>`: does a run meet what a CI job expects of it? Exit 0, 1 or 2. */
import type { Command } from "commander";
import {
  FileNotFoundError,
  type JsonValue,
  type Run,
  readRunFile,
  runCreatedAt,
  runHeartbeatAt,
  runLoggedArtifactVersion,
  runLoggedArtifactVersions,
  runState,
  runSummary,
  runUsedArtifactVersion,
  runUsedArtifactVersions,
  WandbError,
} from "../index.js";
import { type ArtifactReference, parseArtifactReference } from "./artifact-name.js";
import { toJsonText } from "./cell-value.js";
import {
  ageCheck,
  artifactCheck,
  type CheckResult,
  checkLine,
  fileJsonCheck,
  metricCheck,
  stateCheck,
} from "./checks.js";
import type { CommandContext } from "./command-context.js";
import { clientFor, globalsOf } from "./global-options.js";
import { type ChartedRun, compareHistories, comparisonMarkdown, parseHistoryKeys } from "./history-charts.js";
import { topLevelKeysOf } from "./key-path.js";
import {
  type FileJsonExpression,
  type MetricExpression,
  parseFileJsonExpression,
  parseMetricExpression,
} from "./metric-expression.js";
import { defaultPollMs, defaultStaleAfterMs, waitForRunOutcome } from "./run-wait.js";
import { appendStepSummary, checksMarkdown, errorMarkdown } from "./step-summary.js";
import { parseDuration } from "./units.js";
import { exitCheckFailed, exitOk, UsageError } from "./usage-error.js";

interface CheckFlags {
  wait?: number;
  poll?: number;
  state?: string;
  artifact?: ArtifactReference[];
  usedArtifact?: ArtifactReference[];
  metric?: MetricExpression[];
  fileJson?: FileJsonExpression[];
  maxAge?: { ms: number; text: string };
  baseline?: string;
  history?: string[];
}

type CheckOptions = Required<Pick<CheckFlags, "artifact" | "usedArtifact" | "metric" | "fileJson">> &
  Pick<CheckFlags, "state" | "maxAge" | "wait" | "poll" | "baseline" | "history">;

// Repeatable flags start undefined rather than [] so that help shows no "(default: [])".
function collect<T>(parse: (text: string) => T) {
  return (text: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(text)];
}

const examples = `
Examples:
  $ wandb-query check acme/vision/1mbku38n --state finished --metric "accuracy>=0.95"
  $ wandb-query check acme/vision/1mbku38n --artifact model:latest --used-artifact training-data:v3
  $ wandb-query check https://wandb.ai/acme/vision/runs/1mbku38n --metric "eval.f1>0.9" --max-age 2h
  $ wandb-query check acme/vision/1mbku38n --file-json "eval.json:accuracy>=0.9"
  $ wandb-query check acme/vision/1mbku38n --wait 2h --state finished --metric "accuracy>=0.95"
  $ wandb-query check acme/vision/1mbku38n --metric "accuracy>=0.95" --baseline acme/vision/baseline1 --history loss

--wait first waits (up to that long) until the run ends, or reaches --state; a run that stopped
sending heartbeats fails the check "run ended". A wait that runs out exits 2.

Exit codes: 0 every check holds, 1 a check failed, 2 usage or API error.
With GITHUB_STEP_SUMMARY set, a Markdown table of the checks is appended to that file; with
--history, a Mermaid line chart per key follows it (the run's sampled history, beside the
--baseline run's when one is given). Charts never change the exit code.`;

/** Adds `check` to the program. */
export function addCheckCommand(program: Command, context: CommandContext): void {
  program
    .command("check")
    .description("check a run's state, metrics, artifacts and heartbeat; exit 1 when a check fails")
    .argument("<run>", "entity/project/runId or a run page URL")
    .option("--state <state>", "the run's state must be this (finished, running, crashed, …)")
    .option(
      "--artifact <name:alias>",
      "the run logged this artifact version; also project/name:alias, entity/project/name:alias (repeatable)",
      collect((text) => parseArtifactReference(text, "--artifact")),
    )
    .option(
      "--used-artifact <name:alias>",
      "the run used this artifact version; forms as --artifact (repeatable)",
      collect((text) => parseArtifactReference(text, "--used-artifact")),
    )
    .option(
      "--metric <expr>",
      "a summary metric compares so: ops >= <= > < == != (repeatable)",
      collect(parseMetricExpression),
    )
    .option(
      "--file-json <file:expr>",
      "a metric in a JSON file the run saved compares so, e.g. eval.json:accuracy>=0.9 (repeatable)",
      collect(parseFileJsonExpression),
    )
    .option("--max-age <duration>", "last heartbeat at most this long ago: 90s, 15m, 2h, 3d", (text) => ({
      ms: parseDuration(text),
      text,
    }))
    .option("--wait <duration>", "first wait this long at most for the run to end: 30m, 2h", parseDuration)
    .option("--poll <duration>", "with --wait, the first delay between polls (default: 30s)", parseDuration)
    .option("--history <keys>", "chart these history keys in the step summary, e.g. loss", parseHistoryKeys)
    .option("--baseline <run>", "with --history, the run drawn beside it")
    .addHelpText("after", examples)
    .action(async (runPath: string, flags: CheckFlags, command: Command) => {
      const options: CheckOptions = {
        ...flags,
        artifact: flags.artifact ?? [],
        usedArtifact: flags.usedArtifact ?? [],
        metric: flags.metric ?? [],
        fileJson: flags.fileJson ?? [],
      };
      const wanted =
        options.state !== undefined ||
        options.maxAge !== undefined ||
        options.artifact.length +
          options.usedArtifact.length +
          options.metric.length +
          options.fileJson.length >
          0;
      if (!wanted) {
        throw new UsageError(
          "nothing to check: give --state, --artifact, --used-artifact, --metric, --file-json or --max-age",
        );
      }
      if (options.baseline !== undefined && options.history === undefined) {
        throw new UsageError("--baseline names the run to chart beside this one: add --history KEYS");
      }
      const globals = globalsOf(command);
      // --wait bounds the command itself; without it, --max-time's default applies.
      const client = clientFor(globals, options.wait === undefined ? {} : { defaultMaxTime: 0 });
      const run = client.run(runPath);
      const baseline = options.baseline === undefined ? undefined : client.run(options.baseline);
      let results: CheckResult[];
      try {
        const waited = options.wait === undefined ? [] : await waitFirst(run, options, context);
        results = [...waited, ...(await evaluate(run, options, context.now))];
      } catch (error) {
        if (error instanceof WandbError)
          appendStepSummary(context.env, errorMarkdown(run.path, error.message));
        throw error;
      }
      const ok = results.every((result) => result.ok);
      if (globals.json) {
        await context.output.out(`${toJsonText({ run: run.path, ok, checks: results }, 2)}\n`);
      } else {
        await context.output.out(results.map((result) => `${checkLine(result)}\n`).join(""));
      }
      const charts = await chartsFor(run, baseline, options.history, context);
      appendStepSummary(context.env, checksMarkdown(run.path, results) + charts);
      context.exitCode = ok ? exitOk : exitCheckFailed;
    });
}

/**
 * The `--history` charts under the table, read only when a step summary will show them. They are a
 * picture, not a check: a run whose history cannot be read still passes or fails on its checks.
 */
async function chartsFor(
  run: Run,
  baseline: Run | undefined,
  keys: readonly string[] | undefined,
  context: CommandContext,
): Promise<string> {
  if (keys === undefined || !context.env.GITHUB_STEP_SUMMARY) return "";
  const runs: ChartedRun[] = [{ run, label: `${run.path} (this run)` }];
  if (baseline) runs.push({ run: baseline, label: `${baseline.path} (baseline)` });
  try {
    return `${comparisonMarkdown(await compareHistories(runs, keys))}\n`;
  } catch (error) {
    if (!(error instanceof WandbError)) throw error;
    context.output.err(`wandb-query: the --history charts were left out: ${error.message}`);
    return "";
  }
}

/**
 * `--wait`: polls until the run ends (or reaches `--state`). A stalled run is a failed check; a
 * wait that runs out is an error (exit 2), as the run was neither good nor bad yet. The checks
 * then read fresh values: the wait's polls refreshed the light fields, and everything else was
 * never read before.
 */
async function waitFirst(run: Run, options: CheckOptions, context: CommandContext): Promise<CheckResult[]> {
  const waited = await waitForRunOutcome(
    run,
    {
      state: options.state,
      timeoutMs: options.wait,
      pollMs: options.poll ?? defaultPollMs,
      staleAfterMs: defaultStaleAfterMs,
    },
    context.output,
  );
  if (waited.outcome !== "stalled") return [];
  return [
    { check: "run ended", ok: false, detail: waited.detail, line: `run did not end: ${waited.detail}` },
  ];
}

/**
 * Fetches everything the checks need in one tick, so the SDK batches it: light fields, the
 * summary keys the metrics name, and the first page of outputs and inputs cost one request.
 */
async function evaluate(run: Run, options: CheckOptions, now: () => Date): Promise<CheckResult[]> {
  const { artifact: logged, usedArtifact: used, metric: metrics, fileJson, maxAge } = options;
  const files = [...new Set(fileJson.map((check) => check.file))];
  const [state, summary, loggedFound, loggedAll, usedFound, usedAll, heartbeatAt, createdAt, contents] =
    await Promise.all([
      options.state === undefined ? undefined : runState(run),
      metrics.length === 0
        ? undefined
        : runSummary(run, { keys: topLevelKeysOf(metrics.map((metric) => metric.path)) }),
      Promise.all(logged.map((reference) => runLoggedArtifactVersion(run, reference.text))),
      logged.length === 0 ? [] : runLoggedArtifactVersions(run),
      Promise.all(used.map((reference) => runUsedArtifactVersion(run, reference.text))),
      used.length === 0 ? [] : runUsedArtifactVersions(run),
      maxAge === undefined ? undefined : runHeartbeatAt(run),
      maxAge === undefined ? undefined : runCreatedAt(run),
      Promise.all(files.map((file) => readJsonFile(run, file))),
    ]);
  const results: CheckResult[] = [];
  if (options.state !== undefined) results.push(stateCheck(state, options.state));
  logged.forEach((reference, i) => {
    results.push(artifactCheck("logged", reference, loggedFound[i], loggedAll));
  });
  used.forEach((reference, i) => {
    results.push(artifactCheck("used", reference, usedFound[i], usedAll));
  });
  if (summary !== undefined) for (const metric of metrics) results.push(metricCheck(summary, metric));
  for (const check of fileJson) {
    results.push(fileJsonCheck(check.file, contents[files.indexOf(check.file)], check.expression));
  }
  if (maxAge !== undefined && createdAt !== undefined) {
    results.push(ageCheck(heartbeatAt ?? null, createdAt, maxAge, now()));
  }
  return results;
}

/** A JSON file the run saved, or undefined when it saved none (a failed check, not an error). */
async function readJsonFile(run: Run, file: string): Promise<JsonValue | undefined> {
  try {
    return await readRunFile(run, file, { as: "json" });
  } catch (error) {
    if (error instanceof FileNotFoundError) return undefined;
    throw error;
  }
}
