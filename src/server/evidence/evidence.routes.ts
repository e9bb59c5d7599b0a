import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  evidenceParamsSchema,
  evidenceSchema,
  evidenceUploadFieldsSchema,
  evidenceDownloadQuerySchema,
  yearParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { localized } from "../../core";
import { DomainError, invalid } from "../errors";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { requestLang } from "../http/lang";
import { downloadEvidence } from "./download-evidence";
import { evidenceFileHeaders } from "./preview-headers";
import { removeEvidence } from "./remove-evidence";
import { MultipartPartCounter, multipartBoundary } from "./multipart-parts";
import { fileTooLarge, uploadEvidence } from "./upload-evidence";
import { findMalformedText } from "../http/text-guard";

interface UploadForm {
  fields: Record<string, string>;
  file?: { name: string; content: Buffer };
}

/**
 * A body that is not readable multipart/form-data: a boundary missing or wrong, a part
 * without headers, a body cut short. The client's fault, answered 400, never 500.
 */
class MalformedUpload extends Error {}

const MALFORMED_UPLOAD = localized(
  "上传的表单不是完整有效的 multipart/form-data（分隔符、分段头或结尾有误，或请求不完整），请重新上传",
  "the upload is not complete, well-formed multipart/form-data (a boundary, a part's headers or its end is wrong, or the request was cut short); send it again",
);

/** Limits of the form parser that are answered as such; anything else it raises is malformed input. */
function parserRefusal(error: unknown, fileName: string, limitBytes: number): Error {
  if (error instanceof DomainError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === "FST_REQ_FILE_TOO_LARGE") return fileTooLarge(fileName, limitBytes);
  if (code === "FST_FILES_LIMIT") {
    return invalid("一次只能上传一个文件", "send one file per upload", { field: "file" });
  }
  if (statusCode === 413) return error as Error;
  return new MalformedUpload(String(error));
}

/**
 * Reads the form: the text fields and the one `file` part, in whichever order they
 * come (a file before its fields is buffered; the limit keeps that bounded). The raw
 * body is watched as it goes to the parser, which skips malformed parts in silence:
 * a part it did not hand over, or a body without its closing delimiter, is malformed.
 */
async function readUploadForm(request: FastifyRequest, limitBytes: number): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw new DomainError(
      "unsupported",
      localized(
        "请以 multipart/form-data 上传文件（字段 targetKind、targetCode 和 file）",
        "send the file as multipart/form-data (fields targetKind, targetCode and file)",
      ),
    );
  }
  const boundary = multipartBoundary(request.headers["content-type"]);
  if (!boundary) throw new MalformedUpload("no boundary");
  const counter = new MultipartPartCounter(boundary);
  const watch = (chunk: Buffer) => counter.push(chunk);
  const form: UploadForm = { fields: {} };
  let fileName = "";
  let parts = 0;
  // Attached just before the parser is piped in, so both see every byte.
  request.raw.on("data", watch);
  try {
    for await (const part of request.parts()) {
      parts++;
      if (part.type === "field") {
        if (typeof part.value === "string") form.fields[part.fieldname] = part.value;
        continue;
      }
      fileName = part.filename;
      const content = await part.toBuffer();
      if (part.file.truncated) throw fileTooLarge(fileName, limitBytes);
      if (part.fieldname !== "file") {
        throw invalid(
          `未知的文件字段 ${part.fieldname}，应为 file`,
          `unknown file field ${part.fieldname}; use file`,
          { field: part.fieldname },
        );
      }
      form.file = { name: part.filename, content };
    }
  } catch (error) {
    throw parserRefusal(error, fileName, limitBytes);
  } finally {
    request.raw.off("data", watch);
  }
  if (!counter.complete || counter.parts !== parts) {
    throw new MalformedUpload(`${counter.parts} parts sent, ${parts} read`);
  }
  return form;
}

