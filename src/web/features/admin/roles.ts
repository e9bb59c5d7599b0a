import type { Role } from "../../../contract/api";

/** The roles in the order a form offers them: city roles first, then department roles. */
export const ROLE_ORDER = [
  "admin",
  "office",
  "leader",
  "auditor",
  "dept_head",
  "dept_clerk",
] as const satisfies readonly Role[];

// Fails to compile when the contract gains a role this list does not offer.
type Unlisted = Exclude<Role, (typeof ROLE_ORDER)[number]>;
export const EVERY_ROLE_LISTED: [Unlisted] extends [never] ? true : never = true;

/** Roles that belong to a member department (the server's rule: they need one, others have none). */
export function isDepartmentRole(role: Role | undefined): boolean {
  return role === "dept_head" || role === "dept_clerk";
}
