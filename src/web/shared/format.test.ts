import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatLanguage,
  formatMeasure,
  formatNumber,
  formatPercent,
  formatScore,
  formatWithUnit,
  NO_VALUE,
} from "./format";

describe("formatScore", () => {
  it.each([
    [0.9388, "0.9388"],
    [0.95, "0.9500"],
    [1, "1.0000"],
    [0, "0.0000"],
    [0.00599999, "0.0060"],
    [-0.00000001, "0.0000"],
  ])("%s → %s", (value, text) => expect(formatScore(value)).toBe(text));

  it("is toFixed(4) for every score the API can send", () => {
    for (const value of [0.12345, 0.98765, 0.5, 0.33333333]) {
      expect(formatScore(value)).toBe(value.toFixed(4));
    }
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])("%s → dash", (value) =>
    expect(formatScore(value)).toBe(NO_VALUE),
  );
});

describe("formatPercent", () => {
  it.each([
    [0.95, "95.0%"],
    [1, "100.0%"],
    [0.8007, "80.1%"],
    [0, "0.0%"],
    [-0.0001, "0.0%"],
  ])("%s → %s", (value, text) => expect(formatPercent(value)).toBe(text));

  it("takes the number of decimals", () => expect(formatPercent(0.95623, 2)).toBe("95.62%"));
  it("dashes a missing share", () => expect(formatPercent(null)).toBe(NO_VALUE));
});

describe("formatNumber", () => {
  it.each([
    [1558793, 2, "1,558,793"],
    [1234.5678, 2, "1,234.57"],
    [99.85787526, 4, "99.8579"],
    [3, 4, "3"],
    [-1234, 0, "-1,234"],
    [-0.001, 2, "0"],
  ])("%s (%s decimals) → %s", (value, digits, text) =>
    expect(formatNumber(value, digits)).toBe(text),
  );
  it("dashes a missing figure", () => expect(formatNumber(undefined)).toBe(NO_VALUE));
});

describe("formatMeasure", () => {
  it("keeps four decimals for ordinary values", () =>
    expect(formatMeasure(0.12345)).toBe("0.1235"));
  it("keeps a tiny value's size", () => expect(formatMeasure(3.409e-7)).toBe("3.41e-7"));
  it("writes zero as zero", () => expect(formatMeasure(0)).toBe("0.0000"));
  it("dashes a measure that does not apply", () => expect(formatMeasure(null)).toBe(NO_VALUE));
});

describe("formatDate", () => {
  it("writes a Chinese date", () => expect(formatDate("2026-03-10", "zh")).toBe("2026年3月10日"));
  it("writes an ISO date in English", () =>
    expect(formatDate("2026-03-10", "en")).toBe("2026-03-10"));
  it("takes an instant", () =>
    expect(formatDate("2025-12-01T08:30:00Z", "zh")).toBe("2025年12月1日"));
  it("dashes nothing and nonsense", () => {
    expect(formatDate(null, "zh")).toBe(NO_VALUE);
    expect(formatDate("not a date", "en")).toBe(NO_VALUE);
  });
  // The unit project runs with TZ=UTC, so the instant reads back unchanged.
  it("adds the time for a moment", () =>
    expect(formatDateTime("2026-03-10T14:05:00Z", "zh")).toBe("2026年3月10日 14:05"));
});

describe("formatLanguage", () => {
  it.each([
    ["zh-CN", "zh"],
    ["en", "en"],
    ["en-US", "en"],
    [undefined, "zh"],
  ])("%s → %s", (language, lang) => expect(formatLanguage(language)).toBe(lang));
});

describe("formatWithUnit", () => {
  it.each([
    [95, "%", "95%"],
    [3, "人", "3 人"],
    [2.6, null, "2.6"],
    [12, "‰", "12‰"],
    [1558793, "人", "1,558,793 人"],
    [null, "人", NO_VALUE],
  ])("%s %s → %s", (value, unit, text) => expect(formatWithUnit(value, unit)).toBe(text));
});
