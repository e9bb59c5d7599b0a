import { describe, expect, it } from "vitest";
import { formatFigure, formatIndicatorValue, formatPoints } from "./format";

describe("workspace number shapes", () => {
  it("writes points out of 100 with two decimals", () => {
    expect(formatPoints(0.0123)).toBe("1.23");
    expect(formatPoints(0)).toBe("0.00");
    expect(formatPoints(0.6)).toBe("60.00");
  });

  it("does not hide a tiny loss as zero", () => {
    expect(formatPoints(1.7e-5)).toBe("< 0.01");
  });

  it("groups figures and keeps their decimals", () => {
    expect(formatFigure(1234567.125)).toBe("1,234,567.125");
    expect(formatFigure(null)).toBe("—");
    expect(formatIndicatorValue(99.857875)).toBe("99.8579");
  });
});
