import type { LockException, ReturnReason, Submission, SubmissionEvent } from "../../contract/api";
import type { Lang } from "../../core";
import { isPast } from "../../core/workflow/deadline";
import { lockReason } from "../../core/workflow/lock";
import type {
  CyclesTable,
  DepartmentSubmissionsTable,
  LockExceptionsTable,
  SubmissionEventsTable,
} from "../db/schema";
import { lockMessage } from "./lock-messages";

type Names = (username: string) => string | null;

const parse = <T>(text: string | null, empty: T): T =>
  text === null ? empty : (JSON.parse(text) as T);

export function presentException(
  row: LockExceptionsTable,
  now: Date,
  displayName: Names,
): LockException {
  return {
    id: row.id,
    department: row.department_code,
    until: row.until,
    reason: row.reason,
    grantedBy: { username: row.granted_by, displayName: displayName(row.granted_by) },
    grantedAt: row.granted_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null && !isPast(row.until, now),
  };
}

export function presentEvent(row: SubmissionEventsTable, displayName: Names): SubmissionEvent {
  return {
    id: row.id,
    kind: row.kind,
    at: row.at,
    actor: { username: row.actor, displayName: displayName(row.actor) },
    declaration: row.declaration,
    digest: row.digest,
    justifications: parse(row.justifications, []),
    reasons: parse<ReturnReason[]>(row.reasons, []),
    reason: row.reason,
  };
}

export interface SubmissionFacts {
  cycle: CyclesTable;
  department: string;
  row: DepartmentSubmissionsTable | undefined;
  /** The latest return, when the state is `returned`. */
  lastReturn: SubmissionEventsTable | undefined;
  exceptions: LockExceptionsTable[];
  now: Date;
  lang: Lang;
  departmentName: (code: string) => string;
  displayName: Names;
}

/** A department's hand-in state, with why its own users cannot write now (if so). */
export function presentSubmission(facts: SubmissionFacts): Submission {
  const { cycle, department, row, now } = facts;
  const state = row?.state ?? "draft";
  const active = facts.exceptions
    .filter((exception) => exception.department_code === department)
    .map((exception) => presentException(exception, now, facts.displayName))
    .filter((exception) => exception.active)
    .sort((a, b) => (a.until < b.until ? 1 : -1));
  const exception = active[0] ?? null;
  const reason = lockReason({
    cycleStatus: cycle.status,
    departmentsDue: cycle.departments_due,
    owners: [department],
    states: new Map([[department, state]]),
    writerDepartment: department,
    exceptions: new Map(exception ? [[department, exception.until]] : []),
    now,
  });
  return {
    state,
    version: row?.version ?? 0,
    firstSubmittedAt: row?.first_submitted_at ?? null,
    lastSubmittedAt: row?.last_submitted_at ?? null,
    acceptedAt: row?.accepted_at ?? null,
    returns: row?.returns ?? 0,
    openReasons:
      state === "returned" && facts.lastReturn
        ? parse<ReturnReason[]>(facts.lastReturn.reasons, [])
        : [],
    lock: reason
      ? {
          kind: reason.kind,
          department: "department" in reason ? reason.department : null,
          due: reason.kind === "deadline" ? reason.due : null,
          message: lockMessage(reason, cycle.year, facts.departmentName)[facts.lang],
        }
      : null,
    exception,
  };
}
