import type { Executor } from "../db/executor";
import type { EvidenceTable } from "../db/schema";

export type EvidenceRow = EvidenceTable;

/** All SQL for evidence records (the files themselves are in the evidence store). */
export function evidenceRepository(db: Executor) {
  return {
    insert: (row: EvidenceRow) => db.insertInto("evidence").values(row).execute(),
    byId: async (id: string) => {
      const row = await db
        .selectFrom("evidence")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? { ...row, size: Number(row.size) } : undefined;
    },
    /** Removes one record; true when it was there to remove. */
    remove: async (id: string): Promise<boolean> => {
      const result = await db.deleteFrom("evidence").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** Whether any record (of any year) still points to these bytes. */
    isContentUsed: async (sha256: string): Promise<boolean> =>
      (await db
        .selectFrom("evidence")
        .select("id")
        .where("sha256", "=", sha256)
        .limit(1)
        .executeTakeFirst()) !== undefined,
    forCycle: async (cycleId: string) =>
      (
        await db
          .selectFrom("evidence")
          .selectAll()
          .where("cycle_id", "=", cycleId)
          .orderBy("uploaded_at")
          .execute()
      ).map((row) => ({ ...row, size: Number(row.size) })),
  };
}

export type EvidenceRepository = ReturnType<typeof evidenceRepository>;
