import { z } from "zod";
import { freeTextSchema, instantSchema, yearParamsSchema } from "./common";

/** The narrative sections of a self-evaluation report, in report order. */
export const narrativeSectionSchema = z
  .enum(["work", "problems", "next"])
  .describe("work: 工作开展情况; problems: 存在问题; next: 下一步措施");

/** "city" for the office's overall report, else a department code. */
export const documentScopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/)
  .describe('"city" for the overall report and the city tables, else a department code');

export const scopeParamsSchema = yearParamsSchema.extend({ scope: documentScopeSchema });

export const narrativeSchema = z.object({
  section: narrativeSectionSchema,
  text: z.string(),
  version: z.number().int().describe("0 when nothing is written yet"),
  updatedBy: z.string().nullable(),
  updatedAt: instantSchema.nullable(),
});

export const narrativesSchema = z.object({
  scope: z.string(),
  editable: z.boolean().describe("Whether the caller may change them now"),
  sections: z.array(narrativeSchema),
});

export const saveNarrativeBodySchema = z.object({
  section: narrativeSectionSchema,
  text: freeTextSchema(20000),
  version: z.number().int().min(0).describe("The version the writer started from"),
});

export const documentJobStateSchema = z.enum(["queued", "running", "done", "failed"]);

export const documentJobSchema = z.object({
  id: z.string(),
  scope: z.string(),
  kind: z.enum(["volume", "package"]),
  state: documentJobStateSchema,
  stage: z.string().describe("What the job is doing, in Chinese (e.g. 合并辅证材料)"),
  done: z.number().int(),
  total: z.number().int(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});

export const documentJobsSchema = z.object({ jobs: z.array(documentJobSchema) });

export const startDocumentJobBodySchema = z.object({ kind: z.enum(["volume", "package"]) });

export const jobParamsSchema = yearParamsSchema.extend({
  scope: documentScopeSchema,
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export type NarrativeSectionCode = z.infer<typeof narrativeSectionSchema>;
export type Narrative = z.infer<typeof narrativeSchema>;
export type NarrativesDoc = z.infer<typeof narrativesSchema>;
export type SaveNarrativeBody = z.infer<typeof saveNarrativeBodySchema>;
export type DocumentJob = z.infer<typeof documentJobSchema>;
export type DocumentJobs = z.infer<typeof documentJobsSchema>;
