import type { AuditLogPage, AuditLogQuery, AuditLogRow } from "../../contract/audit-log";
import type { AuthUser } from "../auth/auth-user";
import { AUDIT_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { invalid } from "../errors";
import type { AuditLogFilter } from "./audit.repository";

type Deps = Pick<UseCaseDeps, "repos">;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a YYYY-MM-DD date, or a 422 naming the field when it is no such day. */
function startOfDay(date: string, field: string): Date {
  const start = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== date) {
    throw invalid(
      `${field}：应为日期，如 2026-03-10`,
      `${field}: expected a date such as 2026-03-10`,
      {
        field,
      },
    );
  }
  return start;
}

/**
 * The upper bound of a range ending on `day`: the next midnight. Past year 9999 an ISO
 * string gains a sign and would sort before every stored time, so there is no bound.
 */
function dayAfter(day: Date): { before?: string } {
  const next = new Date(day.getTime() + DAY_MS);
  return next.getUTCFullYear() > 9999 ? {} : { before: next.toISOString() };
}

/** A stored JSON column as the reader sees it; a value that is not JSON is shown as it is. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One page of the audit log, newest first, narrowed by actor, action, object id (contains,
 * any case) and a range of days (UTC, both ends included). Audit readers only, the same
 * roles that verify the chain.
 */
export async function readAuditLog(
  deps: Deps,
  user: AuthUser,
  query: AuditLogQuery,
): Promise<AuditLogPage> {
  requireRole(user, AUDIT_READERS);
  const filter: AuditLogFilter = {
    ...(query.actor !== undefined ? { actor: query.actor } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.object !== undefined ? { objectContains: query.object } : {}),
    ...(query.from !== undefined ? { from: startOfDay(query.from, "from").toISOString() } : {}),
    ...(query.to !== undefined ? dayAfter(startOfDay(query.to, "to")) : {}),
  };
  const { page, pageSize } = query;
  // Both on one snapshot, so the total agrees with the rows even while others write.
  const [rows, total] = await deps.repos.snapshot(
    async (repos) =>
      [
        await repos.audit.page(filter, (page - 1) * pageSize, pageSize),
        await repos.audit.count(filter),
      ] as const,
  );
  return {
    rows: rows.map((row): AuditLogRow => ({
      seq: Number(row.seq),
      at: row.at,
      actor: row.actor,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      before: parsed(row.before),
      after: parsed(row.after),
    })),
    total,
    page,
    pageSize,
  };
}

/** Every action name the log holds, for the reader's filter (audit readers only). */
export async function listAuditActions(deps: Deps, user: AuthUser): Promise<string[]> {
  requireRole(user, AUDIT_READERS);
  return deps.repos.audit.actions();
}
