import type { Framework } from "../../core";
import type { Role } from "../db/schema";
import { forbidden } from "../errors";
import { isDepartmentUser, type AuthUser } from "./auth-user";

/** Roles that may read every department's items, the score and the export. */
export const CITY_READERS: readonly Role[] = ["admin", "office", "leader", "auditor"];
/** Roles that may change anything in a cycle. */
export const CITY_WRITERS: readonly Role[] = ["admin", "office"];
/** Roles that may read and verify the audit log. */
export const AUDIT_READERS: readonly Role[] = ["admin", "office", "auditor"];
/** Roles that may see which accounts are locked out of signing in, and lift the locks. */
export const LOCK_KEEPERS: readonly Role[] = ["admin", "office"];
/** Roles that may remove an account's second factor (it lets the next sign-in enrol anew). */
export const SECOND_FACTOR_RESETTERS: readonly Role[] = ["admin"];
/** Roles that may list, create and change accounts and give them temporary passwords. */
export const USER_ADMINS: readonly Role[] = ["admin"];
/** Roles that may import framework versions and open evaluation years. */
export const FRAMEWORK_KEEPERS: readonly Role[] = ["admin", "office"];

/** Roles that certify and submit a department's materials (its head, per the plan). */
export const SUBMITTERS: readonly Role[] = ["dept_head"];
/** Roles that return, accept and reopen hand-ins, grant lock exceptions and aggregate the year. */
export const REVIEWERS: readonly Role[] = ["office"];

export function requireRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) {
    throw forbidden("您的角色无权执行此操作", "your role may not do this");
  }
}

/**
 * The department whose items a request may see: a department user only ever sees
 * their own; city-wide readers may name any department (or none, for all).
 */
export function departmentScope(user: AuthUser, requested: string | undefined): string | undefined {
  if (isDepartmentUser(user)) {
    if (requested !== undefined && requested !== user.departmentCode) {
      throw forbidden("只能查看本单位的考评项目", "you may only see your own department's items");
    }
    return user.departmentCode ?? undefined;
  }
  requireRole(user, CITY_READERS);
  return requested;
}

/** Data elements read by the indicators a department answers for. */
export function elementsOfDepartment(framework: Framework, department: string): Set<string> {
  const elements = new Set<string>();
  for (const indicator of framework.indicators) {
    if (indicator.department === department)
      indicator.compiled.inputs.forEach((code) => elements.add(code));
  }
  return elements;
}

/** A clerk or head may write a figure only when one of their department's indicators uses it. */
export function assertCanWriteElement(user: AuthUser, framework: Framework, element: string): void {
  if (CITY_WRITERS.includes(user.role)) return;
  if (
    isDepartmentUser(user) &&
    user.departmentCode &&
    elementsOfDepartment(framework, user.departmentCode).has(element)
  ) {
    return;
  }
  throw forbidden(
    `本单位没有使用数据元素 ${element} 的指标，无权填报`,
    `no indicator of your department uses data element ${element}; you may not write it`,
  );
}

/** A clerk or head may answer only their own department's work items. */
export function assertCanWriteDepartmentItem(
  user: AuthUser,
  department: string,
  code: string,
): void {
  if (CITY_WRITERS.includes(user.role)) return;
  if (isDepartmentUser(user) && user.departmentCode === department) return;
  throw forbidden(
    `${code} 不属于本单位，无权填报`,
    `${code} belongs to another department; you may not write it`,
  );
}
