import type { Kysely } from "kysely";

/**
 * An administrator hands out passwords (new accounts, resets); `must_change_password`
 * (0/1) marks the accounts whose holder must choose their own before anything else.
 * The audit log gains indexes for its reader: filters by action and by actor, and the
 * last sign-in of each account (`auth.login` rows by object id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("audit_log_action_object")
    .on("audit_log")
    .columns(["action", "object_id"])
    .execute();
  await db.schema.createIndex("audit_log_actor").on("audit_log").column("actor").execute();
}
