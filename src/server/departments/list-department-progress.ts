import type { DepartmentActivity, DepartmentsOverview } from "../../contract/api";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_READERS, elementsOfDepartment, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { scoreLoadedCycle } from "../cycles/score-cycle";
import { presentDepartmentOverview, type DepartmentFacts } from "./departments.presenter";
import { figureCoverage } from "../../core/progress/figure-coverage";
import type { Lang } from "../../core";
import { submissionsOf } from "../workflow/read-submission";

/** A change: when, by whom, and of what. */
interface Stamp {
  at: string;
  by: string;
  kind: DepartmentActivity["kind"];
}

/** The later of two changes (timestamps are ISO 8601 UTC, so they compare as text). */
const later = (a: Stamp | undefined, b: Stamp | undefined) => (!a || (b && b.at > a.at) ? b : a);

/** Keeps the latest change per key. */
class LatestChanges {
  private readonly latest = new Map<string, Stamp>();
  note(key: string, stamp: Stamp): void {
    this.latest.set(key, later(this.latest.get(key), stamp)!);
  }
  get(key: string): Stamp | undefined {
    return this.latest.get(key);
  }
}

const itemKey = (kind: string, code: string) => `${kind}\u0000${code}`;

/**
 * Every department's progress in a year, for the office's overview and a department's
 * own page: its items, the figures entered of those expected (rule in figure-coverage.ts),
 * the items with evidence, what its items cost the score (the server's own score, as
 * `GET /score` reports it) and its latest change. City readers get every department; a
 * department user only their own.
 *
 * The latest change is the newest of: a figure its indicators read saved or cleared
 * (a figure several departments read counts for each), an answer to one of its work
 * items, evidence filed under it, a comment on one of its items. Removing evidence
 * leaves no row behind and is not counted (the audit log has it).
 */
export async function listDepartmentProgress(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  lang: Lang = "zh",
): Promise<DepartmentsOverview> {
  if (!isDepartmentUser(user)) requireRole(user, CITY_READERS);
  const loaded = await loadCycle(deps, year);
  const { cycle, framework } = loaded;
  const [values, cleared, answers, evidence, comments, score] = await Promise.all([
    deps.repos.values.forCycle(cycle.id),
    deps.repos.departments.clearedFigures(cycle.id),
    deps.repos.work.forCycle(cycle.id),
    deps.repos.evidence.forCycle(cycle.id),
    deps.repos.comments.stampsForCycle(cycle.id),
    scoreLoadedCycle(deps, loaded),
  ]);
  const submissions = await submissionsOf(deps.repos, loaded, deps.clock.now(), lang);

  const entered = new Map<string, Set<string>>();
  const changes = new LatestChanges();
  for (const row of values) {
    let regions = entered.get(row.element_code);
    if (!regions) entered.set(row.element_code, (regions = new Set()));
    regions.add(row.region_code);
    changes.note(itemKey("dataElement", row.element_code), {
      at: row.updated_at,
      by: row.updated_by,
      kind: "figure",
    });
  }
  for (const row of cleared) {
    changes.note(itemKey("dataElement", row.element_code), {
      at: row.changed_at,
      by: row.changed_by,
      kind: "figure",
    });
  }
  for (const answer of answers) {
    changes.note(itemKey("workItem", answer.itemCode), {
      at: answer.updatedAt,
      by: answer.updatedBy,
      kind: "work",
    });
  }
  const evidenceFiled = new Set<string>();
  for (const row of evidence) {
    evidenceFiled.add(`${row.department_code}\u0000${itemKey(row.target_kind, row.target_code)}`);
    changes.note(`evidence\u0000${row.department_code}`, {
      at: row.uploaded_at,
      by: row.uploaded_by,
      kind: "evidence",
    });
  }
  const commenters = new Map<string, string>();
  for (const row of comments) {
    commenters.set(row.username, row.display_name);
    changes.note(`comment\u0000${itemKey(row.target_kind, row.target_code)}`, {
      at: row.created_at,
      by: row.username,
      kind: "comment",
    });
  }

  const regionCodes = loaded.regions.map((region) => region.code);
  const losses = new Map(score.departments.map((department) => [department.code, department.loss]));
  const shown = framework.doc.departments.filter(
    (department) => !isDepartmentUser(user) || department.code === user.departmentCode,
  );
  const facts: DepartmentFacts[] = shown.map((department) => {
    const indicators = framework.indicators.filter((item) => item.department === department.code);
    const workItems = framework.workItems.filter((item) => item.department === department.code);
    const elements = elementsOfDepartment(framework, department.code);
    const filed = (kind: string, code: string) =>
      evidenceFiled.has(`${department.code}\u0000${itemKey(kind, code)}`);
    const itemsWithEvidence =
      indicators.filter(
        (indicator) =>
          filed("indicator", indicator.code) ||
          indicator.compiled.inputs.some((element) => filed("dataElement", element)),
      ).length + workItems.filter((item) => filed("workItem", item.code)).length;

    let latest = changes.get(`evidence\u0000${department.code}`);
    for (const element of elements) {
      latest = later(latest, changes.get(itemKey("dataElement", element)));
    }
    for (const indicator of indicators) {
      latest = later(latest, changes.get(`comment\u0000${itemKey("indicator", indicator.code)}`));
    }
    for (const item of workItems) {
      latest = later(latest, changes.get(itemKey("workItem", item.code)));
      latest = later(latest, changes.get(`comment\u0000${itemKey("workItem", item.code)}`));
    }
    return {
      code: department.code,
      name: department.name,
      indicatorCount: indicators.length,
      workItemCount: workItems.length,
      figures: figureCoverage(elements, regionCodes, (element) => entered.get(element)),
      itemsWithEvidence,
      loss: losses.get(department.code) ?? 0,
      lastActivity: latest,
      submission: submissions.get(department.code)!,
    };
  });

  const authors = [
    ...new Set(facts.flatMap((fact) => (fact.lastActivity ? [fact.lastActivity.by] : []))),
  ];
  const displayNames = await deps.repos.departments.displayNames(
    authors.filter((name) => !commenters.has(name)),
  );
  for (const [username, name] of commenters) displayNames.set(username, name);
  return {
    year: cycle.year,
    departments: facts.map((fact) => presentDepartmentOverview(fact, displayNames)),
  };
}
