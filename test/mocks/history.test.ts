// The four history fetch modes of reference §4 and historyKeys.
import { describe, expect, it } from "vitest";
import { sampleEvenly } from "../../mocks/history.js";
import { mockHistory, mockRun } from "../../mocks/run-helpers.js";
import type { MockHistoryRow } from "../../mocks/types.js";
import { gql, parseJsonString, projectOf, useMsw } from "./support.js";

const msw = useMsw();

// 1,200 steps: loss on each, val/acc every 10 steps, a nested eval.f1 every 100, a NaN at step 7.
const longRows = mockHistory(1200, (step) => ({
  loss: step === 7 ? Number.NaN : 1 / (step + 1),
  "val/acc": step % 10 === 0 ? step / 1200 : undefined,
  eval: step % 100 === 0 ? { f1: step / 2400 } : undefined,
}));
const shuffled: MockHistoryRow[] = [
  { _step: 2, a: 1 },
  { _step: 0, a: 2 },
  { _step: 1, b: "x" },
];

msw.serve({
  runs: [
    mockRun({ id: "long", history: longRows }),
    mockRun({ id: "ten", history: mockHistory(10, (step) => ({ x: step })) }),
    mockRun({ id: "shuffled", history: shuffled }),
    mockRun({ id: "empty" }),
    mockRun({
      id: "typed",
      history: [
        { _step: 0, v: 1, media: { _type: "image-file", path: "a.png" }, tags: ["a"] },
        { _step: 1, v: "text", flag: true, none: null },
        { _step: 2, v: Number.POSITIVE_INFINITY },
      ],
    }),
  ],
});

async function runField<T>(run: string, selection: string): Promise<T> {
  const answer = await gql(
    `{ project(name: "vision", entityName: "acme") { run(name: "${run}") { ${selection} } } }`,
  );
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ run: T }>(answer).run;
}

async function historySteps(run: string, args: string): Promise<number[]> {
  const { history } = await runField<{ history: string[] }>(run, `history${args}`);
  return history.map((row) => (parseJsonString(row) as { _step: number })._step);
}

async function sampled(run: string, specs: unknown[]): Promise<unknown[]> {
  const answer = await gql(
    `query S($specs: [JSONString!]!) { project(name: "vision", entityName: "acme") { run(name: "${run}") { sampledHistory(specs: $specs) } } }`,
    { specs: specs.map((spec) => JSON.stringify(spec)) },
  );
  expect(answer.body.errors).toBeUndefined();
  return projectOf<{ run: { sampledHistory: unknown[] } }>(answer).run.sampledHistory;
}

describe("history(samples)", () => {
  it("samples at most 500 rows by default, spread evenly, keeping the first and the last", async () => {
    const steps = await historySteps("long", "");
    expect(steps).toHaveLength(500);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(1199);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(500);
  });

  it("takes samples as the cap", async () => {
    expect(await historySteps("ten", "(samples: 3)")).toEqual([0, 5, 9]);
    expect(await historySteps("ten", "(samples: 10)")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await historySteps("ten", "(samples: 50)")).toHaveLength(10);
    expect(await historySteps("ten", "(samples: 1)")).toEqual([0]);
    expect(await historySteps("ten", "(samples: 0)")).toEqual([]);
    expect(await historySteps("empty", "(samples: 5)")).toEqual([]);
  });

  it("serves rows sorted by _step and writes NaN as a bare token", async () => {
    expect(await historySteps("shuffled", "")).toEqual([0, 1, 2]);
    const { history } = await runField<{ history: string[] }>("long", "history(minStep: 7, maxStep: 8)");
    expect(history).toEqual(['{"_step": 7, "loss": NaN}']);
  });

  it("refuses a negative samples", async () => {
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") { run(name: "ten") { history(samples: -1) } } }`,
    );
    expect(answer.body.errors?.[0]?.message).toContain("samples must be a non-negative integer");
  });

  it("spreads picks evenly in the unit that does it", () => {
    expect(sampleEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toEqual([0, 5, 10]);
    expect(sampleEvenly([1, 2], 2)).toEqual([1, 2]);
  });
});

describe("history(minStep, maxStep, samples): exact pages", () => {
  it("returns minStep <= _step < maxStep: maxStep is exclusive", async () => {
    expect(await historySteps("ten", "(minStep: 2, maxStep: 5)")).toEqual([2, 3, 4]);
    expect(await historySteps("ten", "(minStep: 8)")).toEqual([8, 9]);
    expect(await historySteps("ten", "(maxStep: 2)")).toEqual([0, 1]);
  });

  it("takes samples as the page size, from the start of the range", async () => {
    expect(await historySteps("long", "(minStep: 100, maxStep: 1000, samples: 5)")).toEqual([
      100, 101, 102, 103, 104,
    ]);
  });

  it("pages join to every row exactly once", async () => {
    const all: number[] = [];
    for (let min = 0; min < 1200; min += 250) {
      all.push(...(await historySteps("long", `(minStep: ${min}, maxStep: ${min + 250}, samples: 250)`)));
    }
    expect(all).toEqual(Array.from({ length: 1200 }, (_, i) => i));
  });
});

