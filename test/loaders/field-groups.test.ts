// The field-group table on plain values: what the cache answers, and when it must ask again.
import { describe, expect, it } from "vitest";
import { type Need, specOf } from "../../src/loaders/field-groups.js";

const row = (step: number, values: Record<string, number>) => ({ _step: step, ...values });

describe("answers from what is known", () => {
  const history = {
    plain: new Map([[100, [row(0, { loss: 2 }), row(1, { loss: 1 })]]]),
    specs: new Map([
      ["10|loss", [row(0, { loss: 2 }), row(2, { loss: 1 })]],
      ["10|acc", [row(2, { acc: 0.5 })]],
    ]),
  };
  const projected = { full: false, keys: new Set(["lr", "absent"]), value: { lr: 0.1 } };

  it.each<{ name: string; known: unknown; need: Need; answer: unknown }>([
    {
      name: "server-sampled history of a cap fetched",
      known: history,
      need: { group: "history", request: { keys: undefined, samples: 100 } },
      answer: [row(0, { loss: 2 }), row(1, { loss: 1 })],
    },
    {
      name: "nothing for a cap not fetched (ask again)",
      known: history,
      need: { group: "history", request: { keys: undefined, samples: 200 } },
      answer: undefined,
    },
    {
      name: "keys joined into rows that hold any of them",
      known: history,
      need: { group: "history", request: { keys: ["loss", "acc"], samples: 10 } },
      answer: [row(0, { loss: 2 }), row(2, { loss: 1, acc: 0.5 })],
    },
    {
      name: "a subset of the keys fetched",
      known: history,
      need: { group: "history", request: { keys: ["acc"], samples: 10 } },
      answer: [row(2, { acc: 0.5 })],
    },
    {
      name: "nothing for a key not fetched",
      known: history,
      need: { group: "history", request: { keys: ["acc", "lr"], samples: 10 } },
      answer: undefined,
    },
    {
      name: "projected keys fetched",
      known: projected,
      need: { group: "config", keys: ["lr"] },
      answer: { lr: 0.1 },
    },
    { name: "a key known absent", known: projected, need: { group: "config", keys: ["absent"] }, answer: {} },
    {
      name: "nothing for the whole object",
      known: projected,
      need: { group: "config", keys: undefined },
      answer: undefined,
    },
    {
      name: "events of a cap fetched",
      known: new Map([[5, [{ _timestamp: 1 }]]]),
      need: { group: "events", samples: 5 },
      answer: [{ _timestamp: 1 }],
    },
    {
      name: "nothing for events of another cap",
      known: new Map([[5, []]]),
      need: { group: "events", samples: 6 },
      answer: undefined,
    },
  ])("$name", ({ known, need, answer }) => {
    expect(specOf(need.group).answer(known, need)).toEqual(answer);
  });

  it("hands out rows the caller may change without changing what is known", () => {
    const need: Need = { group: "history", request: { keys: ["loss"], samples: 10 } };
    const rows = specOf("history").answer(history, need) as Array<Record<string, number>>;
    (rows[0] as Record<string, number>).loss = 99;
    expect(history.specs.get("10|loss")?.[0]).toEqual(row(0, { loss: 2 }));
  });
});
