import { describe, expect, it } from "vitest";
import { figureCoverage } from "./figure-coverage";

const REGIONS = ["A", "B", "C"];
const entered = (figures: Record<string, string[]>) => (element: string) =>
  figures[element] ? new Set(figures[element]) : undefined;

describe("the figures a department is expected to enter", () => {
  it("expects every region of every element, and counts those entered", () => {
    expect(
      figureCoverage(["X", "Y", "Z"], REGIONS, entered({ X: ["A", "B", "C"], Y: ["B"] })),
    ).toEqual({ filled: 4, expected: 9 });
  });

  it("takes an element entered only city-wide as complete with its one figure", () => {
    expect(figureCoverage(["X"], REGIONS, entered({ X: ["city"] }))).toEqual({
      filled: 1,
      expected: 1,
    });
  });

  it("counts the regions, not the city figure, once any region is entered", () => {
    expect(figureCoverage(["X"], REGIONS, entered({ X: ["city", "A"] }))).toEqual({
      filled: 1,
      expected: 3,
    });
  });

  it("ignores figures of regions the year does not have", () => {
    expect(figureCoverage(["X"], REGIONS, entered({ X: ["A", "OLD"] }))).toEqual({
      filled: 1,
      expected: 3,
    });
  });

  it("expects the city figure of each element in a year without regions", () => {
    expect(figureCoverage(["X", "Y"], [], entered({ X: ["city"] }))).toEqual({
      filled: 1,
      expected: 2,
    });
  });

  it("expects nothing of a department whose indicators read no element", () => {
    expect(figureCoverage([], REGIONS, entered({}))).toEqual({ filled: 0, expected: 0 });
  });
});
