import type { Executor } from "../db/executor";
import type { NoticesTable, NotificationsTable, OutgoingMailTable } from "../db/schema";

/** How many notifications the centre lists: the newest; older ones stay stored. */
export const NOTIFICATION_LIST_LIMIT = 100;

/**
 * All SQL for notices (sent once, by key), each account's notifications, and the
 * e-mails waiting to go out.
 */
export function notificationsRepository(db: Executor) {
  return {
    openCycles: () => db.selectFrom("cycles").selectAll().where("status", "=", "open").execute(),
    /**
     * Claims a notice: true only for the one caller whose insert made the row. Another
     * server process inserting the same key waits for this transaction and then gets
     * false, so whoever claims the notice is the only one who sends it.
     */
    claimNotice: async (notice: NoticesTable) => {
      const inserted = await db
        .insertInto("notices")
        .values(notice)
        .onConflict((oc) => oc.column("key").doNothing())
        .returning("key")
        .execute();
      return inserted.length === 1;
    },
    /** Which of these notice keys exist already (sent before, by any process). */
    existingKeys: async (keys: readonly string[]) => {
      if (keys.length === 0) return new Set<string>();
      const rows = await db
        .selectFrom("notices")
        .select("key")
        .where("key", "in", [...keys])
        .execute();
      return new Set(rows.map((row) => row.key));
    },
    /** The enabled accounts a notice is for: a department's clerks and head, or the office. */
    recipients: (audience: "department" | "office", department: string) => {
      let query = db
        .selectFrom("users")
        .select(["id", "username", "email"])
        .where("disabled", "=", 0);
      query =
        audience === "office"
          ? query.where("role", "=", "office")
          : query
              .where("role", "in", ["dept_clerk", "dept_head"])
              .where("department_code", "=", department);
      return query.orderBy("username").execute();
    },
    addNotifications: async (rows: NotificationsTable[]) => {
      if (rows.length > 0) await db.insertInto("notifications").values(rows).execute();
    },
    addMail: async (rows: OutgoingMailTable[]) => {
      if (rows.length > 0) await db.insertInto("outgoing_mail").values(rows).execute();
    },
    /** One account's newest notifications. */
    forUser: (userId: string) =>
      db
        .selectFrom("notifications")
        .innerJoin("notices", "notices.key", "notifications.notice_key")
        .innerJoin("cycles", "cycles.id", "notices.cycle_id")
        .selectAll("notifications")
        .select(["notices.kind", "notices.department_code", "cycles.year"])
        .where("notifications.user_id", "=", userId)
        .orderBy("notifications.created_at", "desc")
        .orderBy("notifications.id", "desc")
        .limit(NOTIFICATION_LIST_LIMIT)
        .execute(),
    unreadCount: async (userId: string) =>
      Number(
        (
          await db
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("user_id", "=", userId)
            .where("read_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    /** One notification of this account (another account's is never found). */
    ownNotification: (id: string, userId: string) =>
      db
        .selectFrom("notifications")
        .selectAll()
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst(),
    markRead: async (id: string, userId: string, at: string) => {
      const result = await db
        .updateTable("notifications")
        .set({ read_at: at })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    markAllRead: async (userId: string, at: string) => {
      const result = await db
        .updateTable("notifications")
        .set({ read_at: at })
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** The ids of e-mails waiting to be sent, oldest first. */
    pendingMail: (limit: number) =>
      db
        .selectFrom("outgoing_mail")
        .select("id")
        .where("status", "=", "pending")
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute(),
    /**
     * Takes one pending e-mail for this process in one guarded statement; false when
     * another process took it first. The attempt is counted before sending.
     */
    claimMail: async (id: string, at: string) => {
      const result = await db
        .updateTable("outgoing_mail")
        .set((eb) => ({ status: "sending", claimed_at: at, attempts: eb("attempts", "+", 1) }))
        .where("id", "=", id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    mail: (id: string) =>
      db.selectFrom("outgoing_mail").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    markMailSent: (id: string, at: string) =>
      db
        .updateTable("outgoing_mail")
        .set({ status: "sent", sent_at: at, last_error: null })
        .where("id", "=", id)
        .where("status", "=", "sending")
        .execute(),
    /** A failed attempt: back to pending for another try, or failed for good. */
    markMailFailed: (id: string, error: string, retry: boolean) =>
      db
        .updateTable("outgoing_mail")
        .set({ status: retry ? "pending" : "failed", last_error: error })
        .where("id", "=", id)
        .where("status", "=", "sending")
        .execute(),
  };
}

export type NotificationsRepository = ReturnType<typeof notificationsRepository>;
