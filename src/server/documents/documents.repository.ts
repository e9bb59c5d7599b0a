import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../db/executor";
import type { DocumentJobsTable } from "../db/schema";

export interface StoredNarrative {
  section: string;
  text: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export type DocumentJobRow = Selectable<DocumentJobsTable>;

/** All SQL for report narratives and bound-volume jobs. */
export function documentsRepository(db: Executor) {
  return {
    async narratives(cycleId: string, scope: string): Promise<StoredNarrative[]> {
      const rows = await db
        .selectFrom("report_narratives")
        .select(["section", "text", "version", "updated_by", "updated_at"])
        .where("cycle_id", "=", cycleId)
        .where("scope", "=", scope)
        .execute();
      return rows.map((row) => ({
        section: row.section,
        text: row.text,
        version: Number(row.version),
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }));
    },

    /**
     * Writes one section when `version` is the stored one (0: none stored yet); false when
     * someone else saved first. The guarded UPDATE and the primary key make it atomic.
     */
    async saveNarrative(row: {
      cycleId: string;
      scope: string;
      section: string;
      text: string;
      version: number;
      updatedBy: string;
      updatedAt: string;
    }): Promise<boolean> {
      if (row.version === 0) {
        const inserted = await db
          .insertInto("report_narratives")
          .values({
            cycle_id: row.cycleId,
            scope: row.scope,
            section: row.section,
            text: row.text,
            version: 1,
            updated_by: row.updatedBy,
            updated_at: row.updatedAt,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const updated = await db
        .updateTable("report_narratives")
        .set({
          text: row.text,
          version: row.version + 1,
          updated_by: row.updatedBy,
          updated_at: row.updatedAt,
        })
        .where("cycle_id", "=", row.cycleId)
        .where("scope", "=", row.scope)
        .where("section", "=", row.section)
        .where("version", "=", row.version)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    /** False when the scope already has a job of this kind queued or running. */
    async insertJob(row: Insertable<DocumentJobsTable>): Promise<boolean> {
      const result = await db
        .insertInto("document_jobs")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** The scope's job of this kind that is queued or running, if any. */
    activeJob: (cycleId: string, scope: string, kind: string) =>
      db
        .selectFrom("document_jobs")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("scope", "=", scope)
        .where("kind", "=", kind)
        .where("state", "in", ["queued", "running"])
        .executeTakeFirst(),

    job: (id: string) =>
      db.selectFrom("document_jobs").selectAll().where("id", "=", id).executeTakeFirst(),

    /** The newest jobs of one scope, newest first. */
    recentJobs: (cycleId: string, scope: string, limit: number) =>
      db
        .selectFrom("document_jobs")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("scope", "=", scope)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute(),

    async updateJob(
      id: string,
      changes: Partial<Omit<DocumentJobsTable, "id" | "done" | "total">> & {
        done?: number;
        total?: number;
      },
    ): Promise<void> {
      await db.updateTable("document_jobs").set(changes).where("id", "=", id).execute();
    },

    /** Finished jobs of one scope and kind that still hold a file, newest first. */
    finishedWithFiles: (cycleId: string, scope: string, kind: string) =>
      db
        .selectFrom("document_jobs")
        .select(["id", "file_sha256"])
        .where("cycle_id", "=", cycleId)
        .where("scope", "=", scope)
        .where("kind", "=", kind)
        .where("state", "=", "done")
        .where("file_sha256", "is not", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute(),

    /** Forgets a job's file (the row stays, as the record of the build). */
    async dropFile(id: string, at: string): Promise<void> {
      await db
        .updateTable("document_jobs")
        .set({ file_sha256: null, stage: "已由较新的文件取代", updated_at: at })
        .where("id", "=", id)
        .execute();
    },

    /** Whether any job row still points to these bytes. */
    isFileUsed: async (sha256: string): Promise<boolean> =>
      (await db
        .selectFrom("document_jobs")
        .select("id")
        .where("file_sha256", "=", sha256)
        .limit(1)
        .executeTakeFirst()) !== undefined,

    /**
     * Jobs a stopped process left running (no progress since `before`): marked failed so
     * nobody waits for them and a new build of the scope can start.
     */
    async failAbandoned(before: string, at: string): Promise<number> {
      const result = await db
        .updateTable("document_jobs")
        .set({ state: "failed", error: "服务重启，任务已中断，请重新生成", updated_at: at })
        .where("state", "in", ["queued", "running"])
        .where("updated_at", "<", before)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type DocumentsRepository = ReturnType<typeof documentsRepository>;
