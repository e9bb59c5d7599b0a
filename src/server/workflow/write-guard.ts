import { lockReason } from "../../core/workflow/lock";
import type { Clock } from "../clock";
import type { Repositories } from "../repositories";
import { lockedError } from "./lock-messages";

/** Who writes and what the write touches, for the lock rule (core/workflow/lock.ts). */
export interface WriteScope {
  /** The departments whose hand-in covers the item (core/workflow/owners.ts). */
  owners: readonly string[];
  /** The writer's department; null for the office and administrators. */
  writerDepartment: string | null;
}

interface CycleFacts {
  status: "open" | "aggregated" | "closed";
  departmentsDue: string;
  states: Map<string, "draft" | "submitted" | "returned" | "accepted">;
  exceptions: Map<string, string>;
}

/** Read once per transaction and year: a batch of saves shares the facts. */
const factsInTransaction = new WeakMap<Repositories, Map<string, Promise<CycleFacts>>>();

async function readFacts(tx: Repositories, cycleId: string): Promise<CycleFacts> {
  const [cycle, submissions, exceptions] = await Promise.all([
    tx.cycles.byId(cycleId),
    tx.workflow.submissions(cycleId),
    tx.workflow.exceptions(cycleId),
  ]);
  const latest = new Map<string, string>();
  for (const exception of exceptions) {
    if (exception.revoked_at !== null) continue;
    const known = latest.get(exception.department_code);
    if (!known || exception.until > known) latest.set(exception.department_code, exception.until);
  }
  return {
    status: cycle?.status ?? "closed",
    departmentsDue: cycle?.departments_due ?? "1970-01-01",
    states: new Map(submissions.map((row) => [row.department_code, row.state])),
    exceptions: latest,
  };
}

/**
 * The check that counts, inside the writing transaction after the audit head lock is
 * taken: every workflow step takes the same lock, so a submission, return, exception
 * or aggregation committed a moment ago — by this process or another one on the same
 * database — is seen here, and nothing cached can let a write through.
 */
export async function assertWritableIn(
  tx: Repositories,
  clock: Clock,
  cycle: { id: string; year: number },
  scope: WriteScope,
): Promise<void> {
  let byCycle = factsInTransaction.get(tx);
  if (!byCycle) factsInTransaction.set(tx, (byCycle = new Map()));
  let pending = byCycle.get(cycle.id);
  if (!pending) byCycle.set(cycle.id, (pending = readFacts(tx, cycle.id)));
  const facts = await pending;
  const reason = lockReason({
    cycleStatus: facts.status,
    departmentsDue: facts.departmentsDue,
    owners: scope.owners,
    states: facts.states,
    writerDepartment: scope.writerDepartment,
    exceptions: facts.exceptions,
    now: clock.now(),
  });
  if (reason) {
    const names = new Map((await tx.departments.list()).map((row) => [row.code, row.name]));
    throw lockedError(reason, cycle.year, (code) => names.get(code) ?? code);
  }
}
