// The page guard on plain cursor sequences: which page of a hostile listing ends it, and why.
import { describe, expect, it } from "vitest";
import { WandbResponseError } from "../../src/index.js";
import { ceilingFor, fruitlessPageLimit, PageGuard } from "../../src/loaders/paging.js";

/**
 * Feeds `pages` (each the cursor it gives and how many new items it brought) to a guard; returns
 * how many pages passed and the error that stopped them, if any.
 */
function walk(pages: Array<[cursor: unknown, fresh: number]>, ceilingItems = 1000) {
  const guard = new PageGuard(
    { what: "runs of acme/p", operation: "ListRuns" },
    ceilingFor(ceilingItems, "a test"),
  );
  let passed = 0;
  try {
    for (const [cursor, fresh] of pages) {
      guard.next(cursor, fresh);
      passed++;
    }
    return { passed, error: undefined };
  } catch (error) {
    return { passed, error: error as WandbResponseError };
  }
}

const cursors = (...names: string[]) => names.map((name) => [name, 1] as [string, number]);

describe("PageGuard", () => {
  it.each([
    { name: "a listing that moves on", pages: cursors("a", "b", "c", "d"), passed: 4, message: undefined },
    {
      name: "no cursor",
      pages: [
        ["a", 1],
        [null, 1],
      ],
      passed: 1,
      message: /gave no cursor \(null\)/,
    },
    { name: "an empty cursor", pages: [["", 1]], passed: 0, message: /gave no cursor/ },
    {
      name: "a cursor that does not advance",
      pages: cursors("a", "a"),
      passed: 1,
      message: /did not advance \(a\)/,
    },
    {
      name: "a cycle A, B, A",
      pages: cursors("a", "b", "a"),
      passed: 2,
      message: /cycle: cursor a came back/,
    },
    {
      name: "a cycle A, B, C, A, B, C",
      pages: cursors("a", "b", "c", "a", "b", "c"),
      passed: 5,
      message: /cycle/,
    },
    {
      name: "new cursors, nothing new",
      pages: [
        ["a", 0],
        ["b", 0],
        ["c", 0],
        ["d", 0],
      ],
      passed: fruitlessPageLimit - 1,
      message: /3 pages of runs of acme\/p in a row brought nothing new/,
    },
    {
      name: "nothing new now and then",
      pages: [
        ["a", 0],
        ["b", 0],
        ["c", 1],
        ["d", 0],
        ["e", 0],
      ],
      passed: 5,
      message: undefined,
    },
  ])("$name", ({ pages, passed, message }) => {
    const outcome = walk(pages as Array<[unknown, number]>);
    expect(outcome.passed).toBe(passed);
    if (message) {
      expect(outcome.error).toBeInstanceOf(WandbResponseError);
      expect(outcome.error?.message).toMatch(message);
      expect(outcome.error?.operation).toBe("ListRuns");
    } else expect(outcome.error).toBeUndefined();
  });

  it("a cycle of any length is caught within twice its length and its start", () => {
    for (const length of [2, 3, 5, 8, 13]) {
      const cycle = Array.from({ length }, (_, index) => `c${index}`);
      const pages = Array.from({ length: 10 * length }, (_, index) => cycle[index % length] as string);
      const { passed, error } = walk(cursors(...pages), 1_000_000);
      expect(error?.message, `cycle of ${length}`).toMatch(/cycle|did not advance/);
      expect(passed).toBeLessThanOrEqual(3 * length);
    }
  });

  it("stops a listing at its ceiling: what the server said it holds, plus room", () => {
    const ceiling = ceilingFor(20, "W&B counted 20 runs");
    expect(ceiling.pages).toBe(20 + 2 + fruitlessPageLimit + 1);
    const endless = Array.from({ length: 100 }, (_, index) => `n${index}`);
    const { passed, error } = walk(cursors(...endless), 20);
    expect(passed).toBe(ceiling.pages - 1);
    expect(error?.message).toMatch(/still claim more after 26 pages.*W&B counted|a test/);
  });
});
