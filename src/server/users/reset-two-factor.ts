import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { requireRole, SECOND_FACTOR_RESETTERS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { findUser } from "./manage-users";

/**
 * Removes an account's second factor — its TOTP secret, recovery codes and pending
 * challenges — and ends its sessions (admin only; audited). For a lost phone: the next
 * sign-in with the password alone leads to enrolment again where the role requires it.
 */
export async function resetTwoFactor(
  deps: Pick<UseCaseDeps, "repos" | "clock">,
  user: AuthUser,
  username: string,
) {
  requireRole(user, SECOND_FACTOR_RESETTERS);
  const account = await findUser(deps, username);
  return deps.repos.transaction(async (tx) => {
    const credential = await tx.users.twoFactor.credential(account.id);
    await tx.users.twoFactor.remove(account.id);
    await tx.sessions.deleteForUser(account.id);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "user.reset_2fa",
      objectType: "user",
      objectId: account.username,
      before: {
        enrolled: Boolean(credential?.confirmed_at),
        pending: Boolean(credential && !credential.confirmed_at),
      },
      after: { enrolled: false },
    });
    return { username: account.username, wasEnrolled: Boolean(credential?.confirmed_at) };
  });
}
