import { z } from "zod";

/** Choosing one's own password (every signed-in user; the way out of a forced change). */
export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(256).describe("The password the user signed in with"),
    newPassword: z
      .string()
      .min(1)
      .max(256)
      .describe(
        "At least 10 characters with three of: lower-case, upper-case, digits, symbols; not a common password, not containing the username, not the current one",
      ),
  })
  .strict();

export const passwordChangedSchema = z.object({
  changedAt: z.string().describe("ISO 8601, UTC"),
  mustChangePassword: z.literal(false),
  otherSessionsEnded: z
    .number()
    .describe("The account's other sessions (other browsers) that were ended; this one stays"),
});

/**
 * The 403 a session receives on any other route while its account must change its
 * password (`error` is `password_change_required`).
 */
export const passwordChangeRequiredSchema = z.object({
  error: z.literal("password_change_required"),
  message: z.string().describe("In the language of Accept-Language (Chinese by default)"),
});

export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
export type PasswordChangeRequired = z.infer<typeof passwordChangeRequiredSchema>;
