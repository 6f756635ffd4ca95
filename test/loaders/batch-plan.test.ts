// The planner on plain data, no server: which loads go out together, and what each request asks.
import { getVariableValues, type OperationDefinitionNode, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { batchDocument, batchVariables } from "../../src/loaders/batch-document.js";
import {
  addLoad,
  type Chunk,
  coverageOf,
  emptyWaiting,
  isWaiting,
  type Load,
  packSlices,
  partVariables,
  takeRequests,
} from "../../src/loaders/batch-plan.js";
import { type Coverage, covers, type Need } from "../../src/loaders/field-groups.js";
import { loadSchema } from "../helpers/schema.js";

function handle(project: string, id: string) {
  return { entity: "acme", project, id, path: `acme/${project}/${id}` };
}

function load(project: string, id: string, need: Need = { group: "light" }): Load & { settled: boolean } {
  return { run: handle(project, id), need, signal: undefined, settled: false };
}

/** Loads for `count` runs of `project`, ids `${prefix}0`, `${prefix}1`, … */
function runsOf(project: string, count: number, need?: Need): Load[] {
  return Array.from({ length: count }, (_, index) => load(project, `${project[0]}${index}`, need));
}

/** What each request carries: per chunk, `project:runs`. */
function shape(requests: ReturnType<typeof takeRequests>): string[][] {
  return requests.map((request) => request.map((chunk) => `${chunk.project}:${chunk.runs.length}`));
}

function plan(loads: readonly Load[], maxRequests: number, maxBatchSize = 50) {
  const waiting = emptyWaiting();
  for (const each of loads) addLoad(waiting, each);
  return { waiting, requests: takeRequests(waiting, { maxBatchSize, maxRequests }) };
}

describe("takeRequests", () => {
  it.each([
    {
      name: "30 + 15 runs of two projects share 1 request",
      vision: 30,
      nlp: 15,
      expected: [["vision:30", "nlp:15"]],
    },
    {
      name: "60 + 40 runs fill 2 requests",
      vision: 60,
      nlp: 40,
      expected: [["vision:50"], ["nlp:40", "vision:10"]],
    },
    {
      name: "120 runs of one project cost 3",
      vision: 120,
      nlp: 0,
      expected: [["vision:50"], ["vision:50"], ["vision:20"]],
    },
    { name: "one run costs 1", vision: 1, nlp: 0, expected: [["vision:1"]] },
  ])("$name", ({ vision, nlp, expected }) => {
    const { requests, waiting } = plan([...runsOf("vision", vision), ...runsOf("nlp", nlp)], 6);
    expect(shape(requests)).toEqual(expected);
    expect(isWaiting(waiting)).toBe(false);
  });

  it("hands out no more requests than slots; the rest waits and goes out next, oldest first", () => {
    const { waiting, requests } = plan(runsOf("vision", 120), 1);
    expect(shape(requests)).toEqual([["vision:50"]]);
    expect(requests[0]?.[0]?.runs[0]?.run.id).toBe("v0");
    const second = takeRequests(waiting, { maxBatchSize: 50, maxRequests: 1 });
    expect(second[0]?.[0]?.runs[0]?.run.id).toBe("v50");
    expect(shape(takeRequests(waiting, { maxBatchSize: 50, maxRequests: 6 }))).toEqual([["vision:20"]]);
    expect(isWaiting(waiting)).toBe(false);
  });

  it("with one slot, the project whose loads came first goes first", () => {
    const { requests, waiting } = plan([...runsOf("nlp", 50), ...runsOf("vision", 50)], 1);
    expect(shape(requests)).toEqual([["nlp:50"]]);
    expect(shape(takeRequests(waiting, { maxBatchSize: 50, maxRequests: 1 }))).toEqual([["vision:50"]]);
  });

  it("a run asked for several times is one run with every load", () => {
    const loads = [
      load("vision", "a", { group: "config", keys: undefined }),
      load("vision", "a", { group: "summary", keys: ["acc"] }),
      load("vision", "a", { group: "light" }),
    ];
    const { requests } = plan(loads, 6);
    expect(shape(requests)).toEqual([["vision:1"]]);
    expect(requests[0]?.[0]?.runs[0]?.loads).toHaveLength(3);
  });

  it("drops settled loads, and runs left with none", () => {
    const loads = runsOf("vision", 3);
    for (const each of loads.slice(0, 2)) (each as { settled: boolean }).settled = true;
    const extra = load("vision", "v2", { group: "config", keys: undefined });
    (extra as { settled: boolean }).settled = true;
    const { requests, waiting } = plan([...loads, extra], 6);
    expect(shape(requests)).toEqual([["vision:1"]]);
    expect(requests[0]?.[0]?.coverage).toEqual({ light: true });
    expect(isWaiting(waiting)).toBe(false);
    expect(plan(loads.slice(0, 2), 6).requests).toEqual([]);
  });

  it.each<{ name: string; needs: Need[]; parts: Array<Array<Need["group"]>> }>([
    {
      name: "loads without a cap ride with the run's first part",
      needs: [
        { group: "config", keys: undefined },
        { group: "history", request: { keys: undefined, samples: 100 } },
        { group: "notes" },
      ],
      parts: [["config", "history", "notes"]],
    },
    {
      name: "two caps of server-sampled history make two parts: history(samples:) is one field",
      needs: [
        { group: "history", request: { keys: undefined, samples: 100 } },
        { group: "history", request: { keys: undefined, samples: 500 } },
        { group: "history", request: { keys: ["loss"], samples: 500 } },
      ],
      parts: [["history", "history"], ["history"]],
    },
    {
      name: "a cap of each capped field shares one part",
      needs: [
        { group: "events", samples: 50 },
        { group: "history", request: { keys: undefined, samples: 100 } },
        { group: "events", samples: 20 },
        { group: "light" },
      ],
      parts: [["events", "history", "light"], ["events"]],
    },
  ])("$name", ({ needs, parts }) => {
    const { requests, waiting } = plan(
      needs.map((need) => load("vision", "a", need)),
      6,
    );
    // One request still: each part is an aliased copy of the selection.
    expect(requests).toHaveLength(1);
    const groups = requests[0]?.map((chunk) => chunk.runs[0]?.loads.map((each) => each.need.group));
    expect(groups).toEqual(parts);
    expect(isWaiting(waiting)).toBe(false);
  });

  it("a run split in parts leaves what was not taken waiting", () => {
    const waiting = emptyWaiting();
    for (const need of [
      { group: "history", request: { keys: undefined, samples: 100 } },
      { group: "history", request: { keys: undefined, samples: 500 } },
    ] as Need[])
      addLoad(waiting, load("vision", "a", need));
    for (let index = 0; index < 49; index++) {
      addLoad(
        waiting,
        load("vision", `b${index}`, { group: "history", request: { keys: undefined, samples: 100 } }),
      );
    }
    // 50 runs in the part with the cap 100 fill a request; the part with 500 waits for a slot.
    const first = takeRequests(waiting, { maxBatchSize: 50, maxRequests: 1 });
    expect(shape(first)).toEqual([["vision:50"]]);
    const second = takeRequests(waiting, { maxBatchSize: 50, maxRequests: 1 });
    expect(second[0]?.[0]?.coverage.history?.plainSamples).toBe(500);
    expect(isWaiting(waiting)).toBe(false);
  });
});

describe("packSlices", () => {
  it.each([
    { sizes: [50, 10, 40], max: 50, expected: [[50], [40, 10]] },
    { sizes: [30, 15], max: 50, expected: [[30, 15]] },
    { sizes: [20, 20, 20], max: 50, expected: [[20, 20], [20]] },
    { sizes: [], max: 50, expected: [] },
  ])("packs $sizes into $expected", ({ sizes, max, expected }) => {
    const slices = sizes.map((size) => ({ runs: Array.from({ length: size }) }));
    const packed = packSlices(slices, max, (slice) => slice.runs.length);
    expect(packed.map((request) => request.map((slice) => slice.runs.length))).toEqual(expected);
  });
});

describe("coverageOf and covers", () => {
  const coverage = (...needs: Need[]): Coverage =>
    coverageOf([
      { run: handle("vision", "a"), arrival: 0, loads: needs.map((need) => load("vision", "a", need)) },
    ]);

  it.each<{ name: string; needs: Need[]; expected: Coverage }>([
    { name: "light", needs: [{ group: "light" }], expected: { light: true } },
    {
      name: "keys are united",
      needs: [
        { group: "config", keys: ["lr"] },
        { group: "config", keys: ["batch"] },
      ],
      expected: { config: new Set(["lr", "batch"]) },
    },
    {
      name: "a whole-object ask wins over keys",
      needs: [
        { group: "summary", keys: ["acc"] },
        { group: "summary", keys: undefined },
      ],
      expected: { summary: true },
    },
    {
      name: "history keys become one spec each",
      needs: [{ group: "history", request: { keys: ["loss", "acc"], samples: 10 } }],
      expected: {
        history: {
          plainSamples: undefined,
          specs: new Map([
            ["10|loss", { key: "loss", samples: 10 }],
            ["10|acc", { key: "acc", samples: 10 }],
          ]),
        },
      },
    },
    { name: "artifacts", needs: [{ group: "inputArtifacts" }], expected: { inputArtifacts: true } },
  ])("$name", ({ needs, expected }) => {
    expect(coverage(...needs)).toEqual(expected);
  });

  it.each<{ asked: Need[]; need: Need; answered: boolean }>([
    {
      asked: [{ group: "config", keys: undefined }],
      need: { group: "config", keys: ["lr"] },
      answered: true,
    },
    { asked: [{ group: "config", keys: ["lr"] }], need: { group: "config", keys: ["lr"] }, answered: true },
    {
      asked: [{ group: "config", keys: ["lr"] }],
      need: { group: "config", keys: ["lr", "x"] },
      answered: false,
    },
    {
      asked: [{ group: "config", keys: ["lr"] }],
      need: { group: "config", keys: undefined },
      answered: false,
    },
    {
      asked: [{ group: "config", keys: undefined }],
      need: { group: "summary", keys: undefined },
      answered: false,
    },
    {
      asked: [{ group: "history", request: { keys: ["a", "b"], samples: 10 } }],
      need: { group: "history", request: { keys: ["b"], samples: 10 } },
      answered: true,
    },
    {
      asked: [{ group: "history", request: { keys: ["a"], samples: 10 } }],
      need: { group: "history", request: { keys: ["a"], samples: 20 } },
      answered: false,
    },
    {
      asked: [{ group: "history", request: { keys: undefined, samples: 10 } }],
      need: { group: "history", request: { keys: undefined, samples: 10 } },
      answered: true,
    },
    { asked: [{ group: "light" }], need: { group: "outputArtifacts" }, answered: false },
  ])("a request asking $asked answers $need: $answered", ({ asked, need, answered }) => {
    expect(covers(coverage(...asked), need)).toBe(answered);
  });
});

describe("partVariables", () => {
  it("switches on what the chunk asks, keys sorted, names in the filter", () => {
    const chunk: Chunk = {
      entity: "acme",
      project: "vision",
      runs: [
        { run: handle("vision", "b"), arrival: 0, loads: [] },
        { run: handle("vision", "a"), arrival: 1, loads: [] },
      ],
      coverage: { config: new Set(["z", "a"]), summary: true, outputArtifacts: true },
    };
    expect(partVariables(chunk, "cursor-1")).toEqual({
      entity: "acme",
      project: "vision",
      filters: JSON.stringify({ name: { $in: ["b", "a"] } }),
      first: 2,
      after: "cursor-1",
      artifactPageSize: 100,
      withLight: false,
      withConfig: false,
      withConfigKeys: true,
      configKeys: ["a", "z"],
      withSummary: true,
      withSummaryKeys: false,
      summaryKeys: null,
      withOutputArtifacts: true,
      withInputArtifacts: false,
      withHistory: false,
      historySamples: null,
      withSampledHistory: false,
      historySpecs: [],
      withNotes: false,
      withSystemMetrics: false,
      withHistoryKeys: false,
      withEvents: false,
      eventsSamples: null,
    });
  });
});

// Every document the planner can produce: each set of field groups (whole or projected objects,
// both history modes), in requests of one to three project parts, validated against schema/ with
// its variables coerced, as W&B would before running any of it.
describe("every batch document the planner can build", () => {
  const schema = loadSchema();
  const choices: Need[][] = [
    [{ group: "light" }],
    [{ group: "config", keys: undefined }],
    [{ group: "config", keys: ["lr"] }],
    [{ group: "summary", keys: undefined }],
    [{ group: "summary", keys: ["acc", "loss"] }],
    [{ group: "outputArtifacts" }],
    [{ group: "inputArtifacts" }],
    [{ group: "history", request: { keys: undefined, samples: 100 } }],
    [{ group: "history", request: { keys: ["loss"], samples: 100 } }],
    [{ group: "notes" }, { group: "systemMetrics" }, { group: "historyKeys" }],
    [{ group: "events", samples: 50 }],
    [
      { group: "history", request: { keys: undefined, samples: 20 } },
      { group: "events", samples: 10 },
    ],
  ];
  const mixes: Need[][] = [];
  for (let mask = 1; mask < 1 << choices.length; mask++) {
    mixes.push(choices.flatMap((needs, index) => (mask & (1 << index) ? needs : [])));
  }

  // The document depends only on how many parts it carries; the variables on everything else.
  const validated = new Set<number>();
  it.each([1, 2, 3])("with %i project(s)", (parts) => {
    let checked = 0;
    for (const needs of mixes) {
      const loads = Array.from({ length: parts }, (_, part) =>
        needs.map((need) => load(`project${part}`, "r1", need)),
      ).flat();
      const { requests } = plan(loads, 6);
      for (const request of requests) {
        const document = batchDocument(request.length);
        if (!validated.has(request.length)) {
          expect(validate(schema, document)).toEqual([]);
          validated.add(request.length);
        }
        const operation = document.definitions[0] as OperationDefinitionNode;
        const variables = batchVariables(request.map((chunk) => partVariables(chunk, null)));
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
        expect(coerced.errors).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(mixes.length);
  });
});
