import { sql } from "kysely";
import type { Executor } from "../db/executor";
import type { LoginThrottleTable } from "../db/schema";
import { LOCK_MS, MAX_FAILED_LOGINS } from "./session-policy";

export type ThrottleScope = LoginThrottleTable["scope"];

export interface CountedAttempt {
  /** Attempts in the window, this one included. */
  failures: number;
  lockedUntil: string | null;
  /** False when the scope was already locked before this attempt: the answer is no. */
  allowed: boolean;
}

export interface LockRow {
  username: string;
  display_name: string;
  scope: ThrottleScope;
  failures: number;
  locked_at: string | null;
  locked_until: string | null;
  last_attempt_at: string;
}

/**
 * All SQL for counting sign-in attempts. `countAttempt` is one statement on both
 * databases (INSERT … ON CONFLICT DO UPDATE … RETURNING), so attempts that arrive
 * together are all counted: each sees the count the previous one left.
 */
export function loginThrottleRepository(db: Executor) {
  return {
    /**
     * Counts one attempt for `key` before the password is checked. Within a window of
     * LOCK_MS the count rises; the attempt that reaches MAX_FAILED_LOGINS sets the lock,
     * which lasts LOCK_MS and is not extended by attempts made while it holds. A lock
     * that has run out, or a window that has, starts the count again at 1.
     */
    async countAttempt(
      key: string,
      username: string,
      scope: ThrottleScope,
      now: Date,
    ): Promise<CountedAttempt> {
      const at = now.toISOString();
      const windowStart = new Date(now.getTime() - LOCK_MS).toISOString();
      const lockUntil = new Date(now.getTime() + LOCK_MS).toISOString();
      // Every expression below reads the row as it was before this statement.
      const active = sql<boolean>`(login_throttle.locked_until is not null and login_throttle.locked_until > ${at})`;
      const fresh = sql<boolean>`(not ${active} and (login_throttle.locked_until is not null or login_throttle.window_started_at <= ${windowStart}))`;
      const counted = sql<number>`(case when ${fresh} then 1 else login_throttle.failures + 1 end)`;
      const row = await db
        .insertInto("login_throttle")
        .values({
          key,
          username,
          scope,
          failures: 1,
          window_started_at: at,
          locked_at: MAX_FAILED_LOGINS <= 1 ? at : null,
          locked_until: MAX_FAILED_LOGINS <= 1 ? lockUntil : null,
          last_attempt_at: at,
        })
        .onConflict((conflict) =>
          conflict.column("key").doUpdateSet({
            failures: counted,
            window_started_at: sql<string>`(case when ${fresh} then ${at} else login_throttle.window_started_at end)`,
            locked_at: sql<
              string | null
            >`(case when ${active} then login_throttle.locked_at when ${counted} >= ${MAX_FAILED_LOGINS} then ${at} else null end)`,
            locked_until: sql<
              string | null
            >`(case when ${active} then login_throttle.locked_until when ${counted} >= ${MAX_FAILED_LOGINS} then ${lockUntil} else null end)`,
            last_attempt_at: at,
          }),
        )
        .returning(["failures", "locked_until"])
        .executeTakeFirstOrThrow();
      const failures = Number(row.failures);
      return {
        failures,
        lockedUntil: row.locked_until,
        // The attempt that sets the lock is still judged; those after it are not.
        allowed: failures <= MAX_FAILED_LOGINS,
      };
    },

    /**
     * A sign-in succeeded in this scope: its count starts again. Rows nobody has tried
     * for LOCK_MS (window and lock both over) go too, so names tried once — real or
     * not — do not pile up.
     */
    async clear(key: string, now: Date): Promise<void> {
      await db.deleteFrom("login_throttle").where("key", "=", key).execute();
      await db
        .deleteFrom("login_throttle")
        .where("last_attempt_at", "<", new Date(now.getTime() - LOCK_MS).toISOString())
        .execute();
    },

    /** Lifts every lock and count of one account name (untrusted clients and devices). */
    async clearForUsername(username: string): Promise<number> {
      const result = await db
        .deleteFrom("login_throttle")
        .where("username", "=", username)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Locks in force at `now` on accounts that exist, oldest first. */
    locked: (now: Date, username?: string): Promise<LockRow[]> => {
      let query = db
        .selectFrom("login_throttle")
        .innerJoin("users", "users.username", "login_throttle.username")
        .select([
          "login_throttle.username",
          "users.display_name",
          "login_throttle.scope",
          "login_throttle.failures",
          "login_throttle.locked_at",
          "login_throttle.locked_until",
          "login_throttle.last_attempt_at",
        ])
        .where("login_throttle.locked_until", ">", now.toISOString());
      if (username !== undefined) query = query.where("login_throttle.username", "=", username);
      return query
        .orderBy("login_throttle.locked_at")
        .orderBy("login_throttle.username")
        .execute()
        .then((rows) => rows.map((row) => ({ ...row, failures: Number(row.failures) })));
    },
  };
}

export type LoginThrottleRepository = ReturnType<typeof loginThrottleRepository>;
