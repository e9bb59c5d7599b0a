import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presentScoreReport } from "../../src/contract/score-report";
import { loadData, loadFramework, scoreYear, type ScoreResult } from "../../src/core";
import { yearArbitrary } from "../support/arbitraries";
import type { Doc } from "../support/factories";

function score(framework: Doc, data: Doc): ScoreResult {
  const loaded = loadFramework(framework, "framework.yaml").framework;
  return scoreYear(loaded, loadData(data, "data.yaml", loaded));
}

function totalLoss(result: ScoreResult): number {
  return (
    result.indicators.reduce((sum, item) => sum + item.loss, 0) +
    result.workItems.reduce((sum, item) => sum + item.loss, 0) +
    result.partLevelLoss
  );
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const RUNS = { numRuns: 300 };

describe("scoring invariants", () => {
  it("the score lies in [0, 1]", () => {
    fc.assert(
      fc.property(yearArbitrary, ({ framework, data }) => {
        const result = score(framework, data);
        expect(result.scoreExact).toBeGreaterThanOrEqual(0);
        expect(result.scoreExact).toBeLessThanOrEqual(1);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it("losses add up to 1 − scoreExact", () => {
    fc.assert(
      fc.property(yearArbitrary, ({ framework, data }) => {
        const result = score(framework, data);
        expect(Math.abs(totalLoss(result) - (1 - result.scoreExact))).toBeLessThan(1e-12);
        const byDepartment = result.departments.reduce(
          (sum, department) => sum + department.loss,
          0,
        );
        expect(
          Math.abs(byDepartment + result.partLevelLoss - (1 - result.scoreExact)),
        ).toBeLessThan(1e-12);
      }),
      RUNS,
    );
  });

  it("raising a value under a ratio rule never lowers the score", () => {
    const raise = fc.record({
      base: fc.double({ min: -100, max: 300, noNaN: true }),
      step: fc.double({ min: 0, max: 200, noNaN: true }),
      target: fc.double({ min: 1, max: 200, noNaN: true }),
      other: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(yearArbitrary, raise, ({ framework, data }, { base, step, target, other }) => {
        const indicators = [
          ...(framework.indicators as Doc[]),
          {
            code: "RAISED",
            name: "被提高的指标",
            domain: "EDU",
            department: "D1",
            weight: 1 + other,
            formula: "RAISED_INPUT",
            rule: { type: "ratio", target },
          },
        ];
        const dataElements = [
          ...(framework.dataElements as Doc[]),
          { code: "RAISED_INPUT", name: "被提高的数" },
        ];
        const at = (value: number) => {
          const values = {
            ...(data.values as Record<string, Record<string, number>>),
            RAISED_INPUT: { city: value },
          };
          return score({ ...framework, dataElements, indicators }, { ...data, values }).scoreExact;
        };
        expect(at(base + step)).toBeGreaterThanOrEqual(at(base) - 1e-15);
      }),
      RUNS,
    );
  });

  it("does not depend on the order of items in the files", () => {
    fc.assert(
      fc.property(
        yearArbitrary,
        fc.integer({ min: 1, max: 1_000_000 }),
        ({ framework, data }, seed) => {
          const reordered = {
            ...framework,
            indicators: shuffled(framework.indicators as Doc[], seed),
            workItems: shuffled(framework.workItems as Doc[], seed + 1),
            dataElements: shuffled(framework.dataElements as Doc[], seed + 2),
            departments: shuffled(framework.departments as Doc[], seed + 3),
            parts: shuffled(framework.parts as Doc[], seed + 4),
          };
          const reorderedData = { ...data, regions: shuffled(data.regions as Doc[], seed + 5) };
          const a = presentScoreReport(score(framework, data));
          const b = presentScoreReport(score(reordered, reorderedData));
          expect(b.score).toBe(a.score);
          expect(b.grade).toBe(a.grade);
          expect(Math.abs(b.scoreExact - a.scoreExact)).toBeLessThan(1e-12);
          const byCode = <T extends { code: string }>(list: T[]) =>
            new Map(list.map((item) => [item.code, item]));
          const indicatorsB = byCode(b.indicators);
          for (const indicator of a.indicators) {
            const other = indicatorsB.get(indicator.code)!;
            expect(other.status).toBe(indicator.status);
            expect(Math.abs(other.ratio - indicator.ratio)).toBeLessThan(1e-12);
            expect(Math.abs(other.loss - indicator.loss)).toBeLessThan(1e-12);
            expect(Object.keys(other.regions).sort()).toEqual(
              Object.keys(indicator.regions).sort(),
            );
          }
          expect(b.departments.map((d) => d.code)).toEqual(a.departments.map((d) => d.code));
          expect(b.plan.map((entry) => entry.code)).toEqual(a.plan.map((entry) => entry.code));
        },
      ),
      RUNS,
    );
  });
});
