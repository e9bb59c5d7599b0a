import type { FastifyRequest } from "fastify";
import { localized, type Localized } from "../../core";
import { DomainError, invalid } from "../errors";

/** A body the form parser could not read (a boundary wrong, a body cut short): 400. */
export class MalformedUpload extends Error {}

export const MALFORMED_UPLOAD = localized(
  "上传的表单不是完整有效的 multipart/form-data，请重新上传",
  "the upload is not complete, well-formed multipart/form-data; send it again",
);

export interface SingleFileUpload {
  fileName: string;
  bytes: Buffer;
}

export interface SingleFileRules {
  limitBytes: number;
  /** What to send instead, said in the words of the upload ("the filled template"). */
  notMultipart: Localized;
  tooLarge: () => DomainError;
}

/**
 * The one `file` part of a multipart form (other fields are ignored), within a size
 * limit: the same refusals for every single-file upload (415 not a form, 413 too large,
 * 422 a second file or another field name, MalformedUpload for a broken body).
 */
export async function readSingleFile(
  request: FastifyRequest,
  rules: SingleFileRules,
): Promise<SingleFileUpload> {
  if (!request.isMultipart()) throw new DomainError("unsupported", rules.notMultipart);
  let upload: SingleFileUpload | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: rules.limitBytes, files: 1, fields: 10 } });
    for await (const part of parts) {
      if (part.type === "field") continue;
      const bytes = await part.toBuffer();
      if (part.fieldname !== "file") {
        throw invalid(
          `未知的文件字段 ${part.fieldname}，应为 file`,
          `unknown file field ${part.fieldname}; use file`,
          { field: "file" },
        );
      }
      upload = { fileName: part.filename, bytes };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const { code } = error as { code?: string };
    if (code === "FST_REQ_FILE_TOO_LARGE") throw rules.tooLarge();
    if (code === "FST_FILES_LIMIT") {
      throw invalid("一次只能上传一个文件", "send one file per upload", { field: "file" });
    }
    throw new MalformedUpload(String(error));
  }
  if (!upload) {
    throw invalid("缺少文件（字段 file）", "no file was sent (field file)", { field: "file" });
  }
  return upload;
}
