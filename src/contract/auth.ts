import { z } from "zod";
import { roleSchema } from "./roles";

export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentCode: z.string().nullable().describe("The member department; null for city roles"),
});

export const twoFactorStatusSchema = z.object({
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
});

export const meSchema = z
  .object({
    user: meUserSchema,
    csrfToken: z
      .string()
      .describe("Send back in the X-CSRF-Token header on every state-changing request"),
    twoFactor: twoFactorStatusSchema,
    mustChangePassword: z
      .boolean()
      .describe(
        "The password was given by an administrator: until the user chooses a new one (POST /api/auth/password), this session may only do that, read /api/me and sign out",
      ),
  })
  .describe("The signed-in user, the CSRF token and the account's two-factor status");

export const sessionStateSchema = z
  .object({
    me: meSchema
      .nullable()
      .describe("The signed-in account as GET /api/me gives it, or null when nobody is signed in"),
  })
  .describe("Whether this browser has a session, without an error when it has none");

export const secondFactorChallengeSchema = z
  .object({
    secondFactorRequired: z.literal(true),
    challenge: z
      .string()
      .describe("Send with the code to POST /api/auth/2fa/verify; it is not a session"),
    expiresAt: z.string().describe("When the challenge ends (ISO 8601, UTC)"),
  })
  .describe("The password was right; the second factor is asked for next");

export const secondFactorBodySchema = z.object({
  challenge: z.string().min(1).max(128),
  code: z
    .string()
    .min(1)
    .max(64)
    .describe("The 6 digits of the authenticator app, or one recovery code"),
});

export const twoFactorSetupSchema = z
  .object({
    otpauthUri: z.string().describe("otpauth://totp/… — show it as a QR code"),
    secret: z.string().describe("The same secret in base32, for typing into the app"),
    issuer: z.string(),
    account: z.string(),
  })
  .describe("A new TOTP secret, not in use until a code from it is confirmed");

export const twoFactorConfirmBodySchema = z.object({
  code: z.string().min(1).max(16).describe("A code the authenticator app shows for the new secret"),
});

export const recoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .describe("Ten one-time codes for when the phone is lost; shown this once only"),
  })
  .describe("Two-factor sign-in is on");

/** Sign-out answers 204 with no body. */
export const noContentSchema = z.null().describe("Done; no body");

export type LoginBody = z.infer<typeof loginBodySchema>;
export type MeUser = z.infer<typeof meUserSchema>;
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;
export type Me = z.infer<typeof meSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;
export type TwoFactorConfirmBody = z.infer<typeof twoFactorConfirmBodySchema>;
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
