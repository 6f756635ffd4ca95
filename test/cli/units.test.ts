import { describe, expect, it } from "vitest";
import { formatAge, formatRuntime, parseDuration } from "../../src/cli/units.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["15m", 900_000],
    ["2h", 7_200_000],
    ["3d", 259_200_000],
    ["1.5h", 5_400_000],
    [" 2h ", 7_200_000],
  ])("reads %j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "2", "h", "2w", "-1h", "0h", "0s", "2 h", "1e3s", "2H", "two hours", "1h30m"])(
    "refuses %j with a usage error",
    (text) => {
      expect(() => parseDuration(text)).toThrow(UsageError);
      expect(() => parseDuration(text)).toThrow(/expected a number and a unit s, m, h or d/);
    },
  );
});

describe("formatAge", () => {
  it.each([
    [0, "0s"],
    [-5000, "0s"],
    [59_999, "59s"],
    [60_000, "1m"],
    [12 * 60_000 + 30_000, "12m"],
    [3_599_000, "59m"],
    [3_600_000, "1h"],
    [47 * 3_600_000, "47h"],
    [48 * 3_600_000, "2d"],
    [400 * 86_400_000, "400d"],
  ])("%d ms is %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe("formatRuntime", () => {
  it.each([
    [0, "0s"],
    [12.4, "12s"],
    [185, "3m 5s"],
    [3627, "1h 0m 27s"],
  ])("%d s is %s", (seconds, text) => {
    expect(formatRuntime(seconds)).toBe(text);
  });
});
