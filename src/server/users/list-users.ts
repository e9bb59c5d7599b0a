import type { UserAccount } from "../../contract/users-admin";
import type { AuthUser } from "../auth/auth-user";
import { requireRole, USER_ADMINS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { notFound } from "../errors";
import { presentUserAccount } from "./admin-users.presenter";

type Deps = Pick<UseCaseDeps, "repos">;

/** Every account, by username (admin only). */
export async function listUsers(deps: Deps, user: AuthUser): Promise<UserAccount[]> {
  requireRole(user, USER_ADMINS);
  return (await deps.repos.users.listAccounts()).map(presentUserAccount);
}

/** One account as the list shows it, after a change. */
export async function userAccount(deps: Deps, username: string): Promise<UserAccount> {
  const [row] = await deps.repos.users.listAccounts(username);
  if (!row) throw notFound(`没有用户 ${username}`, `there is no user ${username}`);
  return presentUserAccount(row);
}
