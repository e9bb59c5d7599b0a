import { z } from "zod";

/**
 * Framework versions (the method and its indicators) and opening an evaluation year on
 * one of them. A framework is imported whole or not at all; each import of a changed
 * document under the same code is the next version of that code.
 */

export const frameworkSummarySchema = z.object({
  id: z.string().describe("Give it as frameworkId to open a year on this version"),
  code: z.string(),
  name: z.string(),
  version: z.number().describe("1 for the first import of a code, then 2, 3, …"),
  sha256: z.string().describe("SHA-256 of the stored document (canonical JSON)"),
  importedAt: z.string().describe("ISO 8601, UTC"),
  importedBy: z.string(),
  indicators: z.number().describe("How many indicators it has"),
  workItems: z.number().describe("How many work items it has"),
  departments: z.number().describe("How many member departments it names"),
  years: z.array(z.number()).describe("The evaluation years pinned to this version"),
});

export const frameworkListSchema = z.object({ frameworks: z.array(frameworkSummarySchema) });

export const importedFrameworkSchema = frameworkSummarySchema.extend({
  warnings: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe("What the loader noticed but accepted"),
});

/** Largest framework file accepted by upload, in bytes. */
export const FRAMEWORK_UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

const regionSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  population: z.number().optional().describe("Resident population; needed for popmean and cv"),
  group: z.string().min(1).max(64).optional().describe("e.g. urban / rural, for Theil groups"),
});

const dueDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-03-10");

export const openCycleBodySchema = z
  .object({
    year: z.number().int().min(1990).max(2200),
    frameworkId: z
      .string()
      .min(1)
      .max(64)
      .describe("A framework version's id (GET /api/frameworks)"),
    departmentsDue: dueDateSchema
      .optional()
      .describe("YYYY-MM-DD; default 10 March of the following year"),
    provinceDue: dueDateSchema
      .optional()
      .describe("YYYY-MM-DD; default 25 March of the following year"),
    regions: z
      .array(regionSchema)
      .min(1)
      .max(500)
      .optional()
      .describe(
        "The year's regions; when absent, those of the closest earlier year (else the closest later one) are copied",
      ),
  })
  .strict();

export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;
export type FrameworkList = z.infer<typeof frameworkListSchema>;
export type ImportedFramework = z.infer<typeof importedFrameworkSchema>;
export type OpenCycleBody = z.infer<typeof openCycleBodySchema>;
