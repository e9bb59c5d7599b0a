import type { Dataset, Framework, Part } from "../model";
import { magnitudeExponent, timesPowerOfTwo } from "../numbers/scaled";
import { collectElementValues } from "./element-values";
import { byLossThenCode, planToTarget } from "./plan";
import { clamp01, roundHalfAwayFromZero } from "./round";
import { satisfactionValue } from "./satisfaction";
import { scoreIndicator } from "./score-indicators";
import type { DomainResult, PartResult, ScoreResult, WorkItemResult } from "./types";

/** Decimal places of the reported score. */
export const SCORE_DECIMALS = 4;

function gradeOf(framework: Framework, score: number): string | null {
  return framework.doc.grades.find((grade) => grade.min <= score)?.name ?? null;
}

/**
 * Points earned per work item, summed in the order of the item's criteria: each award
 * is at most its criterion's points, and the criteria's own sum passed the framework
 * check, so this sum stays finite however large the points are.
 */
function scoreWorkItems(framework: Framework, dataset: Dataset) {
  const work = dataset.doc.work;
  return framework.workItems.map((item) => {
    const awarded = Object.hasOwn(work, item.code) ? work[item.code] : undefined;
    let earned = 0;
    if (awarded) {
      for (const criterion of item.criteria) {
        if (Object.hasOwn(awarded, criterion.code)) earned += awarded[criterion.code]!;
      }
    }
    return { item, earned, answered: awarded !== undefined };
  });
}

/**
 * Weights (or points) divided by the power of two nearest the largest: the shares
 * w / Σw are the same bits as before, but weights of 1e308 no longer sum to infinity.
 */
function normalized(weights: readonly number[]): (weight: number) => number {
  const exponent = magnitudeExponent(weights);
  return (weight) => timesPowerOfTwo(weight, -exponent);
}

/**
 * Scores one city's year against a framework (spec §3): indicator values and ratios,
 * part scores, the composite, its rounding and grade, every loss, and the plan to the target.
 */
export function scoreYear(framework: Framework, dataset: Dataset): ScoreResult {
  const values = collectElementValues(framework, dataset);
  const indicators = framework.indicators.map((indicator) =>
    scoreIndicator(indicator, values, dataset),
  );
  const work = scoreWorkItems(framework, dataset);
  const partWeight = normalized(framework.parts.map((part) => part.weight));
  const totalWeight = framework.parts.reduce((sum, part) => sum + partWeight(part.weight), 0);

  const workItems: WorkItemResult[] = work.map(({ item, earned, answered }) => ({
    code: item.code,
    partCode: item.partCode,
    domain: item.domain,
    department: item.department,
    earned,
    points: item.points,
    answered,
    loss: 0,
  }));
  const available = new Map<string, number>();
  const addAvailable = (domain: string, share: number) =>
    available.set(domain, (available.get(domain) ?? 0) + share);

  let partLevelLoss = 0;
  const parts: PartResult[] = framework.parts.map((part: Part) => {
    const partShare = partWeight(part.weight) / totalWeight;
    let score = 0;
    let attributed = false;
    if (part.kind === "indicators") {
      const members = framework.indicators
        .map((indicator, index) => ({ indicator, result: indicators[index]! }))
        .filter(({ indicator }) => indicator.partCode === part.code);
      const weight = normalized(members.map(({ indicator }) => indicator.weight));
      const weightSum = members.reduce((sum, { indicator }) => sum + weight(indicator.weight), 0);
      if (weightSum > 0) {
        attributed = true;
        score =
          members.reduce(
            (sum, { indicator, result }) => sum + weight(indicator.weight) * result.ratio,
            0,
          ) / weightSum;
        for (const { indicator, result } of members) {
          const share = weight(indicator.weight) / weightSum;
          result.loss = partShare * share * (1 - result.ratio);
          addAvailable(indicator.domain, partShare * share);
        }
      }
    } else if (part.kind === "work") {
      const members = workItems.filter((result) => result.partCode === part.code);
      const points = normalized(members.map((result) => result.points));
      const pointSum = members.reduce((sum, result) => sum + points(result.points), 0);
      if (pointSum > 0) {
        attributed = true;
        score = members.reduce((sum, result) => sum + points(result.earned), 0) / pointSum;
        for (const result of members) {
          result.loss = partShare * ((points(result.points) - points(result.earned)) / pointSum);
          addAvailable(result.domain, partShare * (points(result.points) / pointSum));
        }
      }
    } else {
      const value = satisfactionValue(dataset.doc.satisfaction);
      score = value === undefined ? 0 : clamp01(value / part.scale!);
    }
    const loss = partShare * (1 - score);
    if (!attributed) partLevelLoss += loss;
    return { code: part.code, kind: part.kind, weight: part.weight, score, loss };
  });

  const scoreExact =
    parts.reduce((sum, part) => sum + partWeight(part.weight) * part.score, 0) / totalWeight;
  const score = roundHalfAwayFromZero(scoreExact, SCORE_DECIMALS);
  // A target written as -0 reads back from JSON as 0; report it so.
  const target = framework.doc.target + 0;
  const meetsTarget = score >= target;

  const itemLoss = [...indicators, ...workItems];
  const departments = framework.doc.departments
    .map((department) => ({
      code: department.code,
      loss: itemLoss
        .filter((item) => item.department === department.code)
        .reduce((sum, item) => sum + item.loss, 0),
    }))
    .sort(byLossThenCode);
  const domains: DomainResult[] = framework.doc.domains.map((domain) => ({
    code: domain.code,
    available: available.get(domain.code) ?? 0,
    loss: itemLoss
      .filter((item) => item.domain === domain.code)
      .reduce((sum, item) => sum + item.loss, 0),
  }));

  return {
    framework: framework.doc.code,
    year: dataset.doc.year,
    score,
    scoreExact,
    grade: gradeOf(framework, score),
    target,
    meetsTarget,
    parts,
    indicators,
    workItems,
    departments,
    domains,
    partLevelLoss,
    plan: meetsTarget ? [] : planToTarget(framework, target - scoreExact, indicators, workItems),
  };
}
