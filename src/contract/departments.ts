import { z } from "zod";
import { instantSchema } from "./common";
import { submissionSchema } from "./workflow";

const shareSchema = (of: string) =>
  z.number().nullable().describe(`From 0 to 1; null when ${of} is 0`);

export const figureCoverageSchema = z
  .object({
    filled: z.number().int(),
    expected: z.number().int(),
    share: shareSchema("expected"),
  })
  .describe(
    "Figures entered of those expected for the data elements its indicators read: one per " +
      "region for each element, or the one city figure for an element entered only city-wide",
  );

export const evidenceCoverageSchema = z
  .object({
    withEvidence: z.number().int(),
    items: z.number().int().describe("Its indicators and work items"),
    share: shareSchema("items"),
  })
  .describe(
    "Its indicators and work items with at least one evidence file (for an indicator, a file " +
      "on the indicator or on a data element it reads, filed under the department)",
  );

export const departmentActivitySchema = z
  .object({
    at: instantSchema,
    by: z.string().describe("Who made the change: a username (`system:seed` for the demo's own)"),
    displayName: z
      .string()
      .nullable()
      .describe("That account's display name; null when no account has the name"),
    kind: z
      .enum(["figure", "work", "evidence", "comment"])
      .describe("What changed: a figure, a work answer, an evidence file or a comment"),
  })
  .describe("The department's latest change");

export const departmentOverviewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    indicatorCount: z.number().int(),
    workItemCount: z.number().int(),
    figures: figureCoverageSchema,
    evidence: evidenceCoverageSchema,
    loss: z
      .number()
      .describe(
        "What the department's items cost the score, as a share of 1 (the score report's " +
          "`departments[].loss`; × 100 for points out of 100)",
      ),
    lastActivity: departmentActivitySchema
      .nullable()
      .describe("null when nothing of the department has changed yet"),
    submission: submissionSchema,
  })
  .describe("One member department's progress in the year");

export const departmentsOverviewSchema = z
  .object({
    year: z.number().int(),
    departments: z
      .array(departmentOverviewSchema)
      .describe("In the framework's order; a department user gets only their own"),
  })
  .describe("Every department's progress in the year");

export type FigureCoverage = z.infer<typeof figureCoverageSchema>;
export type EvidenceCoverage = z.infer<typeof evidenceCoverageSchema>;
export type DepartmentActivity = z.infer<typeof departmentActivitySchema>;
export type DepartmentOverview = z.infer<typeof departmentOverviewSchema>;
export type DepartmentsOverview = z.infer<typeof departmentsOverviewSchema>;
