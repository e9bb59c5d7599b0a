import { z } from "zod";

export const auditVerdictSchema = z
  .object({
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
  })
  .describe("The verdict on the whole chain");

export const checkpointSchema = z.object({
  seq: z.number().describe("The audit row the checkpoint pins"),
  hash: z.string().describe("That row's HMAC-SM3"),
  at: z.string().describe("When the checkpoint was written (ISO 8601, UTC)"),
});

export const checkpointListSchema = z
  .array(checkpointSchema)
  .describe("The checkpoints whose own HMAC holds, oldest first");

export const writtenCheckpointSchema = checkpointSchema
  .extend({
    written: z.boolean().describe("False when the chain had not moved since the last checkpoint"),
  })
  .describe("The head of the chain, and whether a new checkpoint was written");

export type AuditVerdict = z.infer<typeof auditVerdictSchema>;
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type CheckpointList = z.infer<typeof checkpointListSchema>;
export type WrittenCheckpoint = z.infer<typeof writtenCheckpointSchema>;
