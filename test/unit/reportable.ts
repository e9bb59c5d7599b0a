import { expect } from "vitest";
import { scoreReportSchema, type ScoreReport } from "../../src/contract/score-report";

/** Every number in a report, with where it is, for a message that names the culprit. */
function numbersIn(value: unknown, path = "report"): { path: string; value: number }[] {
  if (typeof value === "number") return [{ path, value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => numbersIn(child, `${path}.${key}`));
}

/** The promise: only finite numbers (or null), none of them −0, and JSON reads it back identical. */
export function expectReportable(report: ScoreReport): void {
  const notFinite = numbersIn(report).filter(({ value }) => !Number.isFinite(value));
  expect(notFinite).toEqual([]);
  const negativeZero = numbersIn(report).filter(({ value }) => Object.is(value, -0));
  expect(negativeZero).toEqual([]);
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  expect(scoreReportSchema.safeParse(report).success).toBe(true);
  expect(report.scoreExact).toBeGreaterThanOrEqual(0);
  expect(report.scoreExact).toBeLessThanOrEqual(1);
}
