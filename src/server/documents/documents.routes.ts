import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  documentJobSchema,
  documentJobsSchema,
  jobParamsSchema,
  scopeParamsSchema,
  startDocumentJobBodySchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import type { ServerDeps } from "../http/server-deps";
import { currentUser } from "../http/session";
import { downloadDisposition } from "../timeliness/timeliness.presenter";
import { CONTENT_TYPES, type DocumentFile } from "./document-names";
import {
  downloadJobFile,
  getDocumentJob,
  listDocumentJobs,
  startDocumentJob,
} from "./document-jobs";
import { downloadReportDocx, downloadTables, downloadTemplate } from "./download-documents";

const WHO =
  'Scope "city": the city-wide readers (office, leader, auditor, admin). A department ' +
  "code: those readers and the department's own users; never another department.";

function sendFile(
  reply: FastifyReply,
  file: Pick<DocumentFile, "name" | "ascii" | "contentType" | "bytes">,
) {
  return reply
    .type(file.contentType)
    .header("Content-Disposition", downloadDisposition(file))
    .header("X-Content-Type-Options", "nosniff")
    .header("Cache-Control", "no-store")
    .send(file.bytes);
}

const fileResponse = (what: string) => ({
  200: z.any().describe(what),
  ...errorResponses(400, 401, 403, 404, 422),
});

export function documentsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];

  api.get(
    "/api/cycles/:year/documents/:scope/tables.xlsx",
    {
      schema: {
        operationId: "downloadTables",
        tags,
        summary: "指标考评表 and 工作测评表 as an Excel workbook with live formulas",
        description:
          "Built from the stored data now. Indicator values, ratios, weighted points, part " +
          "scores and (for the city) the total and grade are formulas, so the workbook " +
          `explains its own numbers and agrees with GET …/score. ${WHO}`,
        produces: [CONTENT_TYPES.xlsx],
        params: scopeParamsSchema,
        response: fileResponse("The .xlsx file"),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await downloadTables(deps, currentUser(request), request.params.year, request.params.scope),
      ),
  );

  api.get(
    "/api/cycles/:year/documents/:scope/template.xlsx",
    {
      schema: {
        operationId: "downloadTemplate",
        tags,
        summary: "A department's fill-in template (填报模板)",
        description:
          "The department's tables with only its input cells unlocked (decimal validation on " +
          "each), the rest protected, and a signed stamp of the version of every figure and " +
          "answer it holds. Fill it offline and upload it with POST " +
          "/api/cycles/{year}/departments/{dept}/template; a figure changed online since this " +
          `download is then reported as a conflict. Department scopes only. ${WHO}`,
        produces: [CONTENT_TYPES.xlsx],
        params: scopeParamsSchema,
        response: fileResponse("The .xlsx template"),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await downloadTemplate(
          deps,
          currentUser(request),
          request.params.year,
          request.params.scope,
        ),
      ),
  );

  api.get(
    "/api/cycles/:year/documents/:scope/report.docx",
    {
      schema: {
        operationId: "downloadReportDocx",
        tags,
        summary: "The self-evaluation report as a Word document (GB/T 9704-2012 layout)",
        description:
          "The department's self-evaluation report, or (scope city) the city's overall " +
          `report, from the stored data and the narrative sections. ${WHO}`,
        produces: [CONTENT_TYPES.docx],
        params: scopeParamsSchema,
        response: fileResponse("The .docx file"),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await downloadReportDocx(
          deps,
          currentUser(request),
          request.params.year,
          request.params.scope,
        ),
      ),
  );

  api.post(
    "/api/cycles/:year/documents/:scope/jobs",
    {
      schema: {
        operationId: "startDocumentJob",
        tags,
        summary: "Start building the bound volume (PDF) or the province package (zip)",
        description:
          "Answers 202 at once with the job; poll GET …/jobs/{id} for its progress and " +
          "download GET …/jobs/{id}/file when its state is done. While the scope has a job of " +
          "this kind queued or running, the answer is that job: one build at a time. The " +
          "package is the city's " +
          `only. ${WHO}`,
        params: scopeParamsSchema,
        body: startDocumentJobBodySchema,
        response: { 202: documentJobSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const job = await startDocumentJob(
        deps,
        currentUser(request),
        request.params.year,
        request.params.scope,
        request.body.kind,
      );
      return reply.status(202).send(job);
    },
  );

  api.get(
    "/api/cycles/:year/documents/:scope/jobs",
    {
      schema: {
        operationId: "listDocumentJobs",
        tags,
        summary: "The scope's latest document jobs, newest first",
        description: WHO,
        params: scopeParamsSchema,
        response: { 200: documentJobsSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      listDocumentJobs(deps, currentUser(request), request.params.year, request.params.scope),
  );

  api.get(
    "/api/cycles/:year/documents/:scope/jobs/:id",
    {
      schema: {
        operationId: "getDocumentJob",
        tags,
        summary: "One document job with its progress",
        description: WHO,
        params: jobParamsSchema,
        response: { 200: documentJobSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      getDocumentJob(
        deps,
        currentUser(request),
        request.params.year,
        request.params.scope,
        request.params.id,
      ),
  );

  api.get(
    "/api/cycles/:year/documents/:scope/jobs/:id/file",
    {
      schema: {
        operationId: "downloadDocumentJobFile",
        tags,
        summary: "The finished volume or package",
        description: `409 while the job is not done. ${WHO}`,
        produces: [CONTENT_TYPES.pdf, CONTENT_TYPES.zip],
        params: jobParamsSchema,
        response: { ...fileResponse("The file"), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const file = await downloadJobFile(
        deps,
        currentUser(request),
        request.params.year,
        request.params.scope,
        request.params.id,
      );
      const ascii = `kaoping-${request.params.id.slice(0, 8)}.${file.contentType === CONTENT_TYPES.pdf ? "pdf" : "zip"}`;
      return sendFile(reply, { ...file, ascii });
    },
  );
}
