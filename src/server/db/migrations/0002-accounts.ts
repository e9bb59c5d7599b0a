import type { Kysely } from "kysely";

/**
 * Sign-in hardening: failure counters and locks move out of `users` into
 * `login_throttle` (one row per account for clients it does not know, one per trusted
 * device), and the second factor gets its tables: TOTP credentials (secret sealed with
 * AES-256-GCM), one-time recovery codes (hashed) and the short-lived challenges between
 * the password and the code. `users.two_factor_exempt` marks the demo accounts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("two_factor_exempt", "text").execute();
  await db.schema.alterTable("users").dropColumn("failed_logins").execute();
  await db.schema.alterTable("users").dropColumn("locked_until").execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("locked_at", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_attempt_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_throttle_username")
    .on("login_throttle")
    .column("username")
    .execute();
  await db.schema
    .createIndex("login_throttle_last_attempt")
    .on("login_throttle")
    .column("last_attempt_at")
    .execute();

  await db.schema
    .createTable("totp_credentials")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", "integer")
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("recovery_codes_pk", ["user_id", "code_hash"])
    .execute();

  await db.schema
    .createTable("login_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("throttle_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_challenges_user")
    .on("login_challenges")
    .column("user_id")
    .execute();
}
