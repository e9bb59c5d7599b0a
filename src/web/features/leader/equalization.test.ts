import { describe, expect, it } from "vitest";
import type { ScoreReport } from "../../../contract/score-report";
import { comparableIndicators } from "./equalization";

describe("comparableIndicators", () => {
  const indicator = (code: string, regions: Record<string, number>, withMeasures: boolean) => ({
    code,
    value: 1,
    ratio: 1,
    loss: 0,
    status: "ok" as const,
    regions,
    ...(withMeasures
      ? {
          equalization: {
            cv: 0.1,
            theil: 0.01,
            gini: 0.05,
            maxMin: 1.2,
            theilBetween: null,
            theilWithin: null,
          },
        }
      : {}),
  });

  it("keeps only indicators with measures and values in two regions or more", () => {
    const report = {
      indicators: [
        indicator("A", { X: 1, Y: 2 }, true),
        indicator("B", { X: 1 }, true),
        indicator("C", { X: 1, Y: 2 }, false),
      ],
    } as unknown as ScoreReport;
    expect(comparableIndicators(report).map((entry) => entry.code)).toEqual(["A"]);
  });
});
