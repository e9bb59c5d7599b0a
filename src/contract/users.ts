import { z } from "zod";
import { instantSchema } from "./common";

export const usernameParamsSchema = z.object({ username: z.string().min(1).max(64) });

export const accountLockSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  scope: z
    .enum(["untrusted", "device"])
    .describe("untrusted: browsers that never signed in to the account; device: one browser"),
  failures: z.number().describe("Attempts in the current window that did not sign in"),
  lockedAt: instantSchema.nullable(),
  lockedUntil: instantSchema,
  lastAttemptAt: instantSchema,
});

export const accountLocksSchema = z
  .object({ locks: z.array(accountLockSchema) })
  .describe("The sign-in locks in force now");

export const unlockResultSchema = z
  .object({
    username: z.string(),
    liftedLocks: z.number().describe("Locks in force that were lifted"),
  })
  .describe("The account's locks are lifted and its attempt counts cleared");

export const twoFactorResetSchema = z
  .object({
    username: z.string(),
    wasEnrolled: z.boolean(),
  })
  .describe("The second factor is removed and the account's sessions ended");

export type UsernameParams = z.infer<typeof usernameParamsSchema>;
export type AccountLock = z.infer<typeof accountLockSchema>;
export type AccountLocks = z.infer<typeof accountLocksSchema>;
export type UnlockResult = z.infer<typeof unlockResultSchema>;
export type TwoFactorReset = z.infer<typeof twoFactorResetSchema>;
