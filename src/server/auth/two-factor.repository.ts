import type { Executor } from "../db/executor";
import type { LoginChallengesTable, TotpCredentialsTable } from "../db/schema";

/**
 * All SQL for the second factor: TOTP credentials, recovery codes and sign-in
 * challenges. The checks that must hold under concurrency are single statements: a
 * time step is claimed only if it is later than the last one, a recovery code is spent
 * only if unspent, a challenge attempt is counted only while the challenge lives.
 */
export function twoFactorRepository(db: Executor) {
  return {
    credential: (userId: string) =>
      db
        .selectFrom("totp_credentials")
        .selectAll()
        .where("user_id", "=", userId)
        .executeTakeFirst(),

    /** Starts (or restarts) an enrolment: a new secret, not yet confirmed. */
    async savePending(row: Omit<TotpCredentialsTable, "confirmed_at" | "last_step">) {
      await db.deleteFrom("totp_credentials").where("user_id", "=", row.user_id).execute();
      await db
        .insertInto("totp_credentials")
        .values({ ...row, confirmed_at: null, last_step: null })
        .execute();
    },

    /** Turns a pending enrolment on; false when there was none pending. */
    async confirm(userId: string, at: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable("totp_credentials")
        .set({ confirmed_at: at, last_step: step })
        .where("user_id", "=", userId)
        .where("confirmed_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Accepts a code's time step once: true only if it is later than every step used before. */
    async claimStep(userId: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable("totp_credentials")
        .set({ last_step: step })
        .where("user_id", "=", userId)
        .where("confirmed_at", "is not", null)
        .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replaceRecoveryCodes(userId: string, hashes: string[], at: string) {
      await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
      if (hashes.length === 0) return;
      await db
        .insertInto("recovery_codes")
        .values(
          hashes.map((code_hash) => ({
            user_id: userId,
            code_hash,
            created_at: at,
            used_at: null,
          })),
        )
        .execute();
    },

    /** Spends a recovery code: true only for the one request that finds it unspent. */
    async spendRecoveryCode(userId: string, hash: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable("recovery_codes")
        .set({ used_at: at })
        .where("user_id", "=", userId)
        .where("code_hash", "=", hash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    unspentRecoveryCodes: async (userId: string) =>
      Number(
        (
          await db
            .selectFrom("recovery_codes")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("user_id", "=", userId)
            .where("used_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** Removes the second factor entirely (an administrator's reset). */
    async remove(userId: string): Promise<boolean> {
      await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
      await db.deleteFrom("login_challenges").where("user_id", "=", userId).execute();
      const result = await db
        .deleteFrom("totp_credentials")
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async insertChallenge(row: LoginChallengesTable) {
      // Challenges live minutes; the ones that ran out go whenever a new one comes.
      await db.deleteFrom("login_challenges").where("expires_at", "<=", row.created_at).execute();
      await db.insertInto("login_challenges").values(row).execute();
    },

    /**
     * Counts one code attempt on a live challenge and returns it, or undefined when the
     * challenge does not exist, has expired, or has had all its attempts.
     */
    takeChallengeAttempt: (id: string, now: string, maxAttempts: number) =>
      db
        .updateTable("login_challenges")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("id", "=", id)
        .where("expires_at", ">", now)
        .where("attempts", "<", maxAttempts)
        .returning(["user_id", "throttle_key", "attempts"])
        .executeTakeFirst(),

    deleteChallenge: (id: string) =>
      db.deleteFrom("login_challenges").where("id", "=", id).execute(),
  };
}

export type TwoFactorRepository = ReturnType<typeof twoFactorRepository>;
