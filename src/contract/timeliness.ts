import { z } from "zod";
import { instantSchema } from "./common";
import { submissionStateSchema } from "./workflow";

export const timelinessStatusSchema = z
  .enum(["on_time", "late", "missing", "pending"])
  .describe(
    "on_time: first submitted by the end of the due day (Beijing time); late: first submitted " +
      "after it; missing: not submitted and its last day (the due date, or the last day of a " +
      "lock exception) has passed; pending: not submitted and its last day has not passed yet",
  );

export const itemCompletenessSchema = z
  .object({
    complete: z.number().int(),
    total: z.number().int().describe("Its indicators and work items"),
    share: z.number().nullable().describe("From 0 to 1; null when total is 0"),
  })
  .describe(
    "Items complete of the department's indicators and work items: an indicator when every " +
      "figure it needs is entered and, if it requires evidence, evidence is filed (on it or on " +
      "an element it reads); a work item when it is answered",
  );

export const departmentTimelinessSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    state: submissionStateSchema,
    firstSubmittedAt: instantSchema.nullable().describe("A return does not reset it"),
    lastSubmittedAt: instantSchema.nullable(),
    status: timelinessStatusSchema,
    daysLate: z
      .number()
      .int()
      .nullable()
      .describe(
        "Beijing calendar days after the due date: late — on the day of the first submission; " +
          "missing — today. Null when on time or pending",
      ),
    exceptionUntil: z
      .string()
      .nullable()
      .describe(
        "The last day of the lock exception that applies: the one in force at the first " +
          "submission, or (not yet submitted) the one in force now",
      ),
    withinException: z
      .boolean()
      .describe("Late, but by the end of the exception's last day: the office allowed it"),
    returns: z.number().int().describe("How many times the office has returned it"),
    items: itemCompletenessSchema,
  })
  .describe("One department's timeliness and completeness");

export const timelinessReportSchema = z
  .object({
    year: z.number().int(),
    due: z.string().describe("The departments' deadline (YYYY-MM-DD, Beijing time)"),
    generatedAt: instantSchema,
    departments: z
      .array(departmentTimelinessSchema)
      .describe("In the framework's order; a department user gets only their own"),
  })
  .describe("Every department's timeliness and completeness in the year");

export type TimelinessStatusCode = z.infer<typeof timelinessStatusSchema>;
export type ItemCompleteness = z.infer<typeof itemCompletenessSchema>;
export type DepartmentTimeliness = z.infer<typeof departmentTimelinessSchema>;
export type TimelinessReport = z.infer<typeof timelinessReportSchema>;
