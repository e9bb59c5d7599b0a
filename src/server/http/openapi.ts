import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from "@fastify/swagger";
import type { FastifySchema } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The multipart/form-data body of a route that reads its parts itself (so it has no
     * `body` schema to validate): its text fields and file parts, for the API description.
     */
    multipartForm?: MultipartForm;
  }
}

export interface MultipartForm {
  fields: z.ZodObject;
  /** File parts by name, with what each must hold. */
  files: Record<string, string>;
}

/** How a request shows who sends it: the session cookie, and on a state-changing request the CSRF header. */
const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "kaoping_session",
    description:
      "The httpOnly session cookie set by POST /api/auth/login (idle 30 min, at most 12 h)",
  },
  csrf: {
    type: "apiKey",
    in: "header",
    name: "X-CSRF-Token",
    description:
      "The csrfToken of the sign-in answer or GET /api/me, on every POST, PUT, PATCH, DELETE",
  },
} as const;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The contexts of the API, in the order a reader meets them. */
const TAGS = [
  { name: "auth", description: "登录、退出与双因素登录 — signing in and out, two-factor sign-in" },
  { name: "users", description: "账户与登录锁定 — accounts, sign-in locks, second-factor resets" },
  {
    name: "cycles",
    description:
      "考评年度 — evaluation years: deadlines, framework, department tables, score, export",
  },
  { name: "frameworks", description: "考评办法 — the framework documents, imported and versioned" },
  { name: "values", description: "数据填报 — the figures of the data elements, per region" },
  { name: "work", description: "工作任务 — the points each work item earns per criterion" },
  { name: "evidence", description: "辅证材料 — evidence files attached to items" },
  { name: "comments", description: "审核意见 — review comments on items" },
  { name: "departments", description: "成员单位 — the member departments" },
  {
    name: "workflow",
    description:
      "报送与审核 — certify and submit, return, accept, reopen; lock exceptions; aggregation; " +
      "timeliness and completeness per department (JSON, CSV, Excel)",
  },
  {
    name: "notifications",
    description: "通知中心 — reminders, overdue notices and escalations for the signed-in account",
  },
  {
    name: "documents",
    description:
      "文档 — Excel tables with live formulas, the fill-in template and its upload, Word " +
      "self-evaluation reports, the bound PDF volume and the province package",
  },
  {
    name: "audit",
    description: "审计日志 — the audit log, its HMAC-SM3 chain and the checkpoints kept outside it",
  },
];

type RouteOptions = Parameters<SwaggerTransform>[0]["route"];

/** Who may call a route, as OpenAPI says it: nobody for public routes, the CSRF header on writes. */
function securityOf(route: RouteOptions): Record<string, string[]>[] {
  if (route.config?.public) return [];
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.some((method) => UNSAFE_METHODS.has(method))
    ? [{ session: [], csrf: [] }]
    : [{ session: [] }];
}

type JsonResponses = Record<string, { description?: string; type?: string }>;

/** The form as the JSON Schema of a multipart/form-data request body. */
function multipartBody(form: MultipartForm): Record<string, unknown> {
  const fields = z.toJSONSchema(form.fields, { target: "openapi-3.0", io: "input" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const files = Object.entries(form.files);
  return {
    type: "object",
    properties: {
      ...fields.properties,
      ...Object.fromEntries(
        files.map(([name, description]) => [
          name,
          { type: "string", format: "binary", description },
        ]),
      ),
    },
    required: [...(fields.required ?? []), ...files.map(([name]) => name)],
  };
}

/**
 * A 204 has no body: the zod `z.null()` of its schema would show as JSON content, while
 * `type: "null"` is how @fastify/swagger writes a response without any.
 */
function withoutBodyFor204(responses: JsonResponses | undefined): JsonResponses | undefined {
  if (!responses?.["204"]) return responses;
  const { description } = responses["204"];
  return { ...responses, 204: { type: "null", ...(description ? { description } : {}) } };
}

/**
 * The zod schemas turned into JSON Schema (fastify-type-provider-zod), plus each
 * operation's security from the route itself, so no route can forget to declare it.
 */
const transform: SwaggerTransform<FastifySchema & { hide?: boolean }> = (input) => {
  const result = jsonSchemaTransform(input);
  const schema = result.schema as FastifySchema & {
    hide?: boolean;
    security?: unknown;
    response?: JsonResponses;
  };
  if (schema.hide) return result;
  const form = input.route.config?.multipartForm;
  return {
    ...result,
    schema: {
      ...schema,
      ...(form && !schema.body ? { body: multipartBody(form) } : {}),
      response: withoutBodyFor204(schema.response),
      security: schema.security ?? securityOf(input.route),
    },
  };
};

/** The options of @fastify/swagger: the document served at /api/docs. */
export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: {
      title: "Kaoping API",
      description:
        "考评（基本公共服务均等化绩效考评）的 HTTP 接口：成员单位填报数据、工作任务与辅证材料，" +
        "考评办审核、计分与导出，审计日志可验证。\n\n" +
        "The HTTP API of Kaoping, a city's yearly basic public service equalization performance " +
        "evaluation: departments enter figures, work answers and evidence; the office reviews, " +
        "scores and exports; the audit log can be verified. Every refusal is `{error, message}` " +
        "in the language of Accept-Language (Chinese by default).",
      version: "1",
      // Each deployment is run by its city's evaluation office, which answers for it.
      contact: { name: "考评办公室 — the evaluation office of the city's finance bureau" },
    },
    servers: [
      {
        url: "{origin}",
        description: "The Kaoping server that serves this document",
        variables: {
          origin: {
            default: "http://localhost:3000",
            description: "Scheme, host and port of the server (`kaoping serve` listens on 3000)",
          },
        },
      },
    ],
    tags: TAGS,
    security: [{ session: [] }],
    components: { securitySchemes: SECURITY_SCHEMES },
  },
  transform,
};
