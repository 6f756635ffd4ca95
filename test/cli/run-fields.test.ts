import { describe, expect, it } from "vitest";
import { parseRunFields } from "../../src/cli/run-fields.js";
import { parseFilter } from "../../src/cli/runs-command.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("--fields", () => {
  it("reads light fields and config./summary. paths, which may hold dots and slashes", () => {
    expect(parseRunFields("name, id,config.lr,summary.train/loss,summary.eval.f1")).toEqual([
      { label: "name", source: "light", name: "name" },
      { label: "id", source: "light", name: "id" },
      { label: "config.lr", source: "config", path: "lr" },
      { label: "summary.train/loss", source: "summary", path: "train/loss" },
      { label: "summary.eval.f1", source: "summary", path: "eval.f1" },
    ]);
  });

  it.each(["", ",", "nope", "config.", "summary", "metrics.acc", "toString", ".acc"])(
    "refuses %j with a usage error listing the fields",
    (text) => {
      expect(() => parseRunFields(text)).toThrow(UsageError);
    },
  );
});

describe("--filter", () => {
  it("takes a JSON object", () => {
    expect(parseFilter('{"state":"finished","config.lr":{"$gt":0.01}}')).toEqual({
      state: "finished",
      "config.lr": { $gt: 0.01 },
    });
  });

  it.each(["{state: finished}", "[]", "null", '"finished"', "3", ""])("refuses %j", (text) => {
    expect(() => parseFilter(text)).toThrow(UsageError);
    expect(() => parseFilter(text)).toThrow(/^bad --filter/);
  });
});
