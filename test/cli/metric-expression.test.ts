import { describe, expect, it } from "vitest";
import { parseMetricExpression, satisfies } from "../../src/cli/metric-expression.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("parseMetricExpression", () => {
  it.each([
    ["accuracy>=0.95", "accuracy", ">=", 0.95],
    ["accuracy <= 0.95", "accuracy", "<=", 0.95],
    ["train/loss<0.1", "train/loss", "<", 0.1],
    ["eval.f1>.9", "eval.f1", ">", 0.9],
    ["step==100", "step", "==", 100],
    ["grad_norm!=-1e3", "grad_norm", "!=", -1000],
    ["val loss > +2", "val loss", ">", 2],
  ])("reads %j", (text, path, operator, threshold) => {
    expect(parseMetricExpression(text)).toEqual({ path, operator, threshold, text });
  });

  it.each([
    "accuracy",
    "accuracy>=",
    ">=0.95",
    "accuracy=>0.9",
    "accuracy=0.9",
    "accuracy>=>0.9",
    "accuracy>=high",
    "accuracy>=0.9.1",
    "accuracy>=NaN",
    "accuracy>=Infinity",
    "a<b<1",
    "",
  ])("refuses %j with a usage error naming the form", (text) => {
    expect(() => parseMetricExpression(text)).toThrow(UsageError);
    expect(() => parseMetricExpression(text)).toThrow(/expected <metric><op><number>/);
  });
});

describe("satisfies", () => {
  const expression = (text: string) => parseMetricExpression(text);

  it("compares numbers with each operator", () => {
    expect(satisfies(0.96, expression("a>=0.95"))).toBe(true);
    expect(satisfies(0.95, expression("a>=0.95"))).toBe(true);
    expect(satisfies(0.94, expression("a>=0.95"))).toBe(false);
    expect(satisfies(0.95, expression("a>0.95"))).toBe(false);
    expect(satisfies(0.95, expression("a<=0.95"))).toBe(true);
    expect(satisfies(0.95, expression("a<0.95"))).toBe(false);
    expect(satisfies(3, expression("a==3"))).toBe(true);
    expect(satisfies(3, expression("a!=3"))).toBe(false);
  });

  it("defect 15: fails ±Infinity for every operator unless allowInfinite", () => {
    for (const op of [">=", "<=", ">", "<", "==", "!="]) {
      expect(satisfies(Number.NEGATIVE_INFINITY, expression(`loss${op}0.1`))).toBe(false);
      expect(satisfies(Number.POSITIVE_INFINITY, expression(`acc${op}0.1`))).toBe(false);
    }
    expect(satisfies(Number.NEGATIVE_INFINITY, expression("loss<0.1"), { allowInfinite: true })).toBe(true);
    expect(satisfies(Number.POSITIVE_INFINITY, expression("a>1e308"), { allowInfinite: true })).toBe(true);
    expect(satisfies(Number.POSITIVE_INFINITY, expression("a<1"), { allowInfinite: true })).toBe(false);
  });

  it.each(["loss<1e999", "loss>-1e999", "loss<1e-999", "loss>=-9e400"])(
    "defect 15: refuses %j, whose threshold is out of a double's range",
    (text) => {
      expect(() => expression(text)).toThrow(UsageError);
      expect(() => expression(text)).toThrow(/too (large|small) for a number/);
    },
  );

  it("keeps zero and the smallest doubles", () => {
    expect(expression("a>0e-999").threshold).toBe(0);
    expect(expression("a>0.0").threshold).toBe(0);
    expect(expression("a>5e-324").threshold).toBe(5e-324);
    expect(expression("a<1.7e308").threshold).toBe(1.7e308);
  });

  it("fails NaN for every operator, != included", () => {
    for (const op of [">=", "<=", ">", "<", "==", "!="]) {
      expect(satisfies(Number.NaN, expression(`a${op}1`))).toBe(false);
    }
  });

  it("fails a missing metric and anything that is not a number", () => {
    for (const value of [undefined, null, "0.99", true, { f1: 0.99 }, [0.99]]) {
      expect(satisfies(value, expression("a>0"))).toBe(false);
      expect(satisfies(value, expression("a!=0"))).toBe(false);
    }
  });
});
