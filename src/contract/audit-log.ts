import { z } from "zod";

/** Reading the audit log: pages of rows, newest first, filtered (audit readers only). */

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-03-10")
  .describe("YYYY-MM-DD, UTC, inclusive");

export const auditLogQuerySchema = z.object({
  actor: z.string().min(1).max(128).optional().describe("Exactly this actor (a username)"),
  action: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe("Exactly this action (see GET /api/audit/actions)"),
  object: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe("The object id contains this text, e.g. an item or element code (any case)"),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe("1-based"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditLogRowSchema = z.object({
  seq: z.number().describe("The row's place in the chain"),
  at: z.string().describe("ISO 8601, UTC"),
  actor: z.string(),
  action: z.string().describe("e.g. value.set, user.create, auth.login"),
  objectType: z.string(),
  objectId: z.string(),
  before: z.unknown().describe("The state before the change (parsed JSON), or null"),
  after: z.unknown().describe("The state after the change (parsed JSON), or null"),
});

export const auditLogPageSchema = z.object({
  rows: z.array(auditLogRowSchema),
  total: z.number().describe("Rows that match the filters, on all pages"),
  page: z.number(),
  pageSize: z.number(),
});

export const auditActionsSchema = z.object({
  actions: z.array(z.string()).describe("Every action name the log holds, sorted"),
});

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
export type AuditLogRow = z.infer<typeof auditLogRowSchema>;
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
export type AuditActions = z.infer<typeof auditActionsSchema>;
