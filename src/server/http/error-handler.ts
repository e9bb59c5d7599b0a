import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { describeZodIssue } from "../../core/formats/zod-issues";
import { InputError, formatIssue } from "../../core";
import { DomainError, type ErrorKind } from "../errors";
import { requestLang } from "./lang";

const STATUS: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  locked: 423,
  too_large: 413,
  unsupported: 415,
};

interface ValidationItem {
  instancePath?: string;
  message?: string;
  params?: { issue?: Parameters<typeof describeZodIssue>[0] };
}

function validationMessage(error: FastifyError, request: FastifyRequest) {
  const lang = requestLang(request);
  const where = error.validationContext ?? "body";
  const issues = ((error.validation ?? []) as ValidationItem[]).map((item) => {
    const field = (item.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".") || where;
    const text = item.params?.issue
      ? describeZodIssue(item.params.issue)[lang]
      : (item.message ?? "");
    return { field, message: text };
  });
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
  return { message: message || error.message, issues };
}

/**
 * Every refusal leaves as `{error, message, ...}` in the user's language: domain
 * errors by kind, malformed requests as 422 naming the field, refused files as 422
 * naming the file, item and field. Anything else is a 500 with nothing internal shown.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = requestLang(request);
    if (error instanceof DomainError) {
      return reply
        .status(STATUS[error.kind])
        .send({ error: error.kind, message: error.detail[lang], ...error.extra });
    }
    if (error instanceof InputError) {
      return reply.status(422).send({
        error: "invalid",
        message: error.format(lang),
        issues: error.issues.map((issue) => ({
          file: issue.file,
          field: issue.path,
          message: formatIssue(issue, lang),
        })),
      });
    }
    if (error.validation) {
      return reply.status(422).send({ error: "invalid", ...validationMessage(error, request) });
    }
    if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.statusCode === 413) {
      return reply.status(413).send({
        error: "too_large",
        message: lang === "zh" ? "文件或请求过大" : "the file or request is too large",
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: "bad_request", message: error.message });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({
      error: "internal",
      message: lang === "zh" ? "服务器内部错误" : "internal server error",
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const lang = requestLang(request);
    reply
      .status(404)
      .send({ error: "not_found", message: lang === "zh" ? "没有这个地址" : "no such route" });
  });
}
