import type { PasswordReset } from "../../contract/users-admin";
import type { AuthUser } from "../auth/auth-user";
import { requireRole, USER_ADMINS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { resetPassword } from "./manage-users";

/**
 * An administrator gives an account a temporary password (checked by the policy): its
 * sign-in locks are lifted, its sessions end, and at its next sign-in it must choose its
 * own before anything else. Audited by resetPassword.
 */
export async function resetUserPassword(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords">,
  user: AuthUser,
  username: string,
  password: string,
): Promise<PasswordReset> {
  requireRole(user, USER_ADMINS);
  await resetPassword(deps, user.username, username, password, { mustChange: true });
  return { username, mustChangePassword: true };
}
