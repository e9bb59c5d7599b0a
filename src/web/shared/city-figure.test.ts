import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDataText, loadFrameworkText } from "../../core";
import { collectElementValues } from "../../core/scoring/element-values";
import { cityFigure } from "./city-figure";

const regions = [
  { code: "A", population: 100 },
  { code: "B", population: 300 },
];
const figures = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { value }]));

describe("cityFigure", () => {
  it("takes the city entry when there is one", () =>
    expect(cityFigure("sum", figures({ A: 1, B: 2, city: 10 }), regions)).toEqual({
      value: 10,
      entered: true,
    }));
  it("sums the regions for sum", () =>
    expect(cityFigure("sum", figures({ A: 1, B: 2 }), regions)).toEqual({
      value: 3,
      entered: false,
    }));
  it("weights by population for popmean", () =>
    expect(cityFigure("popmean", figures({ A: 10, B: 20 }), regions)?.value).toBe(17.5));
  it("takes the plain mean for popmean when a population is missing", () =>
    expect(
      cityFigure("popmean", figures({ A: 10, B: 20 }), [
        { code: "A", population: 100 },
        { code: "B", population: null },
      ])?.value,
    ).toBe(15));
  it("takes the plain mean for mean", () =>
    expect(cityFigure("mean", figures({ A: 10, B: 20 }), regions)?.value).toBe(15));
  it("leaves out regions without a figure, and is null with none", () => {
    expect(cityFigure("mean", figures({ B: 20 }), regions)?.value).toBe(20);
    expect(cityFigure("sum", {}, regions)).toBeNull();
  });

  it("gives the core's city value for every element of the demo years", () => {
    const read = (name: string) => readFileSync(`content/demo/${name}`, "utf8");
    const { framework } = loadFrameworkText(read("framework.yaml"), "framework.yaml");
    for (const file of ["huizhou-2024.yaml", "huizhou-2025.yaml"]) {
      const dataset = loadDataText(read(file), file, framework);
      const core = collectElementValues(framework, dataset);
      const yearRegions = dataset.regions.map((region) => ({
        code: region.code,
        population: region.population ?? null,
      }));
      for (const [code, element] of framework.elements) {
        const given = dataset.doc.values[code] ?? {};
        const mine = cityFigure(
          element.aggregation,
          Object.fromEntries(Object.entries(given).map(([region, value]) => [region, { value }])),
          yearRegions,
        );
        expect(mine?.value, `${file} ${code}`).toBe(core.city.get(code));
      }
    }
  });
});
