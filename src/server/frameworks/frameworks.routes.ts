import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { cycleDetailSchema } from "../../contract/api";
import {
  FRAMEWORK_UPLOAD_LIMIT_BYTES,
  frameworkListSchema,
  importedFrameworkSchema,
  openCycleBodySchema,
} from "../../contract/frameworks";
import { errorResponses } from "../../contract/responses";
import { localized } from "../../core";
import { DomainError } from "../errors";
import { requestLang } from "../http/lang";
import { MALFORMED_UPLOAD, MalformedUpload, readSingleFile } from "../http/single-file-upload";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { listFrameworks } from "./list-frameworks";
import { openYear } from "./open-year";
import { uploadFramework, type FrameworkUpload } from "./upload-framework";

const tooLarge = () =>
  new DomainError("too_large", localized("文件超过 2 MiB", "the file is larger than 2 MiB"));

/** The one `file` part of the form, within 2 MiB. */
async function readFrameworkFile(request: FastifyRequest): Promise<FrameworkUpload> {
  const upload = await readSingleFile(request, {
    limitBytes: FRAMEWORK_UPLOAD_LIMIT_BYTES,
    notMultipart: localized(
      "请以 multipart/form-data 上传考评办法文件（字段 file）",
      "send the framework file as multipart/form-data (field file)",
    ),
    tooLarge,
  });
  return { fileName: upload.fileName, content: upload.bytes };
}

/** Framework versions (import, list) and opening an evaluation year on one of them. */
export function frameworksRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/frameworks",
    {
      schema: {
        operationId: "listFrameworks",
        tags: ["frameworks"],
        summary: "Imported framework versions",
        description:
          "Admin, office, leader and auditor. Each version with its counts of indicators, work items " +
          "and departments, who imported it when, and the years pinned to it.",
        response: { 200: frameworkListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ frameworks: await listFrameworks(deps, currentUser(request)) }),
  );

  api.post(
    "/api/frameworks",
    {
      schema: {
        operationId: "importFramework",
        tags: ["frameworks"],
        summary: "Import a framework file (kaoping/framework@1)",
        description:
          "Admin and office; audited. multipart/form-data with one part `file`: a .yaml, .yml or " +
          ".json file of at most 2 MiB, UTF-8. All or nothing: a refused document is a 422 whose " +
          "`issues` list every problem by item and field, and nothing is stored. A document " +
          "identical to a stored version is a 409; a changed one under the same code becomes its " +
          "next version. Not a file of those types: 415; larger: 413; a broken form: 400.",
        consumes: ["multipart/form-data"],
        response: {
          201: importedFrameworkSchema,
          ...errorResponses(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      let upload: FrameworkUpload;
      try {
        upload = await readFrameworkFile(request);
      } catch (error) {
        if (!(error instanceof MalformedUpload)) throw error;
        const message = MALFORMED_UPLOAD[requestLang(request)];
        return reply.status(400).send({ error: "bad_request", message });
      }
      const imported = await uploadFramework(deps, user, upload, requestLang(request));
      return reply.status(201).send(imported);
    },
  );

  api.post(
    "/api/cycles",
    {
      schema: {
        operationId: "openCycle",
        tags: ["cycles"],
        summary: "Open an evaluation year on a framework version",
        description:
          "Admin and office; audited. The year is pinned to the framework version (frameworkId from " +
          "GET /api/frameworks), with the plan's default deadlines unless given. Regions: the " +
          "`regions` given, else those of the closest earlier year (else the closest later one); " +
          "checked like a data file's (422). Unknown framework: 404; the year exists: 409.",
        body: openCycleBodySchema,
        response: { 201: cycleDetailSchema, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openYear(deps, currentUser(request), request.body)),
  );
}
