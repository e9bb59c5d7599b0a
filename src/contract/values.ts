import { z } from "zod";
import { freeTextSchema, instantSchema, yearParamsSchema } from "./common";
import { conflictErrorSchema } from "./errors";

export const valueParamsSchema = yearParamsSchema.extend({
  element: z.string().min(1).max(128).describe("The data element's code"),
  region: z.string().min(1).max(128).describe("A region's code, or `city`"),
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

export const savedValueSchema = z
  .object({
    element: z.string(),
    region: z.string(),
    value: z.number(),
    note: z.string().nullable(),
    version: z.number().describe("Send it with the next save of this figure"),
    updatedBy: z.string(),
    updatedAt: instantSchema,
  })
  .describe("The figure as stored");

/** The figure stored now, in a conflict; a figure never entered has value null and version 0. */
export const currentValueSchema = z.object({
  element: z.string(),
  region: z.string(),
  value: z.number().nullable(),
  version: z.number(),
  note: z.string().nullable().optional(),
  updatedBy: z.string().optional(),
  updatedAt: instantSchema.optional(),
});

export const valueConflictSchema = conflictErrorSchema(currentValueSchema).describe(
  "Someone saved this figure since the version you sent; `current` is what is stored now",
);

export type ValueParams = z.infer<typeof valueParamsSchema>;
export type SaveValueBody = z.infer<typeof saveValueBodySchema>;
export type SavedValue = z.infer<typeof savedValueSchema>;
export type CurrentValue = z.infer<typeof currentValueSchema>;
export type ValueConflict = z.infer<typeof valueConflictSchema>;
