import { z } from "zod";

/** Shape of a `kaoping/framework@1` document; cross-references are checked in check-framework.ts. */
export const FRAMEWORK_FORMAT = "kaoping/framework@1";

const code = z.string().regex(/^\S+$/, "a code is a non-empty string without spaces");
const name = z.string().min(1);
const finite = z.number().finite();
const positive = finite.gt(0);

export const gradeSchema = z.object({ name, min: finite });

export const partSchema = z.object({
  code,
  name,
  weight: positive,
  kind: z.enum(["indicators", "work", "satisfaction"]),
  scale: positive.optional(),
});

export const domainSchema = z.object({ code, name });
export const departmentSchema = z.object({ code, name });

export const dataElementSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "a data-element code matches [A-Z][A-Z0-9_]*"),
  name,
  unit: z.string().optional(),
  aggregation: z.enum(["sum", "mean", "popmean"]).default("sum"),
  /** Bounds no real figure can pass (e.g. 0 for a count); checked in check-framework.ts and formats/bounds.ts. */
  min: finite.optional(),
  max: finite.optional(),
  /**
   * Kaoping's extension: the range a real figure usually lies in. A figure outside it is
   * a warning before submitting (the head justifies it or corrects it), never a refusal.
   */
  plausible: z.object({ min: finite.optional(), max: finite.optional() }).optional(),
});

export const bandSchema = z.object({ min: finite, r: finite.min(0).max(1) });

export const ruleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ratio"), target: positive }),
  z.object({ type: z.literal("inverse"), target: positive }),
  z.object({ type: z.literal("atLeast"), target: finite }),
  z.object({ type: z.literal("atMost"), target: finite }),
  z.object({ type: z.literal("linear"), from: finite, to: finite }),
  z.object({ type: z.literal("bands"), bands: z.array(bandSchema).min(1) }),
  z.object({ type: z.literal("cv"), target: finite.min(0), max: finite }),
]);

export const indicatorSchema = z.object({
  code,
  name,
  domain: code,
  department: code,
  unit: z.string().optional(),
  weight: positive,
  formula: z.string().min(1),
  rule: ruleSchema,
  evidence: z.array(z.string()).optional(),
  part: code.optional(),
});

export const criterionSchema = z.object({ code, text: z.string().min(1), points: finite.min(0) });

export const workItemSchema = z.object({
  code,
  name,
  domain: code,
  department: code,
  points: positive,
  criteria: z.array(criterionSchema).min(1),
  part: code.optional(),
});

export const frameworkSchema = z.object({
  format: z.literal(FRAMEWORK_FORMAT),
  code,
  name,
  target: finite.min(0).max(1),
  grades: z.array(gradeSchema).min(1),
  parts: z.array(partSchema).min(1),
  domains: z.array(domainSchema).min(1),
  departments: z.array(departmentSchema).min(1),
  dataElements: z.array(dataElementSchema).default([]),
  indicators: z.array(indicatorSchema).default([]),
  workItems: z.array(workItemSchema).default([]),
  /**
   * Kaoping's extension: the checks before a department submits. `changePercent` is how
   * far (in %) a figure may move from last year's before it needs a note (default 30).
   */
  checks: z.object({ changePercent: finite.gt(0).default(30) }).default({ changePercent: 30 }),
});

export type FrameworkDoc = z.infer<typeof frameworkSchema>;
export type Part = z.infer<typeof partSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type DataElement = z.infer<typeof dataElementSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Band = z.infer<typeof bandSchema>;
export type IndicatorDef = z.infer<typeof indicatorSchema>;
export type WorkItemDef = z.infer<typeof workItemSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
