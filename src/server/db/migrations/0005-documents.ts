import { sql, type Kysely } from "kysely";

/**
 * Documents: the narrative sections a department (or the office, for the city) writes for
 * its self-evaluation report, versioned like figures; and the bound-volume jobs, whose
 * progress any server process can answer from the row while one process builds the file.
 * A finished volume is kept in the evidence store under its SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("report_narratives")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    /** A department code, or "city" for the office's overall report. */
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_narratives_pk", ["cycle_id", "scope", "section"])
    .execute();

  await db.schema
    .createTable("document_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    /** A department code, or "city". */
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("file_name", "text")
    .addColumn("file_sha256", "text")
    .addColumn("file_size", "integer")
    .addColumn("error", "text")
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_jobs_scope")
    .on("document_jobs")
    .columns(["cycle_id", "scope", "created_at"])
    .execute();
  // One volume (or package) at a time per scope: a second request while one is being
  // built gets that one, so nobody can fill the server with builds by clicking again.
  await db.schema
    .createIndex("document_jobs_one_active")
    .on("document_jobs")
    .columns(["cycle_id", "scope", "kind"])
    .unique()
    .where(sql.ref("state"), "in", ["queued", "running"])
    .execute();
}
