import { loginThrottleRepository } from "../auth/login-throttle.repository";
import { twoFactorRepository } from "../auth/two-factor.repository";
import type { Executor } from "../db/executor";
import type { UsersTable } from "../db/schema";

export type UserRow = UsersTable;

/**
 * All SQL for users (accounts) and departments. An account's sign-in counters and its
 * second factor are account data too: `throttle` and `twoFactor`.
 */
export function usersRepository(db: Executor) {
  return {
    throttle: loginThrottleRepository(db),
    twoFactor: twoFactorRepository(db),
    byUsername: (username: string) =>
      db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst(),
    byId: (id: string) =>
      db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst(),
    count: async () =>
      Number(
        (
          await db
            .selectFrom("users")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    insert: (user: UserRow) => db.insertInto("users").values(user).execute(),
    setDisabled: (id: string, disabled: boolean) =>
      db
        .updateTable("users")
        .set({ disabled: disabled ? 1 : 0 })
        .where("id", "=", id)
        .execute(),
    /** A new password; `mustChange` marks one an administrator gave, to be replaced at sign-in. */
    setPassword: (id: string, passwordHash: string, at: string, mustChange = false) =>
      db
        .updateTable("users")
        .set({
          password_hash: passwordHash,
          password_changed_at: at,
          must_change_password: mustChange ? 1 : 0,
        })
        .where("id", "=", id)
        .execute(),
    /** Changes an account's name, role, department, disabled flag or e-mail (only the fields given). */
    update: (
      id: string,
      changes: Partial<
        Pick<UserRow, "display_name" | "role" | "department_code" | "disabled" | "email">
      >,
    ) => db.updateTable("users").set(changes).where("id", "=", id).execute(),
    /**
     * Every account (or the one named) for the administrator's list: its department's
     * name, whether its second factor is on, and its last sign-in (the newest
     * `auth.login` audit row).
     */
    listAccounts: (username?: string) => {
      let query = db
        .selectFrom("users")
        .leftJoin("departments", "departments.code", "users.department_code")
        .leftJoin("totp_credentials", "totp_credentials.user_id", "users.id")
        .leftJoin(
          (eb) =>
            eb
              .selectFrom("audit_log")
              .select((inner) => ["object_id", inner.fn.max("at").as("last_login_at")])
              .where("action", "=", "auth.login")
              .groupBy("object_id")
              .as("logins"),
          (join) => join.onRef("logins.object_id", "=", "users.id"),
        )
        .select([
          "users.id",
          "users.username",
          "users.display_name",
          "users.role",
          "users.department_code",
          "departments.name as department_name",
          "users.disabled",
          "users.email",
          "users.must_change_password",
          "users.created_at",
          "totp_credentials.confirmed_at as totp_confirmed_at",
          "logins.last_login_at",
        ])
        .orderBy("users.username");
      if (username !== undefined) query = query.where("users.username", "=", username);
      return query.execute();
    },
    upsertDepartment: async (code: string, name: string) => {
      const existing = await db
        .selectFrom("departments")
        .select("code")
        .where("code", "=", code)
        .executeTakeFirst();
      if (existing)
        await db.updateTable("departments").set({ name }).where("code", "=", code).execute();
      else await db.insertInto("departments").values({ code, name }).execute();
    },
    departments: () => db.selectFrom("departments").selectAll().orderBy("code").execute(),
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
