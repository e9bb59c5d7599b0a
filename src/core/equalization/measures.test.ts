import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureEqualization, populationWeights } from "./measures";

const brief = [10, 10, 10, 20, 50].map((value) => ({ value }));

describe("measureEqualization", () => {
  it("matches the check values of the domain brief (equal weights)", () => {
    const result = measureEqualization(brief);
    expect(result.theil).toBeCloseTo(0.2502012, 7);
    expect(result.gini).toBeCloseTo(0.36, 12);
    expect(result.cv).toBeCloseTo(0.7745967, 7);
    expect(result.maxMin).toBe(5);
    expect(result.theilBetween).toBeNull();
    expect(result.theilWithin).toBeNull();
  });

  it("gives equal weights when any population is missing", () => {
    const result = measureEqualization(
      brief.map((point, index) => ({
        ...point,
        population: index === 2 ? undefined : 1000 * (index + 1),
      })),
    );
    expect(result.theil).toBeCloseTo(0.2502012, 7);
  });

  it("weights by population (hand-computed)", () => {
    // values 2 and 4, populations 1 and 3: shares 1/4, 3/4, mean 3.5
    // cv = sqrt(1/4·2.25 + 3/4·0.25) / 3.5 = sqrt(0.75) / 3.5
    // gini = 2 · (1/4)(3/4)·2 / (2·3.5) = 0.75 / 7
    // theil = 1/4·(2/3.5)ln(2/3.5) + 3/4·(4/3.5)ln(4/3.5)
    const result = measureEqualization([
      { value: 2, population: 1 },
      { value: 4, population: 3 },
    ]);
    expect(result.cv).toBeCloseTo(Math.sqrt(0.75) / 3.5, 14);
    expect(result.gini).toBeCloseTo(0.75 / 7, 14);
    const expectedTheil =
      0.25 * (2 / 3.5) * Math.log(2 / 3.5) + 0.75 * (4 / 3.5) * Math.log(4 / 3.5);
    expect(result.theil).toBeCloseTo(expectedTheil, 14);
    expect(result.maxMin).toBe(2);
  });

  it("decomposes Theil into between and within groups that add up", () => {
    const points = [
      { value: 10, population: 200, group: "urban" },
      { value: 14, population: 100, group: "urban" },
      { value: 5, population: 300, group: "rural" },
      { value: 8, population: 150, group: "rural" },
      { value: 6, population: 250, group: "rural" },
    ];
    const result = measureEqualization(points);
    expect(result.theilBetween! + result.theilWithin!).toBeCloseTo(result.theil!, 14);
    expect(result.theilBetween).toBeGreaterThan(0);
    expect(result.theilWithin).toBeGreaterThan(0);
  });

  it("leaves measures undefined where they cannot be computed", () => {
    const withZero = measureEqualization([{ value: 0 }, { value: 5 }, { value: 10 }]);
    expect(withZero.theil).toBeNull();
    expect(withZero.maxMin).toBeNull();
    expect(withZero.cv).toBeCloseTo(Math.sqrt(50 / 3) / 5, 14);
    const allZero = measureEqualization([{ value: 0 }, { value: 0 }]);
    expect(allZero.cv).toBeNull();
    expect(allZero.gini).toBeNull();
  });

  it("weights by population, or equally when a population is missing", () => {
    expect(
      populationWeights([
        { value: 1, population: 3 },
        { value: 1, population: 7 },
      ]),
    ).toEqual([3, 7]);
    expect(populationWeights([{ value: 1, population: 3 }, { value: 1 }])).toEqual([1, 1]);
  });

  it("equal values have no spread at all, whatever the populations", () => {
    const result = measureEqualization([
      { value: 100, population: 87_847 },
      { value: 100, population: 1_000 },
      { value: 100, population: 3 },
    ]);
    expect(result).toMatchObject({ cv: 0, theil: 0, gini: 0, maxMin: 1 });
  });
});

describe("measureEqualization with figures and populations at the ends of the doubles", () => {
  const MAX = Number.MAX_VALUE;
  const finiteOrNull = (result: Record<string, number | null>) =>
    Object.values(result).every((value) => value === null || Number.isFinite(value));

  it("equal figures of 1.7e308 have no spread (a plain mean overflows)", () => {
    const result = measureEqualization([{ value: MAX }, { value: MAX }, { value: MAX }]);
    expect(result).toMatchObject({ cv: 0, theil: 0, gini: 0, maxMin: 1 });
  });

  it("populations of 1e308 weigh as their shares (a plain total overflows)", () => {
    // shares 1/4 and 3/4 as in the hand-computed case above
    const huge = measureEqualization([
      { value: 2, population: 0.5e308 },
      { value: 4, population: 1.5e308 },
    ]);
    expect(huge.cv).toBeCloseTo(Math.sqrt(0.75) / 3.5, 14);
    expect(huge.gini).toBeCloseTo(0.75 / 7, 14);
  });

  it("subnormal populations weigh as their shares", () => {
    const tiny = measureEqualization([
      { value: 2, population: 5e-324 },
      { value: 4, population: 1.5e-323 },
    ]);
    expect(tiny.cv).toBeCloseTo(Math.sqrt(0.75) / 3.5, 14);
  });

  it("a ratio beyond the largest double is null, the other measures are not", () => {
    const result = measureEqualization([{ value: 1e300 }, { value: 1e-10 }]);
    expect(result.maxMin).toBeNull();
    expect(result.cv).toBeCloseTo(1, 14);
    expect(result.gini).toBeCloseTo(0.5, 14);
    expect(result.theil).toBeCloseTo(Math.LN2, 14);
  });

  it("a mean near 0 beside a wide spread gives a null cv and gini, not Infinity", () => {
    const result = measureEqualization([{ value: MAX }, { value: -MAX }, { value: 5e-324 }]);
    expect(result.cv).toBeNull();
    expect(result.gini).toBeNull();
    expect(finiteOrNull({ ...result })).toBe(true);
  });

  it("opposite extremes give finite measures or null, never NaN or -0", () => {
    for (const values of [
      [MAX, -MAX],
      [MAX, -MAX, 1],
      [-MAX, -MAX],
      [5e-324, -5e-324, 0],
      [-0, 0],
    ]) {
      const result = measureEqualization(values.map((value) => ({ value, group: "g" })));
      expect(finiteOrNull({ ...result })).toBe(true);
      for (const value of Object.values(result)) expect(Object.is(value, -0)).toBe(false);
    }
  });
});

describe("measures do not change when every figure or population is scaled", () => {
  // Scaling by a power of two is exact, so the measures of the scaled figures must be
  // the same numbers, although every plain sum of the scaled ones overflows.
  const point = fc.record({
    value: fc.double({ min: 1, max: 1000, noNaN: true }),
    population: fc.double({ min: 1, max: 1e6, noNaN: true }),
    group: fc.constantFrom("urban", "rural"),
  });
  it("figures × 2^1013 and populations × 2^1000 give the same measures", () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 2, maxLength: 12 }),
        fc.boolean(),
        (points, negate) => {
          const sign = negate ? -1 : 1;
          const plain = points.map((p) => ({ ...p, value: sign * p.value }));
          const scaled = plain.map((p) => ({
            ...p,
            value: p.value * 2 ** 1013,
            population: p.population * 2 ** 1000,
          }));
          const expected = measureEqualization(plain);
          const actual = measureEqualization(scaled);
          for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
            if (expected[key] === null) expect(actual[key]).toBeNull();
            else expect(actual[key]).toBeCloseTo(expected[key]!, 12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
