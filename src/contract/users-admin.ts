import { z } from "zod";
import { cleanFreeText } from "../core/text/clean-text";
import { roleSchema } from "./roles";

/**
 * Account administration (admin only): the list of accounts, creating one, changing its
 * name, role, department or disabled flag, and giving it a temporary password.
 */

/** A person's name as shown beside their work: one line, cleaned, 1–64 characters. */
const displayNameSchema = z
  .string()
  .max(256)
  .overwrite((text) => cleanFreeText(text).replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1).max(64))
  .describe("The name shown for the account: one line, 1–64 characters");

const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .describe("2–64 lower-case letters, digits, dots, underscores or hyphens; never changes");

/** Where the account's notices are e-mailed; null (or absent) for none. */
const emailSchema = z
  .email()
  .max(254)
  .nullable()
  .describe("Where the account's notices are e-mailed (at most 254 characters); null for none");

const passwordSchema = z
  .string()
  .min(1)
  .max(256)
  .describe(
    "At least 10 characters with three of: lower-case, upper-case, digits, symbols; not a common password, not containing the username",
  );

export const userAccountSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  department: z
    .object({ code: z.string(), name: z.string() })
    .nullable()
    .describe("The member department of a department role (dept_head, dept_clerk); null otherwise"),
  disabled: z.boolean().describe("A disabled account cannot sign in"),
  email: z.string().nullable().describe("Where the account's notices are e-mailed; null for none"),
  mustChangePassword: z
    .boolean()
    .describe("The account holds a password an administrator gave; it must choose its own"),
  twoFactorEnrolled: z.boolean().describe("Two-factor sign-in (TOTP) is on"),
  createdAt: z.string().describe("ISO 8601, UTC"),
  lastSignInAt: z
    .string()
    .nullable()
    .describe("The last successful sign-in (ISO 8601, UTC), from the audit log; null if none"),
});

export const userListSchema = z.object({ users: z.array(userAccountSchema) });

export const createUserBodySchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    departmentCode: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe("Required for dept_head and dept_clerk; absent or null for other roles"),
    email: emailSchema.optional(),
    password: passwordSchema.describe(
      "A temporary password to hand over; the account must change it at first sign-in",
    ),
  })
  .strict();

export const updateUserBodySchema = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    departmentCode: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe("The new department (null: none); must fit the role as when creating"),
    disabled: z
      .boolean()
      .optional()
      .describe("true disables the account and ends its sessions; false enables it again"),
    email: emailSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: "give at least one of displayName, role, departmentCode, disabled, email",
  });

export const resetPasswordBodySchema = z
  .object({
    password: passwordSchema.describe(
      "A temporary password to hand over; the account must change it at its next sign-in",
    ),
  })
  .strict();

export const passwordResetSchema = z.object({
  username: z.string(),
  mustChangePassword: z
    .literal(true)
    .describe("The account must choose its own password at its next sign-in"),
});

export type UserAccount = z.infer<typeof userAccountSchema>;
export type UserList = z.infer<typeof userListSchema>;
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;
export type PasswordReset = z.infer<typeof passwordResetSchema>;
