import type { UpdateUserBody, UserAccount } from "../../contract/users-admin";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { requireRole, USER_ADMINS } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import type { UsersTable } from "../db/schema";
import { invalid } from "../errors";
import { userAccount } from "./list-users";
import { assertDepartmentExists, assertRoleDepartment, findUser } from "./manage-users";

type Changes = Partial<
  Pick<UsersTable, "display_name" | "role" | "department_code" | "disabled" | "email">
>;

/** The API's names of the stored fields, for the audit row. */
const FIELD_NAMES = {
  display_name: "displayName",
  role: "role",
  department_code: "departmentCode",
  disabled: "disabled",
  email: "email",
} as const;

/**
 * An administrator's own account is where a slip cannot be undone from the web: disabling
 * it or taking away its role would leave nobody to put it right (the last admin).
 */
function assertNotLockingSelfOut(user: AuthUser, account: { id: string }, body: UpdateUserBody) {
  if (account.id !== user.id) return;
  if (body.disabled === true) {
    throw invalid(
      "不能停用自己的账户：请由另一位系统管理员操作",
      "you cannot disable your own account; another administrator must do it",
      { field: "disabled" },
    );
  }
  if (body.role !== undefined && body.role !== user.role) {
    throw invalid(
      "不能更改自己的角色：请由另一位系统管理员操作，以免系统失去管理员",
      "you cannot change your own role; another administrator must, so the system keeps an administrator",
      { field: "role" },
    );
  }
}

/**
 * Changes an account's display name, role, department, disabled flag or e-mail address
 * (admin only).
 * Role and department must fit together as when creating an account; disabling ends the
 * account's sessions. Only what differs is written, and audited with before and after.
 */
export async function updateUser(
  deps: Pick<UseCaseDeps, "repos" | "clock">,
  user: AuthUser,
  username: string,
  body: UpdateUserBody,
): Promise<UserAccount> {
  requireRole(user, USER_ADMINS);
  const account = await findUser(deps, username);
  assertNotLockingSelfOut(user, account, body);
  const role = body.role ?? account.role;
  const department =
    body.departmentCode === undefined ? account.department_code : body.departmentCode;
  assertRoleDepartment(role, department, "departmentCode");
  if (department !== account.department_code) await assertDepartmentExists(deps, department);

  const next: Changes = {
    display_name: body.displayName ?? account.display_name,
    role,
    department_code: department,
    disabled: body.disabled === undefined ? account.disabled : body.disabled ? 1 : 0,
    email: body.email === undefined ? account.email : body.email,
  };
  const changed = (Object.keys(next) as (keyof Changes)[]).filter(
    (key) => next[key] !== account[key],
  );
  if (changed.length > 0) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const changes: Changes = {};
    for (const key of changed) {
      const asBoolean = key === "disabled";
      before[FIELD_NAMES[key]] = asBoolean ? Boolean(account[key]) : account[key];
      after[FIELD_NAMES[key]] = asBoolean ? Boolean(next[key]) : next[key];
      Object.assign(changes, { [key]: next[key] });
    }
    await deps.repos.transaction(async (tx) => {
      await tx.users.update(account.id, changes);
      if (next.disabled === 1 && !account.disabled) await tx.sessions.deleteForUser(account.id);
      await recordAudit(tx, deps.clock, {
        actor: user.username,
        action: "user.update",
        objectType: "user",
        objectId: account.username,
        before,
        after,
      });
    });
  }
  return userAccount(deps, account.username);
}
