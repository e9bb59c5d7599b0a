/**
 * What each part and each service area (domain) could give the composite score, what it
 * lost and what it earned, as shares of 1 (the score's own scale). The score report has
 * every item's loss; the shares come from the framework's weights exactly as spec §3
 * sets them (part weight / Σ part weights × the item's weight or points within its part).
 */
import type { FrameworkDocument } from "../../../contract/api";
import type { ScoreReport } from "../../../contract/score-report";
import { itemShares, partShares } from "../office/item-shares";

export interface AreaTotal {
  code: string;
  name: string;
  /** The share of the composite the area can give (0–1). */
  available: number;
  loss: number;
  earned: number;
}

/** Each part of the method: its share of the composite, the loss (W_p/ΣW × (1 − S_p)). */
export function partTotals(framework: FrameworkDocument, report: ScoreReport): AreaTotal[] {
  const shares = partShares(framework);
  return framework.parts.map((part) => {
    const available = shares.get(part.code) ?? 0;
    const score = report.parts.find((candidate) => candidate.code === part.code)?.score ?? 0;
    const loss = available * (1 - score);
    return { code: part.code, name: part.name, available, loss, earned: available - loss };
  });
}

/** Each service area: the shares of its indicators and work items, and their losses. */
export function domainTotals(framework: FrameworkDocument, report: ScoreReport): AreaTotal[] {
  const shares = itemShares(framework);
  const available = new Map<string, number>();
  for (const item of [...framework.indicators, ...framework.workItems]) {
    available.set(item.domain, (available.get(item.domain) ?? 0) + (shares.get(item.code) ?? 0));
  }

  const lossOf = new Map<string, number>();
  const domainOf = new Map<string, string>([
    ...framework.indicators.map((item) => [item.code, item.domain] as const),
    ...framework.workItems.map((item) => [item.code, item.domain] as const),
  ]);
  for (const item of [...report.indicators, ...report.workItems]) {
    const domain = domainOf.get(item.code);
    if (domain !== undefined) lossOf.set(domain, (lossOf.get(domain) ?? 0) + item.loss);
  }
  return framework.domains.map((domain) => {
    const share = available.get(domain.code) ?? 0;
    const loss = lossOf.get(domain.code) ?? 0;
    return { code: domain.code, name: domain.name, available: share, loss, earned: share - loss };
  });
}

/** Departments by points lost, most first (the report's order), with their names. */
export function departmentLosses(
  framework: FrameworkDocument,
  report: ScoreReport,
): { code: string; name: string; loss: number }[] {
  const names = new Map(
    framework.departments.map((department) => [department.code, department.name]),
  );
  return report.departments.map((department) => ({
    code: department.code,
    name: names.get(department.code) ?? department.code,
    loss: department.loss,
  }));
}