describe("sampledHistory(specs)", () => {
  it("keeps only rows holding all of a spec's keys, and only those keys", async () => {
    const [rows] = (await sampled("long", [{ keys: ["_step", "val/acc"], samples: 1000 }])) as [unknown[]];
    expect(rows).toHaveLength(120);
    expect(rows[1]).toEqual({ _step: 10, "val/acc": 10 / 1200 });
    const [nested] = (await sampled("long", [{ keys: ["_step", "eval.f1", "val/acc"], samples: 100 }])) as [
      unknown[],
    ];
    expect(nested).toHaveLength(12);
    expect(nested[1]).toEqual({ _step: 100, "eval.f1": 100 / 2400, "val/acc": 100 / 1200 });
  });

  it("samples to at most n, first and last kept, and answers one list per spec", async () => {
    const [few, other] = (await sampled("long", [
      { keys: ["_step", "val/acc"], samples: 3 },
      { keys: ["loss"], samples: 2 },
    ])) as [Array<{ _step: number }>, unknown[]];
    expect(few.map((row) => row._step)).toEqual([0, 600, 1190]);
    expect(other).toEqual([{ loss: 1 }, { loss: 1 / 1200 }]);
  });

  it("treats maxStep as inclusive and minStep as inclusive", async () => {
    const [rows] = (await sampled("ten", [{ keys: ["_step"], samples: 100, minStep: 3, maxStep: 6 }])) as [
      unknown[],
    ];
    expect(rows).toEqual([{ _step: 3 }, { _step: 4 }, { _step: 5 }, { _step: 6 }]);
  });

  it("writes non-finite values as strings, since inline JSON must stay strict JSON", async () => {
    const [rows] = (await sampled("long", [
      { keys: ["_step", "loss"], samples: 1000, minStep: 7, maxStep: 7 },
    ])) as [unknown[]];
    expect(rows).toEqual([{ _step: 7, loss: "NaN" }]);
  });

  it("refuses a spec without keys", async () => {
    const answer = await gql(
      `{ project(name: "vision", entityName: "acme") { run(name: "ten") { sampledHistory(specs: ["{\\"samples\\": 3}"]) } } }`,
    );
    expect(answer.body.errors?.[0]?.message).toContain('needs "keys"');
  });
});

describe("historyKeys and friends", () => {
  it("reports lastStep and each flattened key's type counts and last value", async () => {
    const { historyKeys, historyLineCount } = await runField<{
      historyKeys: unknown;
      historyLineCount: number;
    }>("long", "historyKeys historyLineCount");
    expect(historyLineCount).toBe(1200);
    expect(historyKeys).toEqual({
      lastStep: 1199,
      keys: {
        _step: { typeCounts: [{ type: "number", count: 1200 }], previousValue: 1199, monotonic: true },
        loss: { typeCounts: [{ type: "number", count: 1200 }], previousValue: 1 / 1200 },
        "val/acc": { typeCounts: [{ type: "number", count: 120 }], previousValue: 1190 / 1200 },
        "eval.f1": { typeCounts: [{ type: "number", count: 12 }], previousValue: 1100 / 2400 },
      },
    });
  });

  it("counts each type a key took, media under its _type", async () => {
    const { historyKeys } = await runField<{ historyKeys: { keys: Record<string, unknown> } }>(
      "typed",
      "historyKeys",
    );
    expect(historyKeys.keys.v).toEqual({
      typeCounts: [
        { type: "number", count: 2 },
        { type: "string", count: 1 },
      ],
      previousValue: "Infinity",
    });
    expect(historyKeys.keys.media).toEqual({
      typeCounts: [{ type: "image-file", count: 1 }],
      previousValue: { _type: "image-file", path: "a.png" },
    });
    expect(historyKeys.keys.tags).toMatchObject({ typeCounts: [{ type: "list", count: 1 }] });
    expect(historyKeys.keys.flag).toMatchObject({ typeCounts: [{ type: "bool", count: 1 }] });
    expect(historyKeys.keys.none).toMatchObject({ typeCounts: [{ type: "nil", count: 1 }] });
  });

  it("is null for a run without history", async () => {
    expect(await runField("empty", "historyKeys historyLineCount history")).toEqual({
      historyKeys: null,
      historyLineCount: 0,
      history: [],
    });
  });

  it("answers parquetHistory with every row live (only the liveKeys, as W&B) and events with none", async () => {
    expect(
      await runField("shuffled", 'parquetHistory(liveKeys: ["_step"]) { parquetUrls liveData } events'),
    ).toEqual({
      parquetHistory: {
        parquetUrls: [],
        liveData: [{ _step: 0 }, { _step: 1 }, { _step: 2 }],
      },
      events: [],
    });
  });
});
