// The packed set of run IDs a listing keeps to drop a run W&B repeats.
import { describe, expect, it } from "vitest";
import { SeenIds } from "../../src/ops/seen-ids.js";

describe("SeenIds", () => {
  it("says whether an ID is new, for W&B's IDs and any other", () => {
    const seen = new SeenIds();
    const ids = [
      "1mbku38n",
      "a",
      "a0",
      "0",
      "00",
      "zzzzzzzzzzzz",
      "Custom-ID",
      "a-very-long-custom-run-identifier",
      "é",
    ];
    for (const id of ids) expect(seen.add(id), id).toBe(true);
    for (const id of ids) expect(seen.add(id), id).toBe(false);
    expect(seen.size).toBe(ids.length);
  });

  it("keeps 200,000 IDs exactly as a Set would, through every growth", () => {
    const seen = new SeenIds();
    const reference = new Set<string>();
    let state = 7;
    for (let index = 0; index < 200_000; index++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      // Repeats on purpose: about one draw in eight is an ID drawn before.
      const id = (state % 175_000).toString(36).padStart(8, "0");
      expect(seen.add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(seen.size).toBe(reference.size);
  });
});
