import type { DepartmentTimeliness, TimelinessReport } from "../../contract/api";
import { completeness } from "../../core/workflow/timeliness";
import { timeliness } from "../../core/workflow/timeliness";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import type { LockExceptionsTable } from "../db/schema";

/**
 * The last day of the lock exception in force for a department at an instant: granted
 * by then and not revoked by then (the latest day when several were). For a submitted
 * department the instant is its first submission — whether the office had allowed a
 * late hand-in is decided by what held when it came — otherwise now.
 */
export function exceptionInForce(
  exceptions: readonly LockExceptionsTable[],
  department: string,
  instant: string,
): string | null {
  let until: string | null = null;
  for (const row of exceptions) {
    if (row.department_code !== department || row.granted_at > instant) continue;
    if (row.revoked_at !== null && row.revoked_at <= instant) continue;
    if (until === null || row.until > until) until = row.until;
  }
  return until;
}

/**
 * Every department's timeliness (core/workflow/timeliness.ts: on time, late by N days,
 * missing, pending), its returns and the share of its items complete (the rule is in
 * `completeness` there), for the office's overview and its CSV and Excel downloads.
 * City readers get every department; a department user only their own.
 */
export async function listTimeliness(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
): Promise<TimelinessReport> {
  if (!isDepartmentUser(user)) requireRole(user, CITY_READERS);
  const { cycle, framework, regions } = await loadCycle(deps, year);
  const [submissions, exceptions, values, evidence, answers] = await Promise.all([
    deps.repos.workflow.submissions(cycle.id),
    deps.repos.workflow.exceptions(cycle.id),
    deps.repos.values.forCycle(cycle.id),
    deps.repos.evidence.forCycle(cycle.id),
    deps.repos.work.forCycle(cycle.id),
  ]);
  const now = deps.clock.now();

  const entered = new Map<string, Set<string>>();
  for (const row of values) {
    let filled = entered.get(row.element_code);
    if (!filled) entered.set(row.element_code, (filled = new Set()));
    filled.add(row.region_code);
  }
  const answered = new Set(answers.map((answer) => answer.itemCode));
  const regionCodes = regions.map((region) => region.code);

  const shown = framework.doc.departments.filter(
    (department) => !isDepartmentUser(user) || department.code === user.departmentCode,
  );
  const departments = shown.map((department): DepartmentTimeliness => {
    const row = submissions.find((candidate) => candidate.department_code === department.code);
    const first = row?.first_submitted_at ?? null;
    const exceptionUntil = exceptionInForce(
      exceptions,
      department.code,
      first ?? now.toISOString(),
    );
    const standing = timeliness({
      due: cycle.departments_due,
      exceptionUntil,
      firstSubmittedAt: first === null ? null : new Date(first),
      now,
    });
    const items = completeness({
      indicators: framework.indicators
        .filter((indicator) => indicator.department === department.code)
        .map((indicator) => ({
          code: indicator.code,
          inputs: indicator.compiled.inputs,
          requiresEvidence: (indicator.evidence?.length ?? 0) > 0,
        })),
      workItems: framework.workItems
        .filter((item) => item.department === department.code)
        .map((item) => item.code),
      regions: regionCodes,
      entered: (element) => entered.get(element),
      evidence: new Set(
        evidence
          .filter((file) => file.department_code === department.code)
          .map((file) => `${file.target_kind}:${file.target_code}`),
      ),
      answered,
    });
    return {
      code: department.code,
      name: department.name,
      state: row?.state ?? "draft",
      firstSubmittedAt: first,
      lastSubmittedAt: row?.last_submitted_at ?? null,
      status: standing.status,
      daysLate: standing.daysLate,
      exceptionUntil,
      withinException: standing.withinException,
      returns: row?.returns ?? 0,
      items,
    };
  });
  return {
    year: cycle.year,
    due: cycle.departments_due,
    generatedAt: now.toISOString(),
    departments,
  };
}
