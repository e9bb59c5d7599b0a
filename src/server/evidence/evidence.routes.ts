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
import { attachmentDisposition, downloadEvidence } from "./download-evidence";
import { fileTooLarge, uploadEvidence } from "./upload-evidence";

const uploadFieldsSchema = z.object({
  targetKind: z.enum(["indicator", "workItem", "dataElement"]),
  targetCode: z.string().min(1).max(128),
});

interface UploadForm {
  fields: Record<string, string>;
  file?: { name: string; content: Buffer };
}

/**
 * Reads the form: the text fields and the one `file` part, in whichever order they
 * come (a file before its fields is buffered; the limit keeps that bounded).
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
  const form: UploadForm = { fields: {} };
  let fileName = "";
  try {
    for await (const part of request.parts()) {
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
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw fileTooLarge(fileName, limitBytes);
    }
    if ((error as { code?: string }).code === "FST_FILES_LIMIT") {
      throw invalid("一次只能上传一个文件", "send one file per upload", { field: "file" });
    }
    throw error;
  }
  return form;
}

function uploadInput(form: UploadForm) {
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
          "PNG/JPEG/GIF/WebP/TIFF/BMP, Word/Excel/PowerPoint (legacy and OOXML), OpenDocument, ZIP.",
        consumes: ["multipart/form-data"],
        params: yearParamsSchema,
        response: {
          201: evidenceSchema,
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
      const form = await readUploadForm(request, deps.config.uploadLimitBytes);
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
