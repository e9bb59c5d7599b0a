import { z } from "zod";
import type { ScoreResult } from "../core/scoring/types";

/**
 * The `kaoping score --json` document (scoring spec §5). The CLI prints it, the API's
 * `GET /api/cycles/:year/score` returns it, and both are built by presentScoreReport.
 */
const nullableNumber = z.number().nullable();

export const equalizationReportSchema = z.object({
  cv: nullableNumber,
  theil: nullableNumber,
  gini: nullableNumber,
  maxMin: nullableNumber,
  theilBetween: nullableNumber,
  theilWithin: nullableNumber,
});

export const scoreReportSchema = z.object({
  framework: z.string(),
  year: z.number().int(),
  score: z.number(),
  scoreExact: z.number(),
  grade: z.string().nullable(),
  target: z.number(),
  meetsTarget: z.boolean(),
  parts: z.array(z.object({ code: z.string(), score: z.number(), weight: z.number() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      value: nullableNumber,
      ratio: z.number(),
      loss: z.number(),
      status: z.enum(["ok", "missing", "error"]),
      regions: z.record(z.string(), z.number()),
      equalization: equalizationReportSchema.optional(),
    }),
  ),
  workItems: z.array(
    z.object({ code: z.string(), earned: z.number(), points: z.number(), loss: z.number() }),
  ),
  departments: z.array(z.object({ code: z.string(), loss: z.number() })),
  plan: z.array(z.object({ code: z.string(), gain: z.number(), needed: nullableNumber })),
});

export type ScoreReport = z.infer<typeof scoreReportSchema>;

/** Maps the core's result to exactly the fields of spec §5, in the spec's order. */
export function presentScoreReport(result: ScoreResult): ScoreReport {
  return {
    framework: result.framework,
    year: result.year,
    score: result.score,
    scoreExact: result.scoreExact,
    grade: result.grade,
    target: result.target,
    meetsTarget: result.meetsTarget,
    parts: result.parts.map((part) => ({
      code: part.code,
      score: part.score,
      weight: part.weight,
    })),
    indicators: result.indicators.map((indicator) => ({
      code: indicator.code,
      value: indicator.value,
      ratio: indicator.ratio,
      loss: indicator.loss,
      status: indicator.status,
      regions: indicator.regions,
      ...(indicator.equalization ? { equalization: { ...indicator.equalization } } : {}),
    })),
    workItems: result.workItems.map((item) => ({
      code: item.code,
      earned: item.earned,
      points: item.points,
      loss: item.loss,
    })),
    departments: result.departments.map((department) => ({
      code: department.code,
      loss: department.loss,
    })),
    plan: result.plan.map((entry) => ({
      code: entry.code,
      gain: entry.gain,
      needed: entry.needed,
    })),
  };
}
