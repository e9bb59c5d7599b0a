import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presentScoreReport, type ScoreReport } from "../../src/contract/score-report";
import {
  CITY,
  loadData,
  loadDataText,
  loadFramework,
  loadFrameworkText,
  scoreYear,
} from "../../src/core";
import type { Doc } from "../support/factories";
import { yearArbitrary } from "../support/arbitraries";
import { extremeYearArbitrary } from "./extreme-year";
import { FUZZ_TEST_TIMEOUT, fuzzParameters } from "./fuzz-parameters";
import { expectReportable } from "./reportable";

function scoreDocs(framework: Doc, data: Doc): ScoreReport {
  const loaded = loadFramework(framework, "framework.yaml").framework;
  return presentScoreReport(scoreYear(loaded, loadData(data, "data.yaml", loaded)));
}

describe("no NaN or infinity ever leaves the scorer", () => {
  it(
    "for random frameworks and data with figures, weights and populations up to ±1.7e308",
    () => {
      fc.assert(
        fc.property(extremeYearArbitrary, ({ framework, data }) => {
          expectReportable(scoreDocs(framework, data));
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT,
  );

  it("for the demo with a figure of 1e308, or −1e308, in every element, region and the city", () => {
    const frameworkFile = "content/demo/framework.yaml";
    const dataFile = "content/demo/huizhou-2025.yaml";
    const framework = loadFrameworkText(
      readFileSync(frameworkFile, "utf8"),
      frameworkFile,
    ).framework;
    const demo = loadDataText(readFileSync(dataFile, "utf8"), dataFile, framework).doc;
    for (const figure of [1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE]) {
      const values: Record<string, Record<string, number>> = {};
      for (const element of framework.elements.keys()) {
        values[element] = Object.fromEntries(
          [...demo.regions.map((region) => region.code), CITY].map((code) => [code, figure]),
        );
      }
      const dataset = loadData({ ...demo, values }, dataFile, framework, { checkBounds: false });
      const report = presentScoreReport(scoreYear(framework, dataset));
      expectReportable(report);
      if (figure === 1e308) {
        // City entries of 1e308 are finite inputs: only formulas that overflow are errors.
        expect(report.indicators.find((item) => item.code === "EDU01")).toMatchObject({
          status: "ok",
          value: 100,
        });
        expect(report.indicators.find((item) => item.code === "MEDICAL02")?.status).toBe("error");
      }
    }
  });

  it(
    "scaling every weight and point by 2^1019, every population by 2^1002, changes nothing",
    () => {
      // Exact scaling (powers of two) to just below the largest double: plain sums overflow.
      const up = (value: number) => value * 2 ** 1019;
      const upPopulation = (value: number) => value * 2 ** 1002;
      const scaleList = (list: unknown, scale: (item: Doc) => Doc) => (list as Doc[]).map(scale);
      fc.assert(
        fc.property(yearArbitrary, ({ framework, data }) => {
          const scaledFramework = {
            ...framework,
            parts: scaleList(framework.parts, (part) => ({
              ...part,
              weight: up(part.weight as number),
            })),
            indicators: scaleList(framework.indicators, (item) => ({
              ...item,
              weight: up(item.weight as number),
            })),
            workItems: scaleList(framework.workItems, (item) => ({
              ...item,
              points: up(item.points as number),
              criteria: scaleList(item.criteria, (criterion) => ({
                ...criterion,
                points: up(criterion.points as number),
              })),
            })),
          };
          const work = Object.fromEntries(
            Object.entries(data.work as Record<string, Record<string, number>>).map(
              ([item, awarded]) => [
                item,
                Object.fromEntries(
                  Object.entries(awarded).map(([code, points]) => [code, up(points)]),
                ),
              ],
            ),
          );
          const scaledData = {
            ...data,
            regions: scaleList(data.regions, (region) =>
              region.population === undefined
                ? region
                : { ...region, population: upPopulation(region.population as number) },
            ),
            work,
          };
          const plain = scoreDocs(framework, data);
          const scaled = scoreDocs(scaledFramework, scaledData);
          expect(scaled.scoreExact).toBeCloseTo(plain.scoreExact, 12);
          expect(scaled.parts.map((part) => part.score)).toEqual(
            plain.parts.map((part) => part.score),
          );
          expect(
            scaled.indicators.map((item) => [item.status, item.loss, item.equalization]),
          ).toEqual(plain.indicators.map((item) => [item.status, item.loss, item.equalization]));
          expect(scaled.departments).toEqual(plain.departments);
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT,
  );
});
