/**
 * The columns `wandb-query runs --fields` can show, and how one run's values are fetched: light
 * fields come with the runs page, `config.K` and `summary.K` cost one batched request per page.
 */
import {
  type ConfigDict,
  type Run,
  runConfig,
  runCreatedAt,
  runGroup,
  runHeartbeatAt,
  runHistory,
  runJobType,
  runName,
  runRuntime,
  runState,
  runSummary,
  runTags,
  runUser,
  type SummaryDict,
  sparkline,
} from "../index.js";
import type { CellValue } from "./cell-value.js";
import { commaList } from "./flag-values.js";
import { lookUpKeyPath, topLevelKeysOf } from "./key-path.js";
import { UsageError } from "./usage-error.js";

const lightFields = {
  id: async (run: Run) => run.id,
  name: (run: Run) => runName(run),
  state: (run: Run) => runState(run),
  createdAt: (run: Run) => runCreatedAt(run),
  heartbeatAt: (run: Run) => runHeartbeatAt(run),
  jobType: (run: Run) => runJobType(run),
  user: async (run: Run) => (await runUser(run))?.username,
  runtime: (run: Run) => runRuntime(run),
  tags: (run: Run) => runTags(run),
  group: (run: Run) => runGroup(run),
  url: async (run: Run) => run.url,
} satisfies Record<string, (run: Run) => Promise<CellValue | null | string[]>>;

type LightName = keyof typeof lightFields;

/** One column of the listing. */
export type RunField =
  | { label: string; source: "light"; name: LightName }
  | { label: string; source: "config" | "summary"; path: string }
  | { label: string; source: "spark"; path: string };

/** Sampled rows per sparkline: enough for its shape, few enough that a page of runs is one request. */
const sparkSamples = 48;
/** Characters per sparkline. */
const sparkWidth = 16;

/** `--spark loss,val/acc`: a sparkline column per history key (`a.b` reads `b` inside `a`). */
export function parseSparkFields(text: string): RunField[] {
  const keys = [...new Set(commaList(text))];
  if (keys.length === 0) throw new UsageError("--spark names no history key (e.g. --spark loss)");
  return keys.map((path) => ({ label: `${path} (history)`, source: "spark", path }));
}

/** The columns shown without `--fields`. */
export const defaultFields = "id,name,state,jobType,user,createdAt";

function isLightName(name: string): name is LightName {
  return Object.hasOwn(lightFields, name);
}

/** Parses `name,id,config.lr,summary.train/loss`; throws UsageError naming the fields it knows. */
export function parseRunFields(text: string): RunField[] {
  const names = commaList(text);
  if (names.length === 0) throw new UsageError("--fields names no field");
  return names.map((label): RunField => {
    if (isLightName(label)) return { label, source: "light", name: label };
    const dot = label.indexOf(".");
    const source = label.slice(0, dot);
    const path = label.slice(dot + 1);
    if (dot > 0 && path !== "" && (source === "config" || source === "summary")) {
      return { label, source, path };
    }
    throw new UsageError(
      `unknown field ${JSON.stringify(label)}; fields: ${Object.keys(lightFields).join(", ")}, config.KEY, summary.KEY`,
    );
  });
}

/** Fetches the fields of one run. Call it for a page of runs at once, so config and summary batch. */
export type RowFetcher = (run: Run) => Promise<CellValue[]>;

/** A fetcher for these fields: config and summary projected to the keys the fields name. */
export function rowFetcher(fields: readonly RunField[]): RowFetcher {
  const pathsOf = (source: "config" | "summary" | "spark") =>
    fields.flatMap((field) => (field.source === source ? [field.path] : []));
  const configKeys = topLevelKeysOf(pathsOf("config"));
  const summaryKeys = topLevelKeysOf(pathsOf("summary"));
  const historyKeys = topLevelKeysOf(pathsOf("spark"));
  return async (run) => {
    const [config, summary, history, light] = await Promise.all([
      configKeys.length > 0 ? runConfig(run, { keys: configKeys }) : ({} as ConfigDict),
      summaryKeys.length > 0 ? runSummary(run, { keys: summaryKeys }) : ({} as SummaryDict),
      // Sampled history is a field group like config: a page of runs' histories is one request.
      historyKeys.length > 0 ? runHistory(run, { keys: historyKeys, samples: sparkSamples }) : [],
      Promise.all(
        fields.map((field) => (field.source === "light" ? lightFields[field.name](run) : undefined)),
      ),
    ]);
    return fields.map((field, i): CellValue => {
      if (field.source === "config") return lookUpKeyPath(config, field.path);
      if (field.source === "summary") return lookUpKeyPath(summary, field.path);
      if (field.source === "spark") {
        const values = history.flatMap((row) => {
          const value = lookUpKeyPath(row, field.path);
          return typeof value === "number" ? [value] : [];
        });
        return sparkline(values, sparkWidth);
      }
      return light[i] ?? undefined;
    });
  };
}