function uploadInput(form: UploadForm) {
  // Form fields bypass the JSON text guard (they are read here, not by Fastify).
  const malformed = findMalformedText(form.fields, "");
  if (malformed !== undefined) {
    throw invalid(
      `${malformed}：含有无法保存的字符（NUL 空字符或无效的 Unicode），请删除后重新输入`,
      `${malformed}: holds characters that cannot be stored (NUL or invalid Unicode); remove them and try again`,
      { field: malformed },
    );
  }
  const parsed = evidenceUploadFieldsSchema.safeParse(form.fields);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "targetKind");
    throw invalid(
      `${field}：缺少或不正确（targetKind 为 indicator、workItem 或 dataElement，targetCode 为其编码）`,
      `${field}: missing or wrong (targetKind is indicator, workItem or dataElement; targetCode its code)`,
      { field },
    );
  }
  if (!form.file) {
    throw invalid("缺少文件（字段 file）", "no file was sent (field file)", { field: "file" });
  }
  return { ...parsed.data, fileName: form.file.name, content: form.file.content };
}

export function evidenceRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["evidence"];

  api.post(
    "/api/cycles/:year/evidence",
    {
      config: {
        multipartForm: {
          fields: evidenceUploadFieldsSchema,
          files: { file: "The evidence file; its type is read from its bytes" },
        },
      },
      schema: {
        operationId: "uploadEvidence",
        tags,
        summary: "Attach one evidence file to an indicator, work item or data element",
        description:
          "A department user, for their own department's items; office and admin for any. " +
          "multipart/form-data with the fields `targetKind` (indicator | workItem | dataElement) " +
          "and `targetCode`, and one part `file`. The type is read from the content: PDF, " +
          "PNG/JPEG/GIF/WebP/TIFF/BMP, Word/Excel/PowerPoint (legacy and OOXML), OpenDocument, ZIP. " +
          "Documents with macros are refused (415); a ZIP is looked into, archives within it too, " +
          "and refused (415, naming the entry) for programs, scripts, macro documents, encrypted " +
          "or escaping entries and bombs. A malformed multipart body is a 400.",
        consumes: ["multipart/form-data"],
        params: yearParamsSchema,
        response: {
          201: evidenceSchema,
          ...errorResponses(400, 401, 403, 404, 413, 415, 422, 423),
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      let form: UploadForm;
      try {
        form = await readUploadForm(request, deps.config.uploadLimitBytes);
      } catch (error) {
        if (!(error instanceof MalformedUpload)) throw error;
        const message = MALFORMED_UPLOAD[requestLang(request)];
        return reply.status(400).send({ error: "bad_request", message });
      }
      const saved = await uploadEvidence(deps, user, {
        year: request.params.year,
        ...uploadInput(form),
      });
      return reply.status(201).send(saved);
    },
  );

  api.get(
    "/api/cycles/:year/evidence/:id",
    {
      schema: {
        operationId: "downloadEvidence",
        tags,
        summary: "Download one evidence file (as an attachment, with its original name)",
        description:
          "A department user, for files filed under their own department; office, leader, auditor " +
          "and admin for any. The bytes are checked against their SHA-256 before they are sent. " +
          "With `inline=1` a PDF, PNG, JPEG, GIF or WebP is served inline for the app to show in " +
          "an <iframe> or <img> (framing by this origin only); anything else stays an attachment.",
        produces: ["application/octet-stream"],
        params: evidenceParamsSchema,
        querystring: evidenceDownloadQuerySchema,
        response: {
          200: z.any().describe("The file's bytes, with its stored MIME type"),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { evidence, content } = await downloadEvidence(
        deps,
        currentUser(request),
        request.params,
      );
      return reply
        .type(evidence.mimeType)
        .headers(evidenceFileHeaders(evidence, request.query.inline === "1"))
        .header("Content-Length", content.length)
        .send(content);
    },
  );

  api.delete(
    "/api/cycles/:year/evidence/:id",
    {
      schema: {
        operationId: "removeEvidence",
        tags,
        summary: "Remove one evidence file you uploaded",
        description:
          "Only the account that uploaded the file may remove it (anyone else, the office " +
          "included, gets 403); not once the year is closed (423). Audited. The stored bytes " +
          "are deleted when no other record uses the same content. Answers 204.",
        params: evidenceParamsSchema,
        response: {
          204: z.null().describe("Removed"),
          ...errorResponses(400, 401, 403, 404, 422, 423),
        },
      },
    },
    async (request, reply) => {
      await removeEvidence(deps, currentUser(request), request.params);
      return reply.status(204).send(null);
    },
  );
}
