import { z } from "zod";

/** Every role an account can have; the database's `users.role` column holds one of these. */
export const ROLES = ["admin", "office", "leader", "dept_head", "dept_clerk", "auditor"] as const;

export const roleSchema = z
  .enum(ROLES)
  .describe(
    "admin: accounts and settings; office: the evaluation office; leader: reads the city's results; " +
      "dept_head / dept_clerk: a member department; auditor: reads everything and the audit log",
  );

export type Role = z.infer<typeof roleSchema>;
