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
