// Sends field probes to a W&B GraphQL endpoint (the live server, or the mock in the unit test) and
// holds each answer to schema/: no GraphQL error, and every value the probe reached fits the
// field's type there (a null where schema/ says non-null, an Int64 sent as a string, an unknown
// enum value would each make the generated types lie).
import {
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
} from "graphql";
import { sleep } from "../../src/transport/abort.js";
import type { FieldProbe } from "./field-probes.js";

/** What the probes run against: a run of the live project, and keys it has. */
export interface ProbeTarget {
  entity: string;
  project: string;
  /** The run ID (GraphQL `Run.name`). */
  run: string;
  /** A top-level config key of the run, for the `config(keys:)` probes. */
  configKey: string;
  /** A top-level summary key of the run, for the `summaryMetrics(keys:)` probes. */
  summaryKey: string;
  /**
   * A version the run logged (in the run's project), for the artifact probes: its GraphQL id, its
   * collection name, its version alias (`v3`) and its artifact type (for the collections of a type).
   */
  artifact: { id: string; collection: string; alias: string; type: string };
  /**
   * A sweep ID of the project, for the `sweep(sweepName:)` probes. An unknown one answers null:
   * the query still proves every field exists (W&B validates it), but reaches no value.
   */
  sweep: string;
}

/**
 * A value for every variable the operations of queries/ declare, small enough that each probe
 * costs the server little: one run, one artifact per page, a few history rows. A new variable in
 * queries/ needs a value here; the unit test says so before any live run.
 */
export function probeVariables(target: ProbeTarget): Record<string, unknown> {
  return {
    entity: target.entity,
    project: target.project,
    run: target.run,
    filters: JSON.stringify({ name: { $in: [target.run] } }),
    order: "+created_at",
    first: 1,
    after: null,
    configKeys: [target.configKey],
    summaryKeys: [target.summaryKey],
    artifactPageSize: 1,
    historySamples: 3,
    historySpecs: [JSON.stringify({ keys: ["_step"], samples: 3 })],
    minStep: 0,
    maxStep: 3,
    samples: 3,
    last: 3,
    id: target.artifact.id,
    name: `${target.artifact.collection}:${target.artifact.alias}`,
    collection: target.artifact.collection,
    alias: target.artifact.alias,
    type: target.artifact.type,
    fileNames: null,
    names: null,
    pattern: null,
    eventsSamples: 3,
    sweepName: target.sweep,
  };
}

/** What came back for one probe. */
export interface ProbeResult {
  probe: FieldProbe;
  /** The server's GraphQL errors (validation or execution), or the HTTP failure. */
  errors: string[];
  /** Values that do not fit schema/. */
  problems: string[];
  /** How many values the probe reached (0 when the path ran through an empty list or a null). */
  values: number;
}

export interface ProbeEndpoint {
  /** `{baseUrl}/graphql`. */
  url: string;
  apiKey: string;
  signal?: AbortSignal | undefined;
}

const scalarChecks: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === "string",
  ID: (value) => typeof value === "string",
  Boolean: (value) => typeof value === "boolean",
  Int: (value) => Number.isInteger(value),
  Float: (value) => typeof value === "number",
  Int64: (value) => Number.isInteger(value),
  DateTime: (value) => typeof value === "string" && !Number.isNaN(Date.parse(value.slice(0, 19))),
  JSONString: (value) => typeof value === "string",
  JSON: () => true,
};

/** Why `value` does not fit `type`, one line per misfit; empty when it fits. */
export function typeProblems(value: unknown, type: GraphQLOutputType, at: string): string[] {
  if (value === null || value === undefined) {
    return isNonNullType(type) ? [`${at}: ${String(value)} where schema/ says ${String(type)}`] : [];
  }
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return [`${at}: ${JSON.stringify(value)} where schema/ says ${String(type)}`];
    return value.flatMap((item, i) => typeProblems(item, nullable.ofType, `${at}[${i}]`));
  }
  const named = getNamedType(nullable);
  const fits = isEnumType(named)
    ? named.getValues().some((enumValue) => enumValue.name === value)
    : isScalarType(named)
      ? (scalarChecks[named.name]?.(value) ?? false)
      : false;
  return fits ? [] : [`${at}: ${JSON.stringify(value)?.slice(0, 80)} does not fit ${String(type)}`];
}

