import { z } from "zod";
import { dataSchema } from "../core/formats/data-schema";
import {
  criterionSchema,
  dataElementSchema,
  frameworkSchema,
  ruleSchema,
} from "../core/formats/framework-schema";
import { evidenceSchema } from "./evidence";
import { savedValueSchema } from "./values";
import { workAnswerSchema } from "./work";

export const cycleStatusSchema = z
  .enum(["open", "aggregated", "closed"])
  .describe(
    "open: figures may change (within each department's hand-in state and the deadline); " +
      "aggregated: every department's data is frozen in the city's snapshot, changes need a reopen; " +
      "closed: the year is over and locked",
  );

export const cycleSummarySchema = z
  .object({
    year: z.number().int(),
    status: cycleStatusSchema,
    framework: z
      .object({ code: z.string(), name: z.string(), version: z.number().int() })
      .describe("The framework version the year is pinned to"),
    departmentsDue: z.string().describe("When departments are due, YYYY-MM-DD"),
    provinceDue: z.string().describe("When the city reports to the province, YYYY-MM-DD"),
  })
  .describe("An evaluation year");

export const cycleRegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number().nullable().describe("Weights popmean and the spread measures"),
  group: z.string().nullable().describe("The group for Theil's between/within split"),
});

export const cycleDetailSchema = cycleSummarySchema
  .extend({ regions: z.array(cycleRegionSchema) })
  .describe("An evaluation year with its regions");

export const cycleListSchema = z.array(cycleSummarySchema).describe("Every evaluation year");

export const deadlinesBodySchema = z
  .object({
    departmentsDue: z
      .string()
      .optional()
      .describe("Departments due, YYYY-MM-DD (default 10 March of the following year)"),
    provinceDue: z
      .string()
      .optional()
      .describe("Province due, YYYY-MM-DD (default 25 March of the following year)"),
  })
  .strict();

export const itemsQuerySchema = z.object({
  department: z
    .string()
    .min(1)
    .optional()
    .describe("A department's code (office, leader, auditor); a department sees only its own"),
});

const indicatorStatusSchema = z
  .enum(["ok", "missing", "error"])
  .describe("ok: computed; missing: a figure is not entered yet; error: the formula fails");

/** A data element an indicator reads, with its figures per region. */
export const itemElementSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  aggregation: dataElementSchema.shape.aggregation.unwrap(),
  values: z
    .record(z.string(), savedValueSchema)
    .describe("The figures entered, by region code (and `city`)"),
  evidence: z.array(evidenceSchema),
});

export const departmentIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  domain: z.string(),
  department: z.string(),
  unit: z.string().nullable(),
  weight: z.number(),
  formula: z.string(),
  rule: ruleSchema,
  evidenceRequired: z.array(z.string()).describe("The evidence the framework asks for"),
  status: indicatorStatusSchema,
  value: z.number().nullable().describe("The city value; null unless status is ok"),
  ratio: z.number().describe("r under the rule, 0 to 1"),
  loss: z.number().describe("Points lost on the composite score"),
  elements: z.array(itemElementSchema),
  evidence: z.array(evidenceSchema),
});

export const departmentWorkItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  domain: z.string(),
  department: z.string(),
  points: z.number(),
  criteria: z.array(criterionSchema),
  answer: workAnswerSchema.nullable().describe("null until the item is answered"),
  earned: z.number().describe("The points awarded, summed"),
  evidence: z.array(evidenceSchema),
});

export const departmentItemsSchema = z
  .object({
    year: z.number().int(),
    department: z.string().nullable().describe("The department shown; null for all"),
    regions: z.array(cycleRegionSchema),
    indicators: z.array(departmentIndicatorSchema),
    workItems: z.array(departmentWorkItemSchema),
  })
  .describe("A department's indicators and work items for the year");

/** The framework document (kaoping/framework@1), as the core reads it. */
export const frameworkDocumentSchema = frameworkSchema.describe(
  "The framework document (kaoping/framework@1) the year is pinned to",
);

/** The year's data (kaoping/data@1): what `kaoping score` reads. */
export const dataDocumentSchema = dataSchema.describe(
  "The year's data as a kaoping/data@1 document",
);

export type CycleStatus = z.infer<typeof cycleStatusSchema>;
export type CycleSummary = z.infer<typeof cycleSummarySchema>;
export type CycleList = z.infer<typeof cycleListSchema>;
export type CycleRegion = z.infer<typeof cycleRegionSchema>;
export type CycleDetail = z.infer<typeof cycleDetailSchema>;
export type DeadlinesBody = z.infer<typeof deadlinesBodySchema>;
export type ItemsQuery = z.infer<typeof itemsQuerySchema>;
export type ItemElement = z.infer<typeof itemElementSchema>;
export type DepartmentIndicator = z.infer<typeof departmentIndicatorSchema>;
export type DepartmentWorkItem = z.infer<typeof departmentWorkItemSchema>;
export type DepartmentItems = z.infer<typeof departmentItemsSchema>;
export type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;
export type DataDocument = z.infer<typeof dataDocumentSchema>;
