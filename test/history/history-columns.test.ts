// The column builder: typed columns with presence, a column that turns to values, rows that come
// out of step order (files whose steps overlap) sorted and merged per step.
import { describe, expect, it } from "vitest";
import { ColumnsBuilder, historyValue } from "../../src/history/history-columns.js";

describe("ColumnsBuilder", () => {
  it("keeps numbers typed, tells a missing value from NaN, and turns a mixed column to values", () => {
    const builder = new ColumnsBuilder();
    for (let step = 0; step < 3000; step++) {
      const row = builder.startRow(step);
      if (step % 2 === 0) builder.set(row, "loss", step === 10 ? Number.NaN : step);
      builder.set(row, "tag", step === 2999 ? "last" : step);
    }
    const { steps, columns } = builder.finish(["loss", "tag", "never"]);
    expect(steps).toHaveLength(3000);
    const loss = columns.loss;
    if (loss?.kind !== "number") throw new Error("loss should be numeric");
    expect([loss.present[1], loss.present[10], Number.isNaN(loss.values[10])]).toEqual([0, 1, true]);
    expect(columns.tag?.kind).toBe("values");
    expect(columns.tag?.values[2998]).toBe(2998);
    expect(columns.tag?.values[2999]).toBe("last");
    expect(columns.never).toEqual({
      kind: "number",
      values: new Float64Array(3000),
      present: new Uint8Array(3000),
    });
  });

  it("sorts rows that came out of step order and merges the rows of one step", () => {
    const builder = new ColumnsBuilder();
    const add = (step: number, key: string, value: number | string) =>
      builder.set(builder.startRow(step), key, value);
    add(5, "a", 1);
    add(1, "a", 2);
    add(5, "b", "x");
    add(3, "a", 3);
    const { steps, columns } = builder.finish(undefined);
    expect(Array.from(steps)).toEqual([1, 3, 5]);
    const a = columns.a;
    if (a?.kind !== "number") throw new Error("a should be numeric");
    expect(Array.from(a.values)).toEqual([2, 3, 1]);
    expect(columns.b).toEqual({ kind: "values", values: [undefined, undefined, "x"] });
  });

  it("reads Parquet values as history values: bigints as numbers, nulls as missing, bytes as base64", () => {
    expect(historyValue(12n)).toBe(12);
    expect(historyValue(null)).toBeUndefined();
    expect(historyValue({ a: 1n, b: null, c: [2n, null] })).toEqual({ a: 1, c: [2, null] });
    expect(historyValue(new Uint8Array([1, 2]))).toBe("AQI=");
  });
});
