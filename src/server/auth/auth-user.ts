import type { Role } from "../db/schema";
import type { UserRow } from "../users/users.repository";

/** The signed-in user as use cases see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
}

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    departmentCode: row.department_code,
  };
}

export const DEPARTMENT_ROLES: readonly Role[] = ["dept_head", "dept_clerk"];
export const isDepartmentUser = (user: AuthUser) => DEPARTMENT_ROLES.includes(user.role);