interface Reached {
  value: unknown;
  /** Where, for messages: `data.project.runs.edges[0].node.id`. */
  at: string;
}

/** One step of a path: into every item of a list, then to `key`. */
function step(reached: Reached, key: string, last: boolean): Reached[] {
  const { value, at } = reached;
  if (Array.isArray(value))
    return value.flatMap((item, i) => step({ value: item, at: `${at}[${i}]` }, key, last));
  if (value === null || typeof value !== "object") return [];
  const next = (value as Record<string, unknown>)[key];
  // A leaf is kept even when absent or null, so a missing field shows up as a misfit; a null on
  // the way (no such run, no user) just ends that branch.
  return next === null && !last ? [] : [{ value: next, at: `${at}.${key}` }];
}

/** The values at `path` in `data`, through lists. */
function valuesAt(data: unknown, path: readonly string[]): Reached[] {
  let level: Reached[] = [{ value: data, at: "data" }];
  for (const [i, key] of path.entries())
    level = level.flatMap((reached) => step(reached, key, i === path.length - 1));
  return level;
}

const maxAttempts = 6;

/**
 * POSTs one query; retries 429 and 5xx (honouring `Retry-After`, at most 20 s) and dropped
 * connections, five times at most, so a rate limit does not read as schema drift.
 */
export async function postGraphQL(
  endpoint: ProbeEndpoint,
  body: { query: string; operationName: string; variables: Record<string, unknown> },
): Promise<{ status: number; json: { data?: unknown; errors?: Array<{ message?: unknown }> } | undefined }> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`api:${endpoint.apiKey}`).toString("base64")}`,
          "content-type": "application/json",
          "user-agent": "wandb-query-live-contract",
        },
        body: JSON.stringify(body),
        signal: AbortSignal.any([AbortSignal.timeout(30_000), ...(endpoint.signal ? [endpoint.signal] : [])]),
      });
    } catch (error) {
      if (attempt >= maxAttempts || endpoint.signal?.aborted) throw error;
    }
    const retryable = !response || response.status === 429 || response.status >= 500;
    if (response && (!retryable || attempt >= maxAttempts)) {
      const text = await response.text();
      try {
        return { status: response.status, json: JSON.parse(text) };
      } catch {
        return { status: response.status, json: undefined };
      }
    }
    const retryAfter = Number(response?.headers.get("retry-after"));
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** attempt;
    await sleep(Math.min(wait, 20_000), endpoint.signal);
  }
}

/** Sends one probe and holds its answer to schema/. */
export async function runProbe(
  endpoint: ProbeEndpoint,
  probe: FieldProbe,
  variables: Record<string, unknown>,
): Promise<ProbeResult> {
  const definition = probe.document.definitions[0];
  const operationName = definition?.kind === "OperationDefinition" ? (definition.name?.value ?? "") : "";
  const used = Object.fromEntries(probe.variables.map((name) => [name, variables[name]]));
  const { status, json } = await postGraphQL(endpoint, {
    query: print(probe.document),
    operationName,
    variables: used,
  });
  const errors = (json?.errors ?? []).map((error) => String(error.message));
  if (!json) errors.push(`HTTP ${status} without a JSON body`);
  else if (status !== 200 && errors.length === 0) errors.push(`HTTP ${status}`);
  const reached = errors.length === 0 ? valuesAt(json?.data, probe.path) : [];
  return {
    probe,
    errors,
    problems: reached.flatMap(({ value, at }) => typeProblems(value, probe.type, at)),
    values: reached.length,
  };
}

/** Sends the probes, `concurrency` at a time, in order. */
export async function runProbes(
  endpoint: ProbeEndpoint,
  probes: readonly FieldProbe[],
  variables: Record<string, unknown>,
  concurrency = 4,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(probes.length);
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const index = next++;
      results[index] = await runProbe(endpoint, probes[index] as FieldProbe, variables);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, probes.length) }, worker));
  return results;
}

/** One line per failed probe: its coordinate, its path, and what went wrong. */
export function describeFailures(results: readonly ProbeResult[]): string[] {
  return results
    .filter((result) => result.errors.length > 0 || result.problems.length > 0)
    .map(
      (result) =>
        `${result.probe.coordinate} at ${result.probe.path.join(".")}: ${[...result.errors, ...result.problems].join("; ")}`,
    );
}
