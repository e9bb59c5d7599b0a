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

/**
 * One failed check as fastify-type-provider-zod reports it: the zod issue's code as
 * `keyword`, the rest of the issue (expected, input, minimum, …) as `params`.
 */
interface ValidationItem {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** What the client sent at a JSON-pointer-like path ("/awarded/C1"), or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const key of pointer.split("/").filter(Boolean)) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The zod issue back together, with the input it was about (zod leaves it out), so the
 * message comes out in the user's language and says what was sent.
 */
function zodIssueOf(
  item: ValidationItem,
  sent: unknown,
): Parameters<typeof describeZodIssue>[0] | undefined {
  if (!item.keyword || !item.params) return undefined;
  return {
    ...item.params,
    input: valueAt(sent, item.instancePath ?? ""),
    code: item.keyword,
    path: [],
    message: item.message ?? "",
  } as never;
}

const SENT: Record<string, (request: FastifyRequest) => unknown> = {
  body: (request) => request.body,
  querystring: (request) => request.query,
  params: (request) => request.params,
  headers: (request) => request.headers,
};

function validationMessage(error: FastifyError, request: FastifyRequest) {
  const lang = requestLang(request);
  const where = error.validationContext ?? "body";
  const issues = ((error.validation ?? []) as ValidationItem[]).map((item) => {
    const field = (item.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".") || where;
    const issue = zodIssueOf(item, SENT[where]?.(request));
    const text = issue ? describeZodIssue(issue)[lang] : (item.message ?? "");
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
