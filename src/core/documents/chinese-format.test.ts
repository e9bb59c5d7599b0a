import { describe, expect, it } from "vitest";
import {
  chineseDate,
  chineseNumber,
  formatPercent,
  formatScore,
  formatValue,
  headingOrdinal,
  subHeadingOrdinal,
} from "./chinese-format";

describe("chinese-format", () => {
  it("writes dates with Arabic numerals and no leading zeros", () => {
    expect(chineseDate("2026-03-08")).toBe("2026年3月8日");
    expect(chineseDate("2025-12-31")).toBe("2025年12月31日");
  });

  it("writes scores with four decimals, rounded half away from zero", () => {
    expect(formatScore(0.9523)).toBe("0.9523");
    expect(formatScore(0.95)).toBe("0.9500");
    expect(formatScore(0.94995)).toBe("0.9500");
    expect(formatScore(-0.00001)).toBe("0.0000");
  });

  it("writes percentages with two decimals", () => {
    expect(formatPercent(0.9523)).toBe("95.23%");
    expect(formatPercent(1)).toBe("100.00%");
    expect(formatPercent(0.123456)).toBe("12.35%");
  });

  it("never writes NaN or Infinity", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatScore(bad)).toBe("—");
      expect(formatPercent(bad)).toBe("—");
      expect(formatValue(bad)).toBe("—");
    }
  });

  it("writes values without trailing zeros", () => {
    expect(formatValue(98.5)).toBe("98.5");
    expect(formatValue(12)).toBe("12");
    expect(formatValue(1234.567)).toBe("1234.57");
    expect(formatValue(0.01234)).toBe("0.0123");
    expect(formatValue(0)).toBe("0");
  });

  it("writes Chinese ordinals up to ninety-nine", () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99].map(chineseNumber)).toEqual([
      "一",
      "二",
      "九",
      "十",
      "十一",
      "十九",
      "二十",
      "二十一",
      "九十九",
    ]);
    expect(headingOrdinal(11)).toBe("十一、");
    expect(subHeadingOrdinal(1)).toBe("（一）");
  });
});
