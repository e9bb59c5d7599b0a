import { z } from "zod";
import { freeTextSchema, instantSchema, yearParamsSchema } from "./common";
import { conflictErrorSchema } from "./errors";

export const workParamsSchema = yearParamsSchema.extend({
  item: z.string().min(1).max(128).describe("The work item's code"),
});

export const saveWorkBodySchema = z.object({
  awarded: z.record(z.string(), z.number()).describe("Points per criterion code"),
  explanation: freeTextSchema(5000).nullable().optional(),
  version: z
    .number()
    .int()
    .min(0)
    .describe("The version you last saw; 0 for an item not yet answered"),
});

export const workAnswerSchema = z
  .object({
    itemCode: z.string(),
    awarded: z.record(z.string(), z.number()).describe("Points per criterion code"),
    explanation: z.string().nullable(),
    version: z.number().describe("Send it with the next answer to this item"),
    updatedBy: z.string(),
    updatedAt: instantSchema,
  })
  .describe("The work item's answer as stored");

export const workConflictSchema = conflictErrorSchema(workAnswerSchema.nullable()).describe(
  "Someone answered this item since the version you sent; `current` is the stored answer (null if there is none)",
);

export type WorkParams = z.infer<typeof workParamsSchema>;
export type SaveWorkBody = z.infer<typeof saveWorkBodySchema>;
export type WorkAnswer = z.infer<typeof workAnswerSchema>;
export type WorkConflict = z.infer<typeof workConflictSchema>;
