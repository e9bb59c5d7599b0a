import type { Executor } from "../db/executor";
import type { WorkAnswersTable } from "../db/schema";

/** A work item's answer as stored, `awarded` parsed from its JSON text. */
export interface StoredWorkAnswer {
  itemCode: string;
  awarded: Record<string, number>;
  explanation: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

const toAnswer = (row: WorkAnswersTable): StoredWorkAnswer => ({
  itemCode: row.item_code,
  awarded: JSON.parse(row.awarded) as Record<string, number>,
  explanation: row.explanation,
  version: Number(row.version),
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

/** All SQL for work-item answers. */
export function workRepository(db: Executor) {
  return {
    forCycle: async (cycleId: string) =>
      (
        await db.selectFrom("work_answers").selectAll().where("cycle_id", "=", cycleId).execute()
      ).map(toAnswer),
    one: async (cycleId: string, itemCode: string) => {
      const row = await db
        .selectFrom("work_answers")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("item_code", "=", itemCode)
        .executeTakeFirst();
      return row ? toAnswer(row) : undefined;
    },
    insert: async (row: WorkAnswersTable): Promise<boolean> => {
      const result = await db
        .insertInto("work_answers")
        .values(row)
        .onConflict((oc) => oc.columns(["cycle_id", "item_code"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    update: async (row: WorkAnswersTable, expectedVersion: number): Promise<boolean> => {
      const result = await db
        .updateTable("work_answers")
        .set({
          awarded: row.awarded,
          explanation: row.explanation,
          version: row.version,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        })
        .where("cycle_id", "=", row.cycle_id)
        .where("item_code", "=", row.item_code)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type WorkRepository = ReturnType<typeof workRepository>;
