import type { Kysely } from "kysely";

/**
 * The year's workflow: each department's hand-in state (one row per year and
 * department, changed only by a guarded UPDATE), every step of it with what the head
 * certified, the office's lock exceptions, the year's aggregation snapshots, and the
 * notices (reminders, overdue, escalation) with their in-app copies and e-mails.
 * `notices.key` is unique: whichever server process inserts it first sends it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("department_submissions")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    .addColumn("department_code", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("first_submitted_at", "text")
    .addColumn("last_submitted_at", "text")
    .addColumn("accepted_at", "text")
    .addColumn("returns", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("department_submissions_pk", ["cycle_id", "department_code"])
    .execute();

  await db.schema
    .createTable("submission_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    .addColumn("department_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("declaration", "text")
    .addColumn("snapshot", "text")
    .addColumn("digest", "text")
    .addColumn("justifications", "text")
    .addColumn("reasons", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema
    .createIndex("submission_events_department")
    .on("submission_events")
    .columns(["cycle_id", "department_code", "at"])
    .execute();

  await db.schema
    .createTable("lock_exceptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    .addColumn("department_code", "text", (c) => c.notNull())
    .addColumn("until", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull())
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("revoked_by", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("cycle_snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("override_reason", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notices")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("cycles.id"))
    .addColumn("department_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_key", "text", (c) => c.notNull().references("notices.key"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_zh", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("notifications_notice_user", ["notice_key", "user_id"])
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("outgoing_mail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_key", "text", (c) => c.notNull().references("notices.key"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("outgoing_mail_notice_recipient", ["notice_key", "recipient"])
    .execute();

  await db.schema.alterTable("users").addColumn("email", "text").execute();
}
