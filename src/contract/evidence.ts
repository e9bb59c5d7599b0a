import { z } from "zod";
import { instantSchema, yearParamsSchema } from "./common";

export const evidenceTargetKindSchema = z
  .enum(["indicator", "workItem", "dataElement"])
  .describe("What the file supports: an indicator, a work item or a data element");

export const evidenceSchema = z
  .object({
    id: z.string(),
    targetKind: evidenceTargetKindSchema,
    targetCode: z.string(),
    originalName: z.string().describe("The file's name as uploaded (cleaned)"),
    mimeType: z.string().describe("Read from the content, not from the name"),
    size: z.number().describe("Bytes"),
    sha256: z.string(),
    uploadedBy: z.string(),
    uploadedAt: instantSchema,
  })
  .describe("One evidence file");

/** The text fields of the multipart upload (the file itself is the part `file`). */
export const evidenceUploadFieldsSchema = z.object({
  targetKind: evidenceTargetKindSchema,
  targetCode: z.string().min(1).max(128),
});

export const evidenceParamsSchema = yearParamsSchema.extend({ id: z.string().uuid() });

export type EvidenceTargetKind = z.infer<typeof evidenceTargetKindSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type EvidenceUploadFields = z.infer<typeof evidenceUploadFieldsSchema>;
export type EvidenceParams = z.infer<typeof evidenceParamsSchema>;
