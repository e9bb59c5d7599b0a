import type { Dataset, Framework, Part } from "../model";
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

function scoreWorkItems(framework: Framework, dataset: Dataset) {
  return framework.workItems.map((item) => {
    const awarded = dataset.doc.work[item.code];
    const earned = awarded ? Object.values(awarded).reduce((sum, points) => sum + points, 0) : 0;
    return { item, earned, answered: awarded !== undefined };
  });
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
  const totalWeight = framework.parts.reduce((sum, part) => sum + part.weight, 0);

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
    const partShare = part.weight / totalWeight;
    let score = 0;
    let attributed = false;
    if (part.kind === "indicators") {
      const members = framework.indicators
        .map((indicator, index) => ({ indicator, result: indicators[index]! }))
        .filter(({ indicator }) => indicator.partCode === part.code);
      const weightSum = members.reduce((sum, { indicator }) => sum + indicator.weight, 0);
      if (weightSum > 0) {
        attributed = true;
        score =
          members.reduce((sum, { indicator, result }) => sum + indicator.weight * result.ratio, 0) /
          weightSum;
        for (const { indicator, result } of members) {
          result.loss = partShare * (indicator.weight / weightSum) * (1 - result.ratio);
          addAvailable(indicator.domain, partShare * (indicator.weight / weightSum));
        }
      }
    } else if (part.kind === "work") {
      const members = workItems.filter((result) => result.partCode === part.code);
      const pointSum = members.reduce((sum, result) => sum + result.points, 0);
      if (pointSum > 0) {
        attributed = true;
        score = members.reduce((sum, result) => sum + result.earned, 0) / pointSum;
        for (const result of members) {
          result.loss = partShare * ((result.points - result.earned) / pointSum);
          addAvailable(result.domain, partShare * (result.points / pointSum));
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

  const scoreExact = parts.reduce((sum, part) => sum + part.weight * part.score, 0) / totalWeight;
  const score = roundHalfAwayFromZero(scoreExact, SCORE_DECIMALS);
  const target = framework.doc.target;
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
