import type { Executor } from "../db/executor";
import type { SessionsTable } from "../db/schema";

/** All SQL for login sessions. */
export function sessionsRepository(db: Executor) {
  return {
    insert: (session: SessionsTable) => db.insertInto("sessions").values(session).execute(),
    byId: (id: string) =>
      db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst(),
    touch: (id: string, at: string) =>
      db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute(),
    delete: (id: string) => db.deleteFrom("sessions").where("id", "=", id).execute(),
    deleteForUser: (userId: string) =>
      db.deleteFrom("sessions").where("user_id", "=", userId).execute(),
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
