import { describe, expect, it } from "vitest";
import { clamp01, roundHalfAwayFromZero } from "./round";

describe("roundHalfAwayFromZero to 4 decimals", () => {
  it.each([
    [0.94996, 0.95],
    [0.94995, 0.95],
    [0.949949999, 0.9499],
    [0.94994, 0.9499],
    [0.12345, 0.1235],
    [0.00005, 0.0001],
    [0.00004999, 0],
    [1, 1],
    [0, 0],
    [-0.00005, -0.0001],
    [-0.12344, -0.1234],
    [0.1 + 0.2, 0.3],
    [0.9 * 0.5 + 0.49995, 0.95],
    [5e-324, 0],
    [1e-20, 0],
    [123456.78905, 123456.7891],
  ])("%d → %d", (value, expected) => {
    expect(roundHalfAwayFromZero(value, 4)).toBe(expected);
  });

  it("rounds the sum that is 0.94995 on paper up, although the double is below it", () => {
    const onPaper = 0.6 + 0.34995;
    expect(onPaper.toPrecision(20)).toBe("0.94994999999999996110");
    expect(roundHalfAwayFromZero(onPaper, 4)).toBe(0.95);
  });
});

describe("clamp01", () => {
  it.each([
    [-1, 0],
    [0.5, 0.5],
    [2, 1],
  ])("%d → %d", (value, expected) => expect(clamp01(value)).toBe(expected));
});
