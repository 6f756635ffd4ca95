/**
 * The two baselines of the batching benchmark, with plain `fetch` against the same server. Both
 * parse what they receive as the SDK does (JSON.parse of the body, then the tolerant parser on
 * config, summary and artifact metadata), so the comparison is of requests, not of skipped work.
 */
import { type JsonValue, parseTolerantJson } from "../../src/wire/json.js";
import { perOperationQueries, pythonLoggedArtifactsQuery, pythonRunQuery } from "./baseline-queries.js";
import { runPool } from "./pool.js";
import { postGraphQL, type RawEndpoint } from "./raw-graphql.js";

/** What the baselines read of each run, to check they did the work. */
export interface BaselineTally {
  configs: number;
  summaries: number;
  users: number;
  artifacts: number;
}

interface RunAnswer {
  project: {
    run: {
      config?: string | null;
      summaryMetrics?: string | null;
      user?: { username: string | null } | null;
      artifacts?: ArtifactPage | null;
      outputArtifacts?: ArtifactPage | null;
    } | null;
  } | null;
}

interface ArtifactPage {
  edges: Array<{ node: { metadata: string | null } | null }>;
}

/** W&B's Python client keeps at most this many API requests in flight (reference §8). */
export const pythonConcurrency = 10;

/** Every baseline round must finish in this long. */
const roundDeadlineMs = 120_000;

function runOf(answer: RunAnswer, name: string): NonNullable<NonNullable<RunAnswer["project"]>["run"]> {
  const run = answer.project?.run;
  if (!run) throw new Error(`baseline: run ${name} not found`);
  return run;
}

function tallyRun(run: ReturnType<typeof runOf>, tally: BaselineTally): void {
  if (run.config !== undefined) {
    if (parseTolerantJson(run.config ?? "{}") !== null) tally.configs++;
  }
  if (run.summaryMetrics !== undefined) {
    if (parseTolerantJson(run.summaryMetrics ?? "{}", { specialStrings: true }) !== null) tally.summaries++;
  }
  if (run.user?.username) tally.users++;
  for (const page of [run.artifacts, run.outputArtifacts]) {
    for (const edge of page?.edges ?? []) {
      const metadata: JsonValue = parseTolerantJson(edge.node?.metadata ?? "{}");
      if (metadata !== null) tally.artifacts++;
    }
  }
}

function emptyTally(): BaselineTally {
  return { configs: 0, summaries: 0, users: 0, artifacts: 0 };
}

/** Posts `perRun` requests for each run, 10 in flight, and tallies what the answers held. */
async function eachRequest(
  names: readonly string[],
  perRun: number,
  post: (name: string, slot: number) => Promise<RunAnswer>,
): Promise<BaselineTally> {
  const tally = emptyTally();
  await runPool(
    names.length * perRun,
    pythonConcurrency,
    async (index) => {
      const name = names[Math.floor(index / perRun)] as string;
      tallyRun(runOf(await post(name, index % perRun), name), tally);
    },
    roundDeadlineMs,
  );
  return tally;
}

/**
 * (a) W&B's Python client: per run one request for its full fields and one for its logged
 * artifacts, 10 requests in flight.
 */
export function pythonPattern(
  endpoint: RawEndpoint,
  entity: string,
  project: string,
  names: readonly string[],
): Promise<BaselineTally> {
  return eachRequest(names, 2, (name, slot) => {
    const variables = { entity, project, name };
    return slot === 0
      ? postGraphQL<RunAnswer>(endpoint, "Run", pythonRunQuery, variables)
      : postGraphQL<RunAnswer>(endpoint, "RunOutputArtifacts", pythonLoggedArtifactsQuery, {
          ...variables,
          cursor: null,
          perPage: 100,
        });
  });
}

const operations = Object.entries(perOperationQueries);

/** (b) One request per operation per run (four per run), 10 requests in flight. */
export function perOperationPattern(
  endpoint: RawEndpoint,
  entity: string,
  project: string,
  names: readonly string[],
): Promise<BaselineTally> {
  return eachRequest(names, operations.length, (name, slot) => {
    const [operationName, query] = operations[slot] as [string, string];
    return postGraphQL<RunAnswer>(endpoint, operationName, query, { entity, project, name });
  });
}
