/**
 * The run fields that `filters` and `order` name (reference §6), read off a run. Both spellings W&B
 * material uses are accepted (`createdAt` and `created_at`, …). Config paths read the plain values,
 * then the wrapped wire form, so the short `config.K.sub` and `config.K.value.sub` both work;
 * summary and config keys may hold `/` or dots (see key-path.ts).
 */
import type { JsonValue } from "../src/wire/json.js";
import { readKeyPath } from "./key-path.js";
import type { RunNode } from "./run-node.js";

/**
 * `time`: read as epoch milliseconds, compared with time operands; `list`: a value holding many
 * (tags), matched element by element; `plain`: anything else.
 */
export type FieldKind = "plain" | "time" | "list";

/** A field a filter or order can name. `read` gives `undefined` when the run has no value. */
export interface RunField {
  kind: FieldKind;
  read(run: RunNode): JsonValue | undefined;
}

const plain = (read: RunField["read"]): RunField => ({ kind: "plain", read });
const time = (read: (run: RunNode) => number | null): RunField => ({
  kind: "time",
  read: (run) => read(run) ?? undefined,
});

const columns: Record<string, RunField> = {
  name: plain((run) => run.name),
  displayName: plain((run) => run.displayName),
  state: plain((run) => run.state),
  tags: { kind: "list", read: (run) => (run.tags && run.tags.length > 0 ? run.tags : undefined) },
  group: plain((run) => run.group),
  jobType: plain((run) => run.jobType),
  sweep: plain((run) => run.sweepName),
  username: plain((run) => run.user?.username),
  host: plain((run) => run.host),
  notes: plain((run) => run.notes),
  commit: plain((run) => run.commit),
  duration: plain((run) => run.runtimeSeconds),
  createdAt: time((run) => run.createdAtMs),
  heartbeatAt: time((run) => run.heartbeatAtMs),
  updatedAt: time((run) => run.updatedAtMs),
};

const aliases: Record<string, string> = {
  display_name: "displayName",
  job_type: "jobType",
  sweepName: "sweep",
  sweep_name: "sweep",
  created_at: "createdAt",
  heartbeat_at: "heartbeatAt",
  updated_at: "updatedAt",
};

const compiled = new Map<string, RunField>();

/** The field a path names; throws (a GraphQL error for the client) on one W&B would not know. */
export function runField(path: string): RunField {
  let field = compiled.get(path);
  if (!field) {
    field = compileField(path);
    compiled.set(path, field);
  }
  return field;
}

function compileField(path: string): RunField {
  const column = columns[aliases[path] ?? path];
  if (column) return column;
  const config = stripPrefix(path, "config.");
  if (config) {
    // The plain values answer the short form; the wrapped form answers `K.value...` (a plain
    // value has no `value` key below it, so the first read misses and the second finds it).
    return plain((run) => readKeyPath(run.configValues, config) ?? readKeyPath(run.wrappedConfig, config));
  }
  const summary = stripPrefix(path, "summary_metrics.") ?? stripPrefix(path, "summaryMetrics.");
  if (summary) return plain((run) => readKeyPath(run.summaryValues, summary));
  throw new Error(`unknown run field ${JSON.stringify(path)}`);
}

function stripPrefix(path: string, prefix: string): string | undefined {
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : undefined;
}
