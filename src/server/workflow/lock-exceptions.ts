import type { ExceptionBody, ExceptionList, LockException } from "../../contract/api";
import { isPast } from "../../core/workflow/deadline";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { CITY_READERS, REVIEWERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { loadCycle } from "../cycles/load-cycle";
import { invalid, notFound } from "../errors";
import { newId } from "../ids";
import { assertDepartmentOf } from "./read-submission";
import { presentException } from "./submission-view";
import { isCalendarDate } from "../../core/workflow/deadline";

export async function listExceptions(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
): Promise<ExceptionList> {
  requireRole(user, CITY_READERS);
  const { cycle } = await loadCycle(deps, year);
  const rows = await deps.repos.workflow.exceptions(cycle.id);
  const names = await deps.repos.departments.displayNames([
    ...new Set(rows.map((r) => r.granted_by)),
  ]);
  const now = deps.clock.now();
  return {
    year,
    exceptions: rows.map((row) => presentException(row, now, (u) => names.get(u) ?? null)),
  };
}

/**
 * The office lets one department keep writing after the departments' deadline, until
 * a day it names (inclusive, Beijing time) and for a reason; audited. The day must not
 * have passed already and must be no later than the province's deadline.
 */
export async function grantException(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  body: ExceptionBody,
): Promise<LockException> {
  requireRole(user, REVIEWERS);
  const loaded = await loadCycle(deps, year);
  assertDepartmentOf(loaded, body.department);
  const now = deps.clock.now();
  if (!isCalendarDate(body.until)) {
    throw invalid("until：应为日期，如 2026-03-13", "until: expected a date such as 2026-03-13", {
      field: "until",
    });
  }
  if (isPast(body.until, now)) {
    throw invalid(`until：${body.until} 已经过去`, `until: ${body.until} has already passed`, {
      field: "until",
    });
  }
  if (body.until > loaded.cycle.province_due) {
    throw invalid(
      `until：不能晚于报省截止日期 ${loaded.cycle.province_due}`,
      `until: it cannot be later than the province's deadline ${loaded.cycle.province_due}`,
      { field: "until" },
    );
  }
  const row = {
    id: newId(),
    cycle_id: loaded.cycle.id,
    department_code: body.department,
    until: body.until,
    reason: body.reason,
    granted_by: user.username,
    granted_at: now.toISOString(),
    revoked_by: null,
    revoked_at: null,
  };
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    await tx.workflow.addException(row);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "lock.exception.grant",
      objectType: "lock_exception",
      objectId: `${year}/${body.department}/${row.id}`,
      after: { department: body.department, until: body.until, reason: body.reason },
    });
  });
  return presentException(row, now, (u) => (u === user.username ? user.displayName : null));
}

/** Ends an exception now; audited. */
export async function revokeException(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  id: string,
): Promise<void> {
  requireRole(user, REVIEWERS);
  const { cycle } = await loadCycle(deps, year);
  const missing = () => notFound(`没有这项例外`, `there is no such exception`);
  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    const row = await tx.workflow.exception(id);
    if (!row || row.cycle_id !== cycle.id) throw missing();
    if (!(await tx.workflow.revokeException(id, user.username, deps.clock.now().toISOString()))) {
      throw missing();
    }
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "lock.exception.revoke",
      objectType: "lock_exception",
      objectId: `${year}/${row.department_code}/${id}`,
      before: { until: row.until, reason: row.reason },
    });
  });
}
