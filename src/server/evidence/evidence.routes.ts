import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  errorSchema,
  evidenceParamsSchema,
  evidenceSchema,
  yearParamsSchema,
} from "../../contract/api";
import { localized } from "../../core";
import { DomainError, invalid } from "../errors";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { requestLang } from "../http/lang";
import { attachmentDisposition, downloadEvidence } from "./download-evidence";
import { MultipartPartCounter, multipartBoundary } from "./multipart-parts";
import { fileTooLarge, uploadEvidence } from "./upload-evidence";
import { findMalformedText } from "../http/text-guard";

const uploadFieldsSchema = z.object({
  targetKind: z.enum(["indicator", "workItem", "dataElement"]),
  targetCode: z.string().min(1).max(128),
});

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
  const parsed = uploadFieldsSchema.safeParse(form.fields);
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
      schema: {
        tags,
        summary: "Attach one evidence file to an indicator, work item or data element",
        description:
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
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          413: errorSchema,
          415: errorSchema,
          422: errorSchema,
          423: errorSchema,
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
        tags,
        summary: "Download one evidence file (as an attachment, with its original name)",
        produces: ["application/octet-stream"],
        params: evidenceParamsSchema,
        response: {
          200: z.any().describe("The file's bytes, with its stored MIME type"),
          403: errorSchema,
          404: errorSchema,
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
        .header("Content-Disposition", attachmentDisposition(evidence.originalName))
        .header("Content-Length", content.length)
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .send(content);
    },
  );
}
