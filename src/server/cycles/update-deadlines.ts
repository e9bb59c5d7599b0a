import type { CycleDetail, DeadlinesBody } from "../../contract/api";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { CITY_WRITERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { DomainError, invalid, notFound } from "../errors";
import { getCycle } from "./read-cycles";
import { isCalendarDate } from "../../core/workflow/deadline";

export type DeadlineChange = DeadlinesBody;

/**
 * Moves a year's deadlines (the plan's defaults are 10 March for departments and
 * 25 March for the province, of the following year). Only the office and admins may;
 * departments must be due no later than the province. Audited with before and after.
 */
export async function updateDeadlines(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  change: DeadlineChange,
): Promise<CycleDetail> {
  requireRole(user, CITY_WRITERS);
  for (const [field, value] of Object.entries(change)) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw invalid(
        `${field}：应为日期，如 2026-03-10`,
        `${field}: expected a date such as 2026-03-10`,
        { field },
      );
    }
  }
  await deps.repos.transaction(async (tx) => {
    const cycle = await tx.cycles.byYear(year);
    if (!cycle) throw notFound(`没有 ${year} 年度的考评`, `there is no evaluation year ${year}`);
    const next = {
      departmentsDue: change.departmentsDue ?? cycle.departments_due,
      provinceDue: change.provinceDue ?? cycle.province_due,
    };
    if (next.departmentsDue > next.provinceDue) {
      throw new DomainError(
        "invalid",
        localized(
          `部门报送截止（${next.departmentsDue}）不能晚于报省截止（${next.provinceDue}）`,
          `departments cannot be due (${next.departmentsDue}) after the province (${next.provinceDue})`,
        ),
        { field: "departmentsDue" },
      );
    }
    await tx.cycles.setDeadlines(cycle.id, next.departmentsDue, next.provinceDue);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "cycle.deadlines",
      objectType: "cycle",
      objectId: String(year),
      before: { departmentsDue: cycle.departments_due, provinceDue: cycle.province_due },
      after: next,
    });
  });
  return getCycle(deps, user, year);
}
