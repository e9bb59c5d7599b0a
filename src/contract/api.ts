import { z } from "zod";
import { cleanFreeText } from "../core/text/clean-text";

/**
 * Request and response shapes of the HTTP API. The server validates with them, the
 * OpenAPI document at /api/docs is generated from them, and the web client imports
 * the same types.
 */
export const roleSchema = z.enum([
  "admin",
  "office",
  "leader",
  "dept_head",
  "dept_clerk",
  "auditor",
]);

/**
 * Text a person writes (a note, an explanation): line breaks kept, controls and
 * bidirectional overrides dropped (see core/text/clean-text.ts) before it is stored.
 * Lone surrogates never get this far: the server refuses them with 422 first.
 */
export const freeTextSchema = (max: number) =>
  z
    .string()
    .max(max)
    .overwrite(cleanFreeText)
    .describe(
      `Free text, at most ${max} characters; control and bidi-override characters are removed`,
    );

export const errorSchema = z.object({
  error: z
    .string()
    .describe(
      "unauthenticated | forbidden | not_found | conflict | invalid | locked | too_large | unsupported | too_many_requests",
    ),
  message: z.string().describe("In the language of Accept-Language (Chinese by default)"),
});

/** A refusal of one field of the request (422). */
export const fieldErrorSchema = errorSchema.extend({
  field: z.string().optional().describe("The field that was refused"),
});

export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    departmentCode: z.string().nullable(),
  }),
  csrfToken: z
    .string()
    .describe("Send back in the X-CSRF-Token header on every state-changing request"),
  twoFactor: z.object({
    required: z.boolean().describe("This account must sign in with a second factor"),
    enrolled: z.boolean().describe("Two-factor sign-in (TOTP) is on for this account"),
    exemptReason: z
      .string()
      .nullable()
      .describe('Why the account signs in without a second factor ("demo": a demo account)'),
    setupRequired: z
      .boolean()
      .describe(
        "Required but not set up: until it is, this session may only set it up, read /api/me and sign out",
      ),
  }),
});

export const secondFactorChallengeSchema = z.object({
  secondFactorRequired: z.literal(true),
  challenge: z
    .string()
    .describe("Send with the code to POST /api/auth/2fa/verify; it is not a session"),
  expiresAt: z.string().describe("When the challenge ends (ISO 8601, UTC)"),
});

export const secondFactorBodySchema = z.object({
  challenge: z.string().min(1).max(128),
  code: z
    .string()
    .min(1)
    .max(64)
    .describe("The 6 digits of the authenticator app, or one recovery code"),
});

export const twoFactorSetupSchema = z.object({
  otpauthUri: z.string().describe("otpauth://totp/… — show it as a QR code"),
  secret: z.string().describe("The same secret in base32, for typing into the app"),
  issuer: z.string(),
  account: z.string(),
});

export const twoFactorConfirmBodySchema = z.object({
  code: z.string().min(1).max(16).describe("A code the authenticator app shows for the new secret"),
});

export const recoveryCodesSchema = z.object({
  recoveryCodes: z
    .array(z.string())
    .describe("Ten one-time codes for when the phone is lost; shown this once only"),
});

export const usernameParamsSchema = z.object({ username: z.string().min(1).max(64) });

export const accountLocksSchema = z.object({
  locks: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      scope: z
        .enum(["untrusted", "device"])
        .describe("untrusted: browsers that never signed in to the account; device: one browser"),
      failures: z.number().describe("Attempts in the current window that did not sign in"),
      lockedAt: z.string().nullable(),
      lockedUntil: z.string(),
      lastAttemptAt: z.string(),
    }),
  ),
});

export const unlockResultSchema = z.object({
  username: z.string(),
  liftedLocks: z.number().describe("Locks in force that were lifted"),
});

export const twoFactorResetSchema = z.object({
  username: z.string(),
  wasEnrolled: z.boolean(),
});

export const yearParamsSchema = z.object({ year: z.coerce.number().int().min(1990).max(2200) });

export const cycleSummarySchema = z.object({
  year: z.number(),
  status: z.string(),
  framework: z.object({ code: z.string(), name: z.string(), version: z.number() }),
  departmentsDue: z.string(),
  provinceDue: z.string(),
});

export const deadlinesBodySchema = z
  .object({
    departmentsDue: z
      .string()
      .optional()
      .describe("Departments due, YYYY-MM-DD (default 10 March of the following year)"),
    provinceDue: z
      .string()
      .optional()
      .describe("Province due, YYYY-MM-DD (default 25 March of the following year)"),
  })
  .strict();

export const itemsQuerySchema = z.object({ department: z.string().min(1).optional() });

export const valueParamsSchema = yearParamsSchema.extend({
  element: z.string().min(1).max(128),
  region: z.string().min(1).max(128),
});

export const saveValueBodySchema = z.object({
  value: z.number().describe("The figure; a finite number"),
  version: z
    .number()
    .int()
    .min(0)
    .describe("The version you last saw; 0 for a value not yet entered"),
  note: freeTextSchema(2000).nullable().optional(),
});

export const savedValueSchema = z.object({
  element: z.string(),
  region: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  version: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const workParamsSchema = yearParamsSchema.extend({ item: z.string().min(1).max(128) });

export const saveWorkBodySchema = z.object({
  awarded: z.record(z.string(), z.number()).describe("Points per criterion code"),
  explanation: freeTextSchema(5000).nullable().optional(),
  version: z.number().int().min(0).optional(),
});

export const workAnswerSchema = z.object({
  itemCode: z.string(),
  awarded: z.record(z.string(), z.number()),
  explanation: z.string().nullable(),
  version: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const evidenceSchema = z.object({
  id: z.string(),
  targetKind: z.string(),
  targetCode: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const evidenceParamsSchema = yearParamsSchema.extend({ id: z.string().uuid() });

export const auditVerdictSchema = z.object({
  intact: z.boolean(),
  rows: z.number(),
  headSeq: z.number(),
  firstBadSeq: z.number().optional().describe("The first failing row, when the chain is broken"),
  failures: z
    .array(z.object({ seq: z.number(), reason: z.string() }))
    .describe("Every failing row or checkpoint, in seq order (at most 1,000 listed)"),
  failureCount: z.number().describe("How many failures there are in all"),
  checkpoints: z.number().describe("Checkpoints kept outside the database that were checked"),
  message: z.string(),
});

export const checkpointSchema = z.object({
  seq: z.number().describe("The audit row the checkpoint pins"),
  hash: z.string().describe("That row's HMAC-SM3"),
  at: z.string().describe("When the checkpoint was written (ISO 8601, UTC)"),
});

export const writtenCheckpointSchema = checkpointSchema.extend({
  written: z.boolean().describe("False when the chain had not moved since the last checkpoint"),
});

export type LoginBody = z.infer<typeof loginBodySchema>;
export type Me = z.infer<typeof meSchema>;
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;
export type AccountLocks = z.infer<typeof accountLocksSchema>;
export type SaveValueBody = z.infer<typeof saveValueBodySchema>;
export type SavedValue = z.infer<typeof savedValueSchema>;
export type SaveWorkBody = z.infer<typeof saveWorkBodySchema>;
export type CycleSummary = z.infer<typeof cycleSummarySchema>;
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;
