import type { DepartmentActivity, DepartmentOverview, Submission } from "../../contract/api";
import type { Coverage } from "../../core/progress/figure-coverage";

/** What the overview works out for one department, before it is shown. */
export interface DepartmentFacts {
  code: string;
  name: string;
  indicatorCount: number;
  workItemCount: number;
  figures: Coverage;
  itemsWithEvidence: number;
  loss: number;
  lastActivity: { at: string; by: string; kind: DepartmentActivity["kind"] } | undefined;
  submission: Submission;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** One department's progress as the API shows it. */
export function presentDepartmentOverview(
  facts: DepartmentFacts,
  displayNames: ReadonlyMap<string, string>,
): DepartmentOverview {
  const items = facts.indicatorCount + facts.workItemCount;
  const activity = facts.lastActivity;
  return {
    code: facts.code,
    name: facts.name,
    indicatorCount: facts.indicatorCount,
    workItemCount: facts.workItemCount,
    figures: { ...facts.figures, share: share(facts.figures.filled, facts.figures.expected) },
    evidence: {
      withEvidence: facts.itemsWithEvidence,
      items,
      share: share(facts.itemsWithEvidence, items),
    },
    loss: facts.loss,
    lastActivity: activity
      ? { ...activity, displayName: displayNames.get(activity.by) ?? null }
      : null,
    submission: facts.submission,
  };
}
