import type { UserAccount } from "../../contract/users-admin";
import type { UsersRepository } from "./users.repository";

type AccountRow = Awaited<ReturnType<UsersRepository["listAccounts"]>>[number];

/** One account as the administrator's list shows it. */
export function presentUserAccount(row: AccountRow): UserAccount {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    department:
      row.department_code === null
        ? null
        : { code: row.department_code, name: row.department_name ?? row.department_code },
    disabled: Boolean(row.disabled),
    email: row.email,
    mustChangePassword: Boolean(row.must_change_password),
    twoFactorEnrolled: row.totp_confirmed_at !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_login_at ?? null,
  };
}
