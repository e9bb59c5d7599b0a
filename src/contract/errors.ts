import { z } from "zod";

/** The body of every refusal: `{error, message}`, plus what a particular refusal adds. */
export const errorSchema = z.object({
  error: z
    .string()
    .describe(
      "bad_request | unauthenticated | forbidden | not_found | conflict | invalid | locked | too_large | unsupported | too_many_requests",
    ),
  message: z.string().describe("In the language of Accept-Language (Chinese by default)"),
});

/** A refusal of the request's fields (422): which field, or every field that was refused. */
export const fieldErrorSchema = errorSchema.extend({
  field: z.string().optional().describe("The field that was refused"),
  issues: z
    .array(
      z.object({
        field: z.string().describe("The field, e.g. `awarded.C1`"),
        message: z.string(),
        file: z.string().optional().describe("For a refused document: the file it came from"),
      }),
    )
    .optional()
    .describe("Every refused field, when there are several"),
});

/** A refusal of the role, the department or the CSRF token (403). */
export const forbiddenErrorSchema = errorSchema.extend({
  setupRequired: z
    .boolean()
    .optional()
    .describe("True when the account must set up two-factor sign-in before anything else"),
});

/** A version conflict (409) that carries what is stored now, so the client can start again from it. */
export const conflictErrorSchema = <Current extends z.ZodType>(current: Current) =>
  errorSchema.extend({
    current: current.describe("What is stored now; save again with its version"),
  });

export type ApiError = z.infer<typeof errorSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;
export type ForbiddenError = z.infer<typeof forbiddenErrorSchema>;
