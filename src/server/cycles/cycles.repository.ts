import type { Executor } from "../db/executor";
import type { CycleRegionsTable, CyclesTable } from "../db/schema";

/** All SQL for evaluation years (cycles) and their regions. */
export function cyclesRepository(db: Executor) {
  return {
    list: () => db.selectFrom("cycles").selectAll().orderBy("year", "desc").execute(),
    statusOf: async (id: string) =>
      (await db.selectFrom("cycles").select("status").where("id", "=", id).executeTakeFirst())
        ?.status,
    byId: (id: string) =>
      db.selectFrom("cycles").selectAll().where("id", "=", id).executeTakeFirst(),
    byYear: (year: number) =>
      db.selectFrom("cycles").selectAll().where("year", "=", year).executeTakeFirst(),
    insert: (row: CyclesTable) => db.insertInto("cycles").values(row).execute(),
    setDeadlines: (id: string, departmentsDue: string, provinceDue: string) =>
      db
        .updateTable("cycles")
        .set({ departments_due: departmentsDue, province_due: provinceDue })
        .where("id", "=", id)
        .execute(),
    setSatisfaction: (id: string, satisfaction: string | null) =>
      db.updateTable("cycles").set({ satisfaction }).where("id", "=", id).execute(),
    regions: async (cycleId: string) =>
      (
        await db
          .selectFrom("cycle_regions")
          .selectAll()
          .where("cycle_id", "=", cycleId)
          .orderBy("position")
          .execute()
      ).map((row) => ({
        ...row,
        population: row.population === null ? null : Number(row.population),
      })),
    insertRegions: async (rows: CycleRegionsTable[]) => {
      if (rows.length > 0) await db.insertInto("cycle_regions").values(rows).execute();
    },
  };
}

export type CyclesRepository = ReturnType<typeof cyclesRepository>;
