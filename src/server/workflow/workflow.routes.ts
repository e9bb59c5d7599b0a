import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  aggregateBodySchema,
  aggregateSnapshotSchema,
  certificateSchema,
  departmentParamsSchema,
  exceptionBodySchema,
  exceptionListSchema,
  exceptionParamsSchema,
  exceptionSchema,
  reopenBodySchema,
  returnBodySchema,
  submissionChecksSchema,
  submissionDetailSchema,
  submitBodySchema,
  yearParamsSchema,
  yearReopenBodySchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { requestLang } from "../http/lang";
import type { ServerDeps } from "../http/server-deps";
import { currentUser } from "../http/session";
import { aggregateYear, getAggregateSnapshot, getCertificate, reopenYear } from "./aggregate-year";
import { grantException, listExceptions, revokeException } from "./lock-exceptions";
import { getSubmissionDetail } from "./read-submission";
import { acceptDepartment, reopenDepartment, returnDepartment } from "./review-department";
import { getSubmissionChecks, submitDepartment } from "./submit-department";

const DEPARTMENT = "/api/cycles/:year/departments/:department";

export function workflowRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    `${DEPARTMENT}/submission`,
    {
      schema: {
        operationId: "getSubmission",
        tags: ["workflow"],
        summary: "A department's hand-in state and history",
        description:
          "The state (draft, submitted, returned, accepted), when it was first and last " +
          "submitted and accepted, how often it was returned, the office's open reasons per " +
          "item while returned, why the department's own users cannot write now (lock), the " +
          "active lock exception, and every step with who took it. The department's own users " +
          "and the city-wide readers.",
        params: departmentParamsSchema,
        response: { 200: submissionDetailSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      getSubmissionDetail(
        deps,
        currentUser(request),
        request.params.year,
        request.params.department,
        requestLang(request),
      ),
  );

  api.get(
    `${DEPARTMENT}/checks`,
    {
      schema: {
        operationId: "getSubmissionChecks",
        tags: ["workflow"],
        summary: "The checklist before submitting",
        description:
          "Figures missing, evidence an indicator requires but lacks, work items unanswered " +
          "(errors, which block); figures outside their element's plausible range and figures " +
          "that moved more than the framework's `checks.changePercent` from last year without " +
          "a note (warnings, which need a justification). With the declaration the head " +
          "certifies. The department's own users and the city-wide readers.",
        params: departmentParamsSchema,
        response: { 200: submissionChecksSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      getSubmissionChecks(
        deps,
        currentUser(request),
        request.params.year,
        request.params.department,
        requestLang(request),
      ),
  );

  api.post(
    `${DEPARTMENT}/submit`,
    {
      schema: {
        operationId: "submitDepartment",
        tags: ["workflow"],
        summary: "Certify and submit the department's materials",
        description:
          "Only the department's head. The declaration must be the text the checks gave; " +
          "every error must be gone and every warning justified (422 lists each one). Seals the " +
          "department's figures, answers and evidence digests in a snapshot with its SM3 digest. " +
          "409 when already submitted or accepted; 423 after the deadline without an exception, " +
          "or when the year is aggregated or closed. Audited.",
        params: departmentParamsSchema,
        body: submitBodySchema,
        response: {
          200: submissionDetailSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, department } = request.params;
      await submitDepartment(deps, user, year, department, request.body);
      return getSubmissionDetail(deps, user, year, department, requestLang(request));
    },
  );

  api.post(
    `${DEPARTMENT}/return`,
    {
      schema: {
        operationId: "returnDepartment",
        tags: ["workflow"],
        summary: "Return a submission with reasons per item",
        description:
          "Only the office, only a submitted hand-in (409 otherwise). At least one reason, " +
          "each on one of the department's items (422 names the one that is not). The reasons " +
          "show on those items in the department's workspace. Audited.",
        params: departmentParamsSchema,
        body: returnBodySchema,
        response: {
          200: submissionDetailSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, department } = request.params;
      await returnDepartment(deps, user, year, department, request.body.reasons);
      return getSubmissionDetail(deps, user, year, department, requestLang(request));
    },
  );

  api.post(
    `${DEPARTMENT}/accept`,
    {
      schema: {
        operationId: "acceptDepartment",
        tags: ["workflow"],
        summary: "Accept a submission",
        description:
          "Only the office (a department user gets 403), only a submitted hand-in (409 " +
          "otherwise). Audited.",
        params: departmentParamsSchema,
        response: {
          200: submissionDetailSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, department } = request.params;
      await acceptDepartment(deps, user, year, department);
      return getSubmissionDetail(deps, user, year, department, requestLang(request));
    },
  );

  api.post(
    `${DEPARTMENT}/reopen`,
    {
      schema: {
        operationId: "reopenDepartment",
        tags: ["workflow"],
        summary: "Reopen an accepted hand-in",
        description:
          "Only the office, only an accepted hand-in, with a reason; it goes back to " +
          "returned so the department can correct it. 423 while the year is aggregated " +
          "(reopen the year first). Audited.",
        params: departmentParamsSchema,
        body: reopenBodySchema,
        response: {
          200: submissionDetailSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { year, department } = request.params;
      await reopenDepartment(deps, user, year, department, request.body.reason);
      return getSubmissionDetail(deps, user, year, department, requestLang(request));
    },
  );

  api.get(
    `${DEPARTMENT}/certificate`,
    {
      schema: {
        operationId: "getCertificate",
        tags: ["workflow"],
        summary: "What the head certified, and whether the data still matches",
        description:
          "The latest submission's snapshot (canonical JSON), its stored SM3 digest, the " +
          "digest recomputed from the snapshot, and the digest of the same snapshot built from " +
          "the data stored now. 404 before the first submission.",
        params: departmentParamsSchema,
        response: { 200: certificateSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      getCertificate(deps, currentUser(request), request.params.year, request.params.department),
  );

  api.get(
    "/api/cycles/:year/lock-exceptions",
    {
      schema: {
        operationId: "listLockExceptions",
        tags: ["workflow"],
        summary: "The year's lock exceptions",
        description: "Every exception granted, newest first, revoked and run-out ones included.",
        params: yearParamsSchema,
        response: { 200: exceptionListSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => listExceptions(deps, currentUser(request), request.params.year),
  );

  api.post(
    "/api/cycles/:year/lock-exceptions",
    {
      schema: {
        operationId: "grantLockException",
        tags: ["workflow"],
        summary: "Let a department keep writing after the deadline",
        description:
          "Only the office: a department, the last day (inclusive, Beijing time; not past, " +
          "not after the province's deadline) and why. Audited.",
        params: yearParamsSchema,
        body: exceptionBodySchema,
        response: { 200: exceptionSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => grantException(deps, currentUser(request), request.params.year, request.body),
  );

  api.delete(
    "/api/cycles/:year/lock-exceptions/:id",
    {
      schema: {
        operationId: "revokeLockException",
        tags: ["workflow"],
        summary: "End a lock exception now",
        description: "Only the office. Audited. Answers 204.",
        params: exceptionParamsSchema,
        response: { 204: z.null().describe("Revoked"), ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await revokeException(deps, currentUser(request), request.params.year, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/api/cycles/:year/aggregate",
    {
      schema: {
        operationId: "aggregateYear",
        tags: ["workflow"],
        summary: "Aggregate the year: freeze the city's data",
        description:
          "Only the office. Every department must be accepted, or `overrideReason` given " +
          "(409 lists the ones that are not). Seals the city's data in a snapshot with its SM3 " +
          "digest; the year is then locked for everyone until it is reopened. Audited.",
        params: yearParamsSchema,
        body: aggregateBodySchema,
        response: {
          200: aggregateSnapshotSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    (request) =>
      aggregateYear(deps, currentUser(request), request.params.year, request.body.overrideReason),
  );

  api.post(
    "/api/cycles/:year/reopen",
    {
      schema: {
        operationId: "reopenYear",
        tags: ["workflow"],
        summary: "Reopen an aggregated year",
        description:
          "Only the office, with a reason. The year is open again (each department keeps " +
          "its state; reopen a department to let it change its data). Audited. Answers 204.",
        params: yearParamsSchema,
        body: yearReopenBodySchema,
        response: {
          204: z.null().describe("Reopened"),
          ...errorResponses(400, 401, 403, 404, 409, 422, 423),
        },
      },
    },
    async (request, reply) => {
      await reopenYear(deps, currentUser(request), request.params.year, request.body.reason);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/api/cycles/:year/snapshot",
    {
      schema: {
        operationId: "getAggregateSnapshot",
        tags: ["workflow"],
        summary: "The year's aggregation snapshot, checked",
        description:
          "The newest snapshot (canonical JSON), its stored SM3 digest, the digest recomputed " +
          "from it, and the digest of the same snapshot built from the data stored now. City-wide " +
          "readers. 404 before the first aggregation.",
        params: yearParamsSchema,
        response: { 200: aggregateSnapshotSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => getAggregateSnapshot(deps, currentUser(request), request.params.year),
  );
}
