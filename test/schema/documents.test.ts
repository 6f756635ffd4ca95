// Every document the SDK can send, proven valid against schema/ with its variables coerced, as W&B
// validates a whole request before it runs any of it (@include values are not looked at): the
// batch document for every number of project parts, each combination of field groups,
// projections, history modes and artifact directions the loader can put in one request, the pages
// after the first, listings, counts and the viewer. The requests are the loader's own: a client
// whose fetch records each body before the fake W&B answers it.
import { readdirSync, readFileSync } from "node:fs";
import { type DefinitionNode, Kind, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { createMockCore } from "../../mocks/graphql-core.js";
import { mockHistory, mockRun } from "../../mocks/run-helpers.js";
import type { MockArtifact, MockRun } from "../../mocks/types.js";
import {
  createClient,
  type Run,
  runConfig,
  runHistory,
  runHistoryKeys,
  runLoggedArtifactVersions,
  runName,
  runNotes,
  runSummary,
  runSweep,
  runSystemHistory,
  runSystemMetrics,
  runUsedArtifactVersions,
  scanRunHistory,
  type WandbClient,
} from "../../src/index.js";
import { batchDocument } from "../../src/loaders/batch-document.js";
import { documentProblems, loadSchema, requestBodyProblems } from "../helpers/schema.js";

const schema = loadSchema();
const maxBatchSize = 50;

const versions = (count: number, name: string): MockArtifact[] =>
  Array.from({ length: count }, (_, version) => ({
    name,
    type: "dataset",
    version,
    usedAs: [`${name}-${version}`],
  }));

/** One run in each of 50 projects, one with more artifact versions than a page holds, one in a sweep. */
const runs: MockRun[] = [
  ...Array.from({ length: maxBatchSize }, (_, i) =>
    mockRun({
      project: `p${i}`,
      id: "r1",
      config: { lr: 0.1, depth: 3 },
      summary: { acc: 0.9, loss: 0.1 },
      history: mockHistory(5, (step) => ({ loss: 1 / (step + 1), acc: step / 5 })),
      loggedArtifacts: versions(2, "model"),
      usedArtifacts: versions(2, "data"),
    }),
  ),
  mockRun({
    project: "p0",
    id: "many",
    loggedArtifacts: versions(101, "out"),
    usedArtifacts: versions(101, "in"),
  }),
  mockRun({ project: "p0", id: "swept", sweepName: "k3j2h1g0" }),
];

const core = createMockCore(
  { runs, sweeps: [{ entity: "acme", project: "p0", name: "k3j2h1g0" }] },
  { runs: () => [], sweeps: () => [] },
  "https://files.test",
);

/** A client whose every request body is kept, answered by the fake W&B over `runs`. */
function recordingClient(bodies: string[]): WandbClient {
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const bodyText = String(init?.body ?? "");
    bodies.push(bodyText);
    const headers = new Headers(init?.headers);
    const answer = core.handle({
      method: init?.method ?? "GET",
      header: (name) => headers.get(name) ?? undefined,
      bodyText,
      origin: "https://api.wandb.ai",
    });
    if (answer.kind === "drop") throw new TypeError("fetch failed");
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return createClient({ apiKey: "k".repeat(40), fetch, retry: false, maxBatchSize });
}

type Projection = "none" | "whole" | "keys" | "both";
type HistoryMode = "none" | "sampled" | "keyed" | "both";

/** What one run is asked for in one tick: a load of each field group the loader knows. */
interface Combination {
  light: boolean;
  config: Projection;
  summary: Exclude<Projection, "both">;
  logged: boolean;
  used: boolean;
  history: HistoryMode;
  /** The rest of a run: notes, system metrics and their history, history keys. */
  extras: boolean;
}

const combinations: Combination[] = [];
for (const light of [false, true])
  for (const config of ["none", "whole", "keys", "both"] as const)
    for (const summary of ["none", "whole", "keys"] as const)
      for (const logged of [false, true])
        for (const used of [false, true])
          for (const history of ["none", "sampled", "keyed", "both"] as const)
            for (const extras of [false, true])
              combinations.push({ light, config, summary, logged, used, history, extras });

/** Starts the loads of `combination` on `run`, all in this tick. */
function ask(run: Run, combination: Combination): Array<Promise<unknown>> {
  const calls: Array<Promise<unknown>> = [];
  if (combination.light) calls.push(runName(run));
  if (combination.config === "whole" || combination.config === "both") calls.push(runConfig(run));
  if (combination.config === "keys" || combination.config === "both")
    calls.push(runConfig(run, { keys: ["lr"] }));
  if (combination.summary === "whole") calls.push(runSummary(run));
  if (combination.summary === "keys") calls.push(runSummary(run, { keys: ["acc", "loss"] }));
  if (combination.logged) calls.push(runLoggedArtifactVersions(run));
  if (combination.used) calls.push(runUsedArtifactVersions(run));
  if (combination.history === "sampled" || combination.history === "both")
    calls.push(runHistory(run, { samples: 3 }));
  if (combination.history === "keyed" || combination.history === "both") {
    calls.push(runHistory(run, { keys: ["loss", "acc"] }));
  }
  if (combination.extras) {
    calls.push(
      runNotes(run),
      runSystemMetrics(run),
      runSystemHistory(run, { samples: 3 }),
      runHistoryKeys(run),
    );
  }
  return calls;
}

const isNotEmpty = (combination: Combination) =>
  combination.light ||
  combination.config !== "none" ||
  combination.summary !== "none" ||
  combination.logged ||
  combination.used ||
  combination.history !== "none" ||
  combination.extras;

/** The project parts of a recorded batch request (`project` alone, or `p0` … `pN`). */
function partsOf(bodyText: string): number {
  const { query } = JSON.parse(bodyText) as { query: string };
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections.length : 0;
}

const operationOf = (bodyText: string) => (JSON.parse(bodyText) as { operationName: string }).operationName;

describe("every document the SDK can send is valid against schema/", () => {
  it("the batch document for 1 to maxBatchSize project parts", () => {
    for (let parts = 1; parts <= maxBatchSize; parts++) {
      expect({ parts, errors: validate(schema, batchDocument(parts)).map((e) => e.message) }).toEqual({
        parts,
        errors: [],
      });
    }
  });

  it("every operation of queries/, with the fragments it spreads", () => {
    const files = readdirSync(new URL("../../queries/", import.meta.url)).filter((f) =>
      f.endsWith(".graphql"),
    );
    const definitions: DefinitionNode[] = files.flatMap(
      (file) => parse(readFileSync(new URL(`../../queries/${file}`, import.meta.url), "utf8")).definitions,
    );
    const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThanOrEqual(7);
    for (const operation of operations) {
      // Each operation alone with every fragment: unused fragments are allowed only here.
      const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] })
        .map((e) => e.message)
        .filter((message) => !/^Fragment ".+" is never used\.$/.test(message));
      expect({ operation: operation.name?.value, errors }).toEqual({
        operation: operation.name?.value,
        errors: [],
      });
    }
  });

  it(`each of ${combinations.length} combinations of field groups in one request, for one run and for runs of 2 and 3 projects`, async () => {
    const bodies: string[] = [];
    for (const projects of [1, 2, 3]) {
      for (const [index, combination] of combinations.entries()) {
        // Every combination for one project; every other one across several, to bound the time.
        if (!isNotEmpty(combination) || (projects > 1 && index % 2 === 1)) continue;
        const wb = recordingClient(bodies);
        // Each project's run gets its own mix, so parts of one request differ.
        const calls = Array.from({ length: projects }, (_, p) =>
          ask(
            wb.run(`acme/p${p}/r1`),
            p === 0
              ? combination
              : (combinations[(index * 7 + p * 101) % combinations.length] as Combination),
          ),
        ).flat();
        await Promise.all(calls);
      }
    }
    const batches = bodies.filter((body) => operationOf(body) === "RunsByName");
    expect([...new Set(batches.map(partsOf))].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    const problems = [...new Set(bodies)].flatMap((body) =>
      requestBodyProblems(schema, body).map((problem) => `${problem} in ${body.slice(0, 200)}`),
    );
    expect(problems).toEqual([]);
    // Whole and projected config, summary and history requests all went out.
    const variables = batches.map(
      (body) => (JSON.parse(body) as { variables: Record<string, unknown> }).variables,
    );
    for (const flag of [
      "withConfig",
      "withConfigKeys",
      "withSummaryKeys",
      "withSampledHistory",
      "withHistory",
      "withInputArtifacts",
      "withNotes",
      "withSystemMetrics",
      "withHistoryKeys",
      "withEvents",
    ]) {
      expect(variables.some((v) => v[flag] === true || v[`${flag}_1`] === true)).toBe(true);
    }
  });

  it("a request of maxBatchSize projects' parts", async () => {
    const bodies: string[] = [];
    const wb = recordingClient(bodies);
    await Promise.all(
      Array.from({ length: maxBatchSize }, (_, p) => [
        runConfig(wb.run(`acme/p${p}/r1`), { keys: ["lr"] }),
        runUsedArtifactVersions(wb.run(`acme/p${p}/r1`)),
      ]).flat(),
    );
    expect(bodies.map(partsOf)).toEqual([maxBatchSize]);
    expect(requestBodyProblems(schema, bodies[0] as string)).toEqual([]);
  });

  it("the pages after the first, listings, counts, history scans, sweeps and the viewer", async () => {
    const bodies: string[] = [];
    const wb = recordingClient(bodies);
    const many = wb.run("acme/p0/many");
    expect(await runLoggedArtifactVersions(many)).toHaveLength(101);
    expect(await runUsedArtifactVersions(many)).toHaveLength(101);
    const listing = wb.runs("acme/p0", { filters: { state: "finished" }, order: "-created_at", pageSize: 1 });
    expect(await listing.toArray()).toHaveLength(3);
    expect(await listing.count()).toBe(3);
    const rows = [];
    for await (const row of scanRunHistory(wb.run("acme/p1/r1"), { pageSize: 2, keys: ["loss"] }))
      rows.push(row);
    expect(rows).toHaveLength(5);
    await wb.viewer();
    expect((await runSweep(wb.run("acme/p0/swept")))?.name).toBe("k3j2h1g0");
    const operations = new Set(bodies.map(operationOf));
    expect([...operations].sort()).toEqual([
      "ListRuns",
      "RunCount",
      "RunHistoryPage",
      "RunInputArtifacts",
      "RunOutputArtifacts",
      "RunParquetHistory",
      "RunsByName",
      "SweepByName",
      "Viewer",
    ]);
    for (const body of bodies)
      expect({ body, problems: requestBodyProblems(schema, body) }).toEqual({ body, problems: [] });
  });

  it("finds a document that selects a field the schema lacks, and variables that do not coerce", () => {
    const drifted = parse("query Drifted($run: String!) { project { run(name: $run) { notAField } } }");
    expect(documentProblems(schema, drifted, { run: "r1" })).toEqual([
      'Cannot query field "notAField" on type "Run".',
    ]);
    const valid = parse("query Valid($run: String!) { project { run(name: $run) { name } } }");
    expect(documentProblems(schema, valid, { run: 3 })).toEqual([
      'Variable "$run" got invalid value 3; String cannot represent a non string value: 3',
    ]);
    expect(documentProblems(schema, valid, {})).toEqual([
      'Variable "$run" of required type "String!" was not provided.',
    ]);
  });
});
