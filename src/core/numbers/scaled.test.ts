import { describe, expect, it } from "vitest";
import {
  finiteOrNull,
  magnitudeExponent,
  normalizeMagnitude,
  sumOf,
  timesPowerOfTwo,
  weightedMeanOf,
} from "./scaled";

const MAX = Number.MAX_VALUE;
const TINY = Number.MIN_VALUE; // 5e-324, the smallest subnormal

describe("scaling by powers of two", () => {
  it.each([
    [1, 0],
    [1.5, 0],
    [2, 1],
    [0.75, -1],
    [MAX, 1023],
    [TINY, -1074],
    [2.2250738585072014e-308, -1022],
    [0, 0],
  ])("the magnitude exponent of %d is %d", (value, exponent) => {
    expect(magnitudeExponent([value, -value / 2])).toBe(exponent);
  });

  it("goes past 2^1023 in steps, exactly", () => {
    expect(timesPowerOfTwo(TINY, 1074)).toBe(1);
    expect(timesPowerOfTwo(1, -1074)).toBe(TINY);
    expect(timesPowerOfTwo(MAX, -1023)).toBe(MAX / 2 ** 1023);
  });

  it("keeps the digits: normalized values scale back to the same bits", () => {
    const values = [3.3, -7.25e300, 1e-5, 12345.678];
    const exponent = magnitudeExponent(values);
    const normalized = normalizeMagnitude(values);
    expect(Math.max(...normalized.map(Math.abs))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...normalized.map(Math.abs))).toBeLessThan(2);
    expect(normalized.map((value) => timesPowerOfTwo(value, exponent))).toEqual(values);
  });
});

describe("sums and means that cannot overflow half-way", () => {
  it("sums 1.7e308 + 1.7e308 − 1.7e308 to 1.7e308 (a plain sum gives Infinity)", () => {
    expect(MAX + MAX - MAX).toBe(Infinity);
    expect(sumOf([MAX, MAX, -MAX])).toBe(MAX);
  });

  it("gives ±Infinity, never NaN, when the sum itself is beyond the largest double", () => {
    expect(sumOf([MAX, MAX])).toBe(Infinity);
    expect(sumOf([-MAX, -MAX])).toBe(-Infinity);
    expect(sumOf([MAX, MAX, -MAX, -MAX])).toBe(0);
  });

  it("gives the plain sum's bits for ordinary figures", () => {
    const values = [0.1, 0.2, 0.3, 1e6, -3.75];
    expect(sumOf(values)).toBe(values.reduce((sum, value) => sum + value, 0));
  });

  it("takes the mean of figures of 1.7e308 and of populations of 1e308", () => {
    expect(weightedMeanOf([MAX, MAX, MAX], [1, 1, 1])).toBe(MAX);
    expect(weightedMeanOf([10, 30], [1e308, 1.5e308])).toBeCloseTo(22, 12);
    expect(weightedMeanOf([MAX, -MAX], [1e308, 1e308])).toBe(0);
  });

  it("takes the mean of subnormal figures and weights", () => {
    expect(weightedMeanOf([TINY, 3 * TINY], [TINY, TINY])).toBe(2 * TINY);
  });
});

describe("finiteOrNull", () => {
  it.each([
    [Infinity, null],
    [-Infinity, null],
    [NaN, null],
    [MAX, MAX],
    [TINY, TINY],
  ])("%d → %s", (value, expected) => {
    expect(finiteOrNull(value)).toBe(expected);
  });

  it("reports −0 as 0, which JSON reads back identically", () => {
    expect(Object.is(finiteOrNull(-0), 0)).toBe(true);
  });
});
