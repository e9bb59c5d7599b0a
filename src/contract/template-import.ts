import { z } from "zod";
import { fieldErrorSchema } from "./errors";
import { yearParamsSchema } from "./common";

/**
 * Uploading a filled Excel template (指标考评表 and 工作测评表) back: all or nothing.
 * A cell that is not a number, a formula, or out of bounds refuses the whole file (422,
 * every such cell listed); a cell changed online since the template was downloaded is a
 * conflict (409, each listed with both figures), never overwritten.
 */

/** Largest template accepted, in bytes (a department's template is about 30 KB). */
export const TEMPLATE_UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export const templateImportParamsSchema = yearParamsSchema.extend({
  department: z.string().min(1).max(128).describe("The department's code, e.g. EDU"),
});

export const templateImportResultSchema = z
  .object({
    changedValues: z.number().describe("Figures written (element × region or city)"),
    changedWork: z.number().describe("Work items whose answer was written"),
    unchanged: z.number().describe("Filled cells equal to what is stored (nothing written)"),
    fileSha256: z.string().describe("SHA-256 of the uploaded file, hex; also in the audit row"),
  })
  .describe("The template was imported; one audit row `template.import` records it");

export const templateCellErrorSchema = z.object({
  cell: z.string().describe("Sheet and cell, e.g. `指标考评表!F12`"),
  message: z.string().describe("e.g. `指标考评表!F12：不是数字`"),
});

export const templateConflictSchema = z.object({
  cell: z.string().describe("Sheet and cell, e.g. `指标考评表!F12`"),
  stored: z.number().nullable().describe("What is stored now (null: nothing stored)"),
  file: z.number().describe("What the file holds"),
});

/** Also the shape of a refused request (a malformed year or code): then only `field`/`issues`. */
export const templateRefusalSchema = fieldErrorSchema
  .extend({
    cells: z
      .array(templateCellErrorSchema)
      .optional()
      .describe("Every refused cell, in sheet order (at most 200 listed)"),
    moreCells: z.number().optional().describe("Refused cells past the list"),
    conflicts: z
      .array(templateConflictSchema)
      .optional()
      .describe("Cells changed online since the template was downloaded"),
  })
  .describe("Nothing was imported: cells refused (422) or changed online since the download (409)");

export type TemplateImportParams = z.infer<typeof templateImportParamsSchema>;
export type TemplateImportResult = z.infer<typeof templateImportResultSchema>;
export type TemplateCellError = z.infer<typeof templateCellErrorSchema>;
export type TemplateConflict = z.infer<typeof templateConflictSchema>;
export type TemplateRefusal = z.infer<typeof templateRefusalSchema>;
