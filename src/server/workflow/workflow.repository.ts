import type { Executor } from "../db/executor";
import { newId } from "../ids";
import type {
  CycleSnapshotsTable,
  DepartmentSubmissionsTable,
  LockExceptionsTable,
  SubmissionEventsTable,
} from "../db/schema";

type State = DepartmentSubmissionsTable["state"];

/**
 * An id that sorts in the order of the steps: the step's number (the hand-in's version
 * after it, or the year's count of snapshots) first. Steps are listed by time and then
 * id, and two steps can share a millisecond; a random id alone would then order them
 * by chance and "the latest submission" could be an older one.
 */
export const stepId = (step: number): string => `${String(step).padStart(10, "0")}-${newId()}`;

/** All SQL for hand-in states, their steps, lock exceptions and aggregation snapshots. */
export function workflowRepository(db: Executor) {
  return {
    submissions: (cycleId: string) =>
      db.selectFrom("department_submissions").selectAll().where("cycle_id", "=", cycleId).execute(),
    submission: (cycleId: string, department: string) =>
      db
        .selectFrom("department_submissions")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("department_code", "=", department)
        .executeTakeFirst(),
    /** The states of some departments (no row: draft), read inside the writing transaction. */
    statesOf: async (cycleId: string, departments: readonly string[]) => {
      if (departments.length === 0) return new Map<string, State>();
      const rows = await db
        .selectFrom("department_submissions")
        .select(["department_code", "state"])
        .where("cycle_id", "=", cycleId)
        .where("department_code", "in", [...departments])
        .execute();
      return new Map(rows.map((row) => [row.department_code, row.state]));
    },
    /** Makes sure the department has a row (draft) so a guarded UPDATE can find it. */
    ensureRow: (cycleId: string, department: string, at: string) =>
      db
        .insertInto("department_submissions")
        .values({
          cycle_id: cycleId,
          department_code: department,
          state: "draft",
          version: 0,
          first_submitted_at: null,
          last_submitted_at: null,
          accepted_at: null,
          returns: 0,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(["cycle_id", "department_code"]).doNothing())
        .execute(),
    /**
     * Moves a hand-in from one of `from` to `to` in one guarded statement; returns false
     * when the state was no longer one of `from` (someone else moved it first).
     */
    transition: async (
      cycleId: string,
      department: string,
      from: readonly State[],
      change: Partial<DepartmentSubmissionsTable> & { state: State; updated_at: string },
      countReturn: boolean,
    ) => {
      const result = await db
        .updateTable("department_submissions")
        .set((eb) => ({
          ...change,
          version: eb("version", "+", 1),
          ...(countReturn ? { returns: eb("returns", "+", 1) } : {}),
        }))
        .where("cycle_id", "=", cycleId)
        .where("department_code", "=", department)
        .where("state", "in", [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    addEvent: (row: SubmissionEventsTable) =>
      db.insertInto("submission_events").values(row).execute(),
    events: (cycleId: string, department?: string) => {
      let query = db.selectFrom("submission_events").selectAll().where("cycle_id", "=", cycleId);
      if (department !== undefined) query = query.where("department_code", "=", department);
      return query.orderBy("at").orderBy("id").execute();
    },
    latestEvent: (cycleId: string, department: string, kind: SubmissionEventsTable["kind"]) =>
      db
        .selectFrom("submission_events")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("department_code", "=", department)
        .where("kind", "=", kind)
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst(),

    exceptions: (cycleId: string) =>
      db
        .selectFrom("lock_exceptions")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .orderBy("granted_at", "desc")
        .execute(),
    exception: (id: string) =>
      db.selectFrom("lock_exceptions").selectAll().where("id", "=", id).executeTakeFirst(),
    addException: (row: LockExceptionsTable) =>
      db.insertInto("lock_exceptions").values(row).execute(),
    revokeException: async (id: string, by: string, at: string) => {
      const result = await db
        .updateTable("lock_exceptions")
        .set({ revoked_by: by, revoked_at: at })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    setCycleStatus: async (
      cycleId: string,
      from: "open" | "aggregated",
      to: "open" | "aggregated",
    ) => {
      const result = await db
        .updateTable("cycles")
        .set({ status: to })
        .where("id", "=", cycleId)
        .where("status", "=", from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    countSnapshots: async (cycleId: string) =>
      Number(
        (
          await db
            .selectFrom("cycle_snapshots")
            .select((eb) => eb.fn.countAll().as("count"))
            .where("cycle_id", "=", cycleId)
            .executeTakeFirstOrThrow()
        ).count,
      ),
    addSnapshot: (row: CycleSnapshotsTable) =>
      db.insertInto("cycle_snapshots").values(row).execute(),
    latestSnapshot: (cycleId: string) =>
      db
        .selectFrom("cycle_snapshots")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst(),
  };
}

export type WorkflowRepository = ReturnType<typeof workflowRepository>;
