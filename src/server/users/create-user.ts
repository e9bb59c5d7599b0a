import type { CreateUserBody, UserAccount } from "../../contract/users-admin";
import type { AuthUser } from "../auth/auth-user";
import { requireRole, USER_ADMINS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { userAccount } from "./list-users";
import { addUser } from "./manage-users";

/**
 * Creates an account through the API (admin only; audited by addUser). The password is
 * one the administrator hands over, so the holder must choose their own at first sign-in.
 */
export async function createUser(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords">,
  user: AuthUser,
  body: CreateUserBody,
): Promise<UserAccount> {
  requireRole(user, USER_ADMINS);
  await addUser(deps, user.username, {
    username: body.username,
    password: body.password,
    role: body.role,
    department: body.departmentCode ?? null,
    displayName: body.displayName,
    email: body.email ?? null,
    mustChangePassword: true,
  });
  return userAccount(deps, body.username);
}
