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
    setPassword: (id: string, passwordHash: string, at: string) =>
      db
        .updateTable("users")
        .set({ password_hash: passwordHash, password_changed_at: at })
        .where("id", "=", id)
        .execute(),
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
