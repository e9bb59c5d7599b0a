import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../../contract/responses";
import {
  TEMPLATE_UPLOAD_LIMIT_BYTES,
  templateImportParamsSchema,
  templateImportResultSchema,
  templateRefusalSchema,
} from "../../contract/template-import";
import { localized } from "../../core";
import { DomainError } from "../errors";
import { requestLang } from "../http/lang";
import {
  MALFORMED_UPLOAD,
  MalformedUpload,
  readSingleFile,
  type SingleFileUpload,
} from "../http/single-file-upload";
import type { ServerDeps } from "../http/server-deps";
import { currentUser } from "../http/session";
import { importTemplate } from "./xlsx-import/import-template";
import { TemplateRefused } from "./xlsx-import/template-refusal";

const tooLarge = () =>
  new DomainError(
    "too_large",
    localized(
      `文件超过 ${TEMPLATE_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB，不是考评模板`,
      `the file is larger than ${TEMPLATE_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB; not a template`,
    ),
  );

/** The one `file` part of the form, within the template limit. */
const readTemplateFile = (request: FastifyRequest) =>
  readSingleFile(request, {
    limitBytes: TEMPLATE_UPLOAD_LIMIT_BYTES,
    notMultipart: localized(
      "请以 multipart/form-data 上传填好的模板（字段 file）",
      "send the filled template as multipart/form-data (field file)",
    ),
    tooLarge,
  });

/** Uploading a filled 指标考评表 / 工作测评表 template back. */
export function templateImportRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/cycles/:year/departments/:department/template",
    {
      schema: {
        operationId: "importTemplate",
        tags: ["documents"],
        summary: "Import a filled Excel template (all or nothing)",
        description:
          "A department user for their own department; office and admin for any. " +
          "multipart/form-data with one part `file`: the .xlsx downloaded from " +
          "GET …/template.xlsx and filled offline, at most 5 MB. Every input cell is checked; " +
          "an empty cell changes nothing, a number (or text that is one, with thousands " +
          "separators or full-width digits) must fit its element's bounds or 0 to the " +
          "criterion's points. Any refused cell refuses the file: 422 with `cells` listing each " +
          "(`指标考评表!F12：不是数字`). A cell changed online since the download is a conflict: " +
          "409 with `conflicts` (stored and file figure), nothing written. A tampered stamp, " +
          "another year's or department's template: 422. Not an xlsx: 415; a zip bomb or a sheet " +
          "past 5,000 rows or 200 columns: 422. A locked year or hand-in: 423. Audited as one " +
          "`template.import` row with the counts and the file's SHA-256.",
        consumes: ["multipart/form-data"],
        params: templateImportParamsSchema,
        response: {
          200: templateImportResultSchema,
          ...errorResponses(400, 401, 403, 404, 413, 415, 423),
          409: templateRefusalSchema,
          422: templateRefusalSchema,
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const lang = requestLang(request);
      let upload: SingleFileUpload;
      try {
        upload = await readTemplateFile(request);
      } catch (error) {
        if (!(error instanceof MalformedUpload)) throw error;
        return reply.status(400).send({ error: "bad_request", message: MALFORMED_UPLOAD[lang] });
      }
      try {
        const result = await importTemplate(deps, user, {
          year: request.params.year,
          department: request.params.department,
          bytes: upload.bytes,
          fileName: upload.fileName,
        });
        return reply.status(200).send(result);
      } catch (error) {
        if (error instanceof TemplateRefused) {
          return reply.status(error.status).send({
            error: error.status === 409 ? "conflict" : "invalid",
            message: error.summary[lang],
            cells: error.cells.map((cell) => ({ cell: cell.cell, message: cell.message[lang] })),
            moreCells: error.moreCells,
            conflicts: [...error.conflicts],
          });
        }
        if (error instanceof DomainError && error.kind === "invalid") {
          // A file refused as a whole (stamp, hostile package) in the same shape.
          return reply.status(422).send({
            error: "invalid",
            message: error.detail[lang],
            cells: [],
            moreCells: 0,
            conflicts: [],
          });
        }
        throw error;
      }
    },
  );
}
