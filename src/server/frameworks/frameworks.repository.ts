import type { Executor } from "../db/executor";
import type { FrameworksTable } from "../db/schema";

/** All SQL for imported framework versions. */
export function frameworksRepository(db: Executor) {
  return {
    byId: (id: string) =>
      db.selectFrom("frameworks").selectAll().where("id", "=", id).executeTakeFirst(),
    latestVersion: async (code: string) => {
      const row = await db
        .selectFrom("frameworks")
        .select((eb) => eb.fn.max("version").as("version"))
        .where("code", "=", code)
        .executeTakeFirst();
      return row?.version == null ? 0 : Number(row.version);
    },
    bySha: (code: string, sha256: string) =>
      db
        .selectFrom("frameworks")
        .selectAll()
        .where("code", "=", code)
        .where("sha256", "=", sha256)
        .executeTakeFirst(),
    insert: (row: FrameworksTable) => db.insertInto("frameworks").values(row).execute(),
    /** Every imported version, by code and newest version first. */
    list: () =>
      db.selectFrom("frameworks").selectAll().orderBy("code").orderBy("version", "desc").execute(),
  };
}

export type FrameworksRepository = ReturnType<typeof frameworksRepository>;
