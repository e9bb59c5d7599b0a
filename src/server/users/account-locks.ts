import type { AccountLock, UnlockResult } from "../../contract/api";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { LOCK_KEEPERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { findUser } from "./manage-users";
import { presentAccountLock } from "./users.presenter";

type Deps = Pick<UseCaseDeps, "repos" | "clock">;

/** The locks in force now, on accounts that exist (admin and office). */
export async function listLocks(deps: Deps, user: AuthUser): Promise<AccountLock[]> {
  requireRole(user, LOCK_KEEPERS);
  const rows = await deps.repos.users.throttle.locked(deps.clock.now());
  return rows.map(presentAccountLock);
}

/**
 * Lifts every lock on an account and clears its attempt counts, for unknown browsers and
 * trusted ones alike (admin and office; audited with the locks that were lifted).
 */
export async function unlockAccount(
  deps: Deps,
  user: AuthUser,
  username: string,
): Promise<UnlockResult> {
  requireRole(user, LOCK_KEEPERS);
  const account = await findUser(deps, username);
  return deps.repos.transaction(async (tx) => {
    const locks = await tx.users.throttle.locked(deps.clock.now(), account.username);
    await tx.users.throttle.clearForUsername(account.username);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "user.unlock",
      objectType: "user",
      objectId: account.username,
      before: locks.map((lock) => ({
        scope: lock.scope,
        failures: lock.failures,
        lockedUntil: lock.locked_until,
      })),
    });
    return { username: account.username, liftedLocks: locks.length };
  });
}
