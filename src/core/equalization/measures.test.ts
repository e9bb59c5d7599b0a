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
