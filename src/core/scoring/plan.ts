import type { Framework } from "../model";
import { valueNeeded } from "./rules";
import type { IndicatorResult, PlanEntry, WorkItemResult } from "./types";

/**
 * Losses closer than this are equal for ordering: they differ only by the order in
 * which floating-point sums were taken, not by anything an evaluator could see.
 */
export const LOSS_TIE_TOLERANCE = 1e-12;

/** Largest loss first; equal losses (within the tolerance) by code. */
function byLossThenCode(
  a: { loss: number; code: string },
  b: { loss: number; code: string },
): number {
  const difference = b.loss - a.loss;
  if (Math.abs(difference) > LOSS_TIE_TOLERANCE) return difference;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * The shortest list of items whose full recovery closes the gap to the target:
 * largest loss first, ties by code, until their losses add up to the gap.
 */
export function planToTarget(
  framework: Framework,
  gap: number,
  indicators: IndicatorResult[],
  workItems: WorkItemResult[],
): PlanEntry[] {
  if (gap <= 0) return [];
  const rules = new Map(framework.indicators.map((indicator) => [indicator.code, indicator.rule]));
  const candidates: PlanEntry[] = [
    ...indicators
      .filter((result) => result.loss > 0)
      .map((result) => ({
        code: result.code,
        kind: "indicator" as const,
        gain: result.loss,
        needed: valueNeeded(rules.get(result.code)!),
        current: result.value,
      })),
    ...workItems
      .filter((result) => result.loss > 0)
      .map((result) => ({
        code: result.code,
        kind: "work" as const,
        gain: result.loss,
        needed: null,
        current: result.earned,
      })),
  ].sort((a, b) => byLossThenCode({ loss: a.gain, code: a.code }, { loss: b.gain, code: b.code }));

  const plan: PlanEntry[] = [];
  let recovered = 0;
  for (const entry of candidates) {
    if (recovered >= gap - LOSS_TIE_TOLERANCE) break;
    plan.push(entry);
    recovered += entry.gain;
  }
  return plan;
}

export { byLossThenCode };
