import type { Executor } from "../db/executor";
import type { SessionsTable } from "../db/schema";

/** All SQL for login sessions. */
export function sessionsRepository(db: Executor) {
  return {
    insert: (session: SessionsTable) => db.insertInto("sessions").values(session).execute(),
    /** The session and its user in one query: this runs on every request. */
    withUser: (id: string) =>
      db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .leftJoin("totp_credentials", "totp_credentials.user_id", "sessions.user_id")
        .select([
          "sessions.id as session_id",
          "sessions.csrf_token",
          "sessions.created_at as session_created_at",
          "sessions.last_seen_at",
          "users.id",
          "users.username",
          "users.display_name",
          "users.role",
          "users.department_code",
          "users.disabled",
          "users.two_factor_exempt",
          "users.must_change_password",
          "totp_credentials.confirmed_at as totp_confirmed_at",
        ])
        .where("sessions.id", "=", id)
        .executeTakeFirst(),
    touch: (id: string, at: string) =>
      db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute(),
    delete: (id: string) => db.deleteFrom("sessions").where("id", "=", id).execute(),
    deleteForUser: (userId: string) =>
      db.deleteFrom("sessions").where("user_id", "=", userId).execute(),
    deleteForUserExcept: (userId: string, keep: string) =>
      db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keep).execute(),
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
