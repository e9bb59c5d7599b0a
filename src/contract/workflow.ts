import { z } from "zod";
import { SUBMISSION_STATES } from "../core/workflow/states";
import { freeTextSchema, instantSchema } from "./common";
import { errorSchema } from "./errors";

export const submissionStateSchema = z
  .enum(SUBMISSION_STATES)
  .describe(
    "draft: being filled in; submitted: certified by the head and handed in; returned: sent " +
      "back by the office with reasons; accepted: taken by the office",
  );

/** An item of the tables, as reasons and checks name it. */
export const itemRefSchema = z.object({
  kind: z.enum(["indicator", "workItem", "dataElement"]),
  code: z.string().min(1).max(128),
});

export const lockKindSchema = z
  .enum(["closed", "aggregated", "submitted", "accepted", "deadline"])
  .describe(
    "Why it cannot change: the year is closed, the year is aggregated, the department's data " +
      "is submitted or accepted (certified), or the departments' deadline has passed",
  );

export const lockSchema = z
  .object({
    kind: lockKindSchema,
    department: z.string().nullable().describe("The department whose state or deadline locks it"),
    due: z.string().nullable().describe("For a deadline lock: the date that passed"),
    message: z.string().describe("Why, in the language of Accept-Language"),
  })
  .describe("Why an item cannot be changed now");

/** A refusal because something is locked (423): the message, and why as data. */
export const lockedErrorSchema = errorSchema.extend({
  lock: lockSchema
    .omit({ message: true })
    .optional()
    .describe("Why it is locked, when it is a lock of the year's workflow"),
});

export const checkSchema = z
  .object({
    id: z.string().describe("Stable for the same finding: name it in a justification"),
    code: z.enum([
      "missing_figures",
      "missing_evidence",
      "unanswered_work",
      "implausible_figure",
      "large_change",
    ]),
    severity: z.enum(["error", "warning"]).describe("Errors block; warnings need a justification"),
    target: itemRefSchema.extend({
      region: z.string().optional().describe("For a figure: the region, or `city`"),
    }),
    message: z.string(),
  })
  .describe("One finding before submitting");

export const submissionChecksSchema = z
  .object({
    year: z.number().int(),
    department: z.string(),
    state: submissionStateSchema,
    checks: z.array(checkSchema).describe("In the order of the tables"),
    declaration: z
      .string()
      .describe("The declaration the head certifies with; send it back unchanged to submit"),
  })
  .describe("What stands between a department and its submission");

export const justificationSchema = z.object({
  check: z.string().min(1).max(300).describe("The warning's id"),
  text: freeTextSchema(1000).trim().min(1).describe("Why the figure is right as it is"),
});

export const submitBodySchema = z.object({
  declaration: z.string().min(1).max(1000).describe("The declaration text, as the checks gave it"),
  justifications: z.array(justificationSchema).max(1000).optional(),
});

export const returnReasonSchema = z.object({
  item: itemRefSchema,
  reason: freeTextSchema(1000).trim().min(1).describe("What is wrong with the item"),
});

export const returnBodySchema = z.object({
  reasons: z.array(returnReasonSchema).min(1).max(500),
});

export const reopenBodySchema = z.object({
  reason: freeTextSchema(1000).trim().min(1).describe("Why the accepted data must change"),
});

export const departmentParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2200).describe("The evaluation year, e.g. 2025"),
  department: z.string().min(1).max(64).describe("The department's code"),
});

export const actorSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable().describe("null when no account has the name"),
});

export const submissionEventSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["submit", "return", "accept", "reopen"]),
    at: instantSchema,
    actor: actorSchema,
    declaration: z.string().nullable().describe("submit: what the head certified"),
    digest: z
      .string()
      .nullable()
      .describe("submit: SM3 of the certified snapshot (hex), see GET …/certificate"),
    justifications: z
      .array(z.object({ check: z.string(), text: z.string(), message: z.string().nullable() }))
      .describe("submit: the warnings the head justified, with the warning as it read"),
    reasons: z.array(returnReasonSchema).describe("return: the reason per item"),
    reason: z.string().nullable().describe("reopen: why"),
  })
  .describe("One step of the department's hand-in");

