import { afterEach, describe, expect, it } from "vitest";
import { parseWandbTime } from "../../src/wire/time.js";

const suiteZone = process.env.TZ;

describe("parseWandbTime", () => {
  afterEach(() => {
    process.env.TZ = suiteZone;
  });

  it("runs in a zone far from UTC, where new Date() on a zone-less string is wrong", () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).not.toBe(0);
    expect(new Date("2024-05-02T14:03:11").toISOString()).not.toBe("2024-05-02T14:03:11.000Z");
  });

  it("reads a zone-less timestamp as UTC", () => {
    expect(parseWandbTime("2024-05-02T14:03:11").toISOString()).toBe("2024-05-02T14:03:11.000Z");
    expect(parseWandbTime("2024-05-02 14:03:11").toISOString()).toBe("2024-05-02T14:03:11.000Z");
    expect(parseWandbTime("2024-05-02T14:03").toISOString()).toBe("2024-05-02T14:03:00.000Z");
  });

  it("reads 0 to 9 fraction digits, truncating past milliseconds", () => {
    const cases: Array<[string, string]> = [
      ["2024-05-02T14:03:11", "2024-05-02T14:03:11.000Z"],
      ["2024-05-02T14:03:11.5", "2024-05-02T14:03:11.500Z"],
      ["2024-05-02T14:03:11.12", "2024-05-02T14:03:11.120Z"],
      ["2024-05-02T14:03:11.123", "2024-05-02T14:03:11.123Z"],
      ["2024-05-02T14:03:11.1234", "2024-05-02T14:03:11.123Z"],
      ["2024-05-02T14:03:11.123456", "2024-05-02T14:03:11.123Z"],
      ["2024-05-02T14:03:11.999999999", "2024-05-02T14:03:11.999Z"],
      ["2024-05-02T14:03:11,25Z", "2024-05-02T14:03:11.250Z"],
    ];
    for (const [text, iso] of cases) expect(parseWandbTime(text).toISOString(), text).toBe(iso);
  });

  it("honours Z and offsets in both forms", () => {
    expect(parseWandbTime("2024-05-02T14:03:11Z").toISOString()).toBe("2024-05-02T14:03:11.000Z");
    expect(parseWandbTime("2024-05-02T14:03:11.25z").toISOString()).toBe("2024-05-02T14:03:11.250Z");
    expect(parseWandbTime("2024-05-02T14:03:11+00:00").toISOString()).toBe("2024-05-02T14:03:11.000Z");
    expect(parseWandbTime("2024-05-02T14:03:11+05:30").toISOString()).toBe("2024-05-02T08:33:11.000Z");
    expect(parseWandbTime("2024-05-02T14:03:11-0800").toISOString()).toBe("2024-05-02T22:03:11.000Z");
    expect(parseWandbTime("2024-12-31T23:30:00.123456-01:00").toISOString()).toBe("2025-01-01T00:30:00.123Z");
  });

  it("gives the same instant whatever the process time zone", () => {
    for (const zone of [
      "UTC",
      "America/Los_Angeles",
      "Asia/Kolkata",
      "Pacific/Chatham",
      "Pacific/Kiritimati",
    ]) {
      process.env.TZ = zone;
      expect(parseWandbTime("2024-03-10T02:30:00").getTime(), zone).toBe(Date.UTC(2024, 2, 10, 2, 30, 0));
      expect(parseWandbTime("2024-11-03T01:30:00.5").getTime(), zone).toBe(
        Date.UTC(2024, 10, 3, 1, 30, 0, 500),
      );
    }
  });

  it("keeps years below 100 where they are", () => {
    expect(parseWandbTime("0099-01-01T00:00:00").getUTCFullYear()).toBe(99);
  });

  it("rejects what is not a timestamp, and impossible dates", () => {
    for (const bad of [
      "",
      "2024-05-02",
      "yesterday",
      "2024-02-30T00:00:00",
      "2024-13-01T00:00:00",
      "2024-05-02T24:00:00",
      "2024-05-02T14:60:00",
      "2024-05-02T14:03:11.1234567890",
      "2024-05-02T14:03:11+25:00",
      "2024-05-02T14:03:11 UTC",
      " 2024-05-02T14:03:11",
    ]) {
      expect(() => parseWandbTime(bad), bad).toThrow(RangeError);
    }
  });

  it("accepts 29 February in a leap year only", () => {
    expect(parseWandbTime("2024-02-29T12:00:00").toISOString()).toBe("2024-02-29T12:00:00.000Z");
    expect(() => parseWandbTime("2023-02-29T12:00:00")).toThrow(RangeError);
  });
});

describe("parseWandbTime: the common zone-less form, read without the regular expression", () => {
  it("agrees with Date.UTC on every day of leap and common years", () => {
    for (const year of [1999, 2000, 2023, 2024, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const utc = new Date(Date.UTC(year, month - 1, day, 23, 59, 59));
          if (utc.getUTCMonth() !== month - 1) {
            const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T23:59:59`;
            expect(() => parseWandbTime(text), text).toThrow(RangeError);
            continue;
          }
          const text = utc.toISOString().slice(0, 19);
          expect(parseWandbTime(text).getTime(), text).toBe(utc.getTime());
        }
      }
    }
  });

  it("still rejects what is out of range or not digits, and reads years before 100 exactly", () => {
    for (const bad of [
      "2024-13-01T00:00:00",
      "2024-01-01T24:00:00",
      "2024-01-01T00:60:00",
      "2024-01-01T00:00:60",
      "2024-0a-01T00:00:00",
      "2024-00-10T00:00:00",
    ]) {
      expect(() => parseWandbTime(bad), bad).toThrow(RangeError);
    }
    expect(parseWandbTime("0099-03-01T00:00:00").getUTCFullYear()).toBe(99);
  });
});
