import { roleSchema } from "../../contract/api";
import { localized } from "../../core";
import { recordAudit } from "../audit/record";
import { passwordProblems } from "../auth/password-policy";
import { DEPARTMENT_ROLES } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import type { Role } from "../db/schema";
import { DomainError, invalid, notFound } from "../errors";
import { newId } from "../ids";

export const ROLES: readonly Role[] = roleSchema.options;

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  department?: string | null;
  displayName?: string;
  /** Why the account signs in without a second factor whatever its role (the demo accounts: "demo"). */
  twoFactorExempt?: string;
  /** The holder must choose their own password at first sign-in (accounts made through the API). */
  mustChangePassword?: boolean;
  /** Where the account's notices are e-mailed. */
  email?: string | null;
}

export function assertPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw invalid(
      problems.map((problem) => problem.zh).join("；"),
      problems.map((problem) => problem.en).join("; "),
      { field: "password" },
    );
  }
}

/** Department roles (dept_head, dept_clerk) need a department; other roles have none. */
export function assertRoleDepartment(role: Role, department: string | null, field = "department") {
  if (DEPARTMENT_ROLES.includes(role) !== (department !== null)) {
    throw invalid(
      "单位角色（dept_head、dept_clerk）须指定成员单位，其他角色不指定",
      "department roles (dept_head, dept_clerk) need a department; other roles have none",
      { field },
    );
  }
}

export async function assertDepartmentExists(
  deps: Pick<UseCaseDeps, "repos">,
  department: string | null,
) {
  if (
    department !== null &&
    !(await deps.repos.users.departments()).some((row) => row.code === department)
  ) {
    throw notFound(`没有成员单位 ${department}`, `there is no department ${department}`);
  }
}

/** Creates an account; department roles need a department, other roles have none. */
export async function addUser(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords">,
  actor: string,
  input: NewUser,
) {
  if (!/^[a-z0-9][a-z0-9_.-]{1,63}$/.test(input.username)) {
    throw invalid(
      "用户名只能包含小写字母、数字、点、下划线和连字符（2–64 个字符）",
      "a username is 2–64 lower-case letters, digits, dots, underscores or hyphens",
      { field: "username" },
    );
  }
  if (!ROLES.includes(input.role))
    throw invalid(`未知的角色 ${input.role}`, `unknown role ${input.role}`, { field: "role" });
  const department = input.department ?? null;
  assertRoleDepartment(input.role, department);
  assertPassword(input.password, input.username);
  await assertDepartmentExists(deps, department);
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.repos.transaction(async (tx) => {
    if (await tx.users.byUsername(input.username)) {
      throw new DomainError(
        "conflict",
        localized(`用户名 ${input.username} 已存在`, `username ${input.username} is taken`),
      );
    }
    await tx.users.insert({
      id,
      username: input.username,
      display_name: input.displayName ?? input.username,
      password_hash: passwordHash,
      role: input.role,
      department_code: department,
      disabled: 0,
      created_at: now,
      password_changed_at: now,
      two_factor_exempt: input.twoFactorExempt ?? null,
      must_change_password: input.mustChangePassword ? 1 : 0,
      email: input.email ?? null,
    });
    await recordAudit(tx, deps.clock, {
      actor,
      action: "user.create",
      objectType: "user",
      objectId: input.username,
      after: {
        role: input.role,
        department,
        ...(input.email ? { email: input.email } : {}),
        ...(input.twoFactorExempt ? { twoFactorExempt: input.twoFactorExempt } : {}),
        ...(input.mustChangePassword ? { mustChangePassword: true } : {}),
      },
    });
  });
  return { id, username: input.username, role: input.role, department };
}

export async function findUser(deps: Pick<UseCaseDeps, "repos">, username: string) {
  const user = await deps.repos.users.byUsername(username);
  if (!user) throw notFound(`没有用户 ${username}`, `there is no user ${username}`);
  return user;
}

/** Disables an account and ends its sessions. */
export async function disableUser(
  deps: Pick<UseCaseDeps, "repos" | "clock">,
  actor: string,
  username: string,
) {
  const user = await findUser(deps, username);
  await deps.repos.transaction(async (tx) => {
    await tx.users.setDisabled(user.id, true);
    await tx.sessions.deleteForUser(user.id);
    await recordAudit(tx, deps.clock, {
      actor,
      action: "user.disable",
      objectType: "user",
      objectId: username,
      before: { disabled: Boolean(user.disabled) },
      after: { disabled: true },
    });
  });
}

/**
 * Sets a new password (checked against the policy), unlocks the account and ends its
 * sessions. `mustChange`: the password is a temporary one the holder must replace at
 * their next sign-in (an administrator's reset through the API); the CLI, run by the
 * operator at the server, sets a password that stands.
 */
export async function resetPassword(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords">,
  actor: string,
  username: string,
  password: string,
  options: { mustChange?: boolean } = {},
) {
  const mustChange = options.mustChange ?? false;
  const user = await findUser(deps, username);
  assertPassword(password, username);
  const passwordHash = await deps.passwords.hash(password);
  await deps.repos.transaction(async (tx) => {
    await tx.users.setPassword(user.id, passwordHash, deps.clock.now().toISOString(), mustChange);
    await tx.users.throttle.clearForUsername(user.username);
    await tx.sessions.deleteForUser(user.id);
    await recordAudit(tx, deps.clock, {
      actor,
      action: "user.reset_password",
      objectType: "user",
      objectId: username,
      after: { mustChangePassword: mustChange },
    });
  });
}