export const exceptionSchema = z
  .object({
    id: z.string(),
    department: z.string(),
    until: z.string().describe("Last day (inclusive, Beijing time) the department may still write"),
    reason: z.string(),
    grantedBy: actorSchema,
    grantedAt: instantSchema,
    revokedAt: instantSchema.nullable(),
    active: z.boolean().describe("Granted, not revoked and not yet run out"),
  })
  .describe("A lock exception the office granted after the departments' deadline");

export const submissionSchema = z
  .object({
    state: submissionStateSchema,
    version: z.number().int(),
    firstSubmittedAt: instantSchema.nullable(),
    lastSubmittedAt: instantSchema.nullable(),
    acceptedAt: instantSchema.nullable(),
    returns: z.number().int().describe("How many times the office has returned it"),
    openReasons: z
      .array(returnReasonSchema)
      .describe("While returned: the office's reasons, shown on those items"),
    lock: lockSchema
      .nullable()
      .describe("Why the department's own users cannot change its items now; null when they can"),
    exception: exceptionSchema.nullable().describe("The active lock exception, if any"),
  })
  .describe("A department's hand-in state in the year");

export const submissionDetailSchema = submissionSchema
  .extend({
    year: z.number().int(),
    department: z.string(),
    history: z.array(submissionEventSchema).describe("Oldest first"),
  })
  .describe("A department's hand-in state and its history");

export const certificateSchema = z
  .object({
    year: z.number().int(),
    department: z.string(),
    submittedAt: instantSchema,
    submittedBy: actorSchema,
    declaration: z.string(),
    digest: z.string().describe("SM3 (hex) of `snapshot`, as stored at submission"),
    snapshot: z.string().describe("The certified snapshot: canonical JSON, the bytes hashed"),
    snapshotDigest: z.string().describe("SM3 of `snapshot`, computed now"),
    currentDigest: z
      .string()
      .describe("SM3 of the same snapshot built now from the stored figures, answers and evidence"),
    matches: z.boolean().describe("True when all three digests agree"),
  })
  .describe("What the head certified at the latest submission, and whether the data still matches");

export const exceptionBodySchema = z.object({
  department: z.string().min(1).max(64),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe("Last day, e.g. 2026-03-13"),
  reason: freeTextSchema(1000).trim().min(1),
});

export const exceptionParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2200),
  id: z.string().min(1).max(64),
});

export const exceptionListSchema = z.object({
  year: z.number().int(),
  exceptions: z.array(exceptionSchema).describe("Newest first"),
});

export const aggregateBodySchema = z.object({
  overrideReason: freeTextSchema(1000)
    .trim()
    .min(1)
    .optional()
    .describe("Needed when not every department is accepted: why aggregate anyway"),
});

export const yearReopenBodySchema = reopenBodySchema;

export const aggregateSnapshotSchema = z
  .object({
    year: z.number().int(),
    createdAt: instantSchema,
    createdBy: actorSchema,
    overrideReason: z.string().nullable(),
    digest: z.string().describe("SM3 (hex) of `snapshot`, as stored"),
    snapshot: z.string().describe("The city's frozen data: canonical JSON, the bytes hashed"),
    snapshotDigest: z.string().describe("SM3 of `snapshot`, computed now"),
    currentDigest: z.string().describe("SM3 of the same snapshot built now from the stored data"),
    matches: z.boolean(),
  })
  .describe("The year's aggregation snapshot");

export type SubmissionState = z.infer<typeof submissionStateSchema>;
export type ItemRef = z.infer<typeof itemRefSchema>;
export type LockKind = z.infer<typeof lockKindSchema>;
export type Lock = z.infer<typeof lockSchema>;
export type SubmissionCheckView = z.infer<typeof checkSchema>;
export type SubmissionChecks = z.infer<typeof submissionChecksSchema>;
export type SubmitBody = z.infer<typeof submitBodySchema>;
export type ReturnReason = z.infer<typeof returnReasonSchema>;
export type ReturnBody = z.infer<typeof returnBodySchema>;
export type ReopenBody = z.infer<typeof reopenBodySchema>;
export type SubmissionEvent = z.infer<typeof submissionEventSchema>;
export type LockException = z.infer<typeof exceptionSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
export type ExceptionBody = z.infer<typeof exceptionBodySchema>;
export type ExceptionList = z.infer<typeof exceptionListSchema>;
export type AggregateBody = z.infer<typeof aggregateBodySchema>;
export type AggregateSnapshot = z.infer<typeof aggregateSnapshotSchema>;
