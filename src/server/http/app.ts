import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { auditRoutes } from "../audit/audit.routes";
import { authRoutes } from "../auth/auth.routes";
import { registerSignInThrottle } from "../auth/sign-in-throttle";
import { twoFactorRoutes } from "../auth/two-factor.routes";
import { cyclesRoutes } from "../cycles/cycles.routes";
import { evidenceRoutes } from "../evidence/evidence.routes";
import { usersRoutes } from "../users/users.routes";
import { valuesRoutes } from "../values/values.routes";
import { workRoutes } from "../work/work.routes";
import { installErrorHandler } from "./error-handler";
import { requestLang } from "./lang";
import type { ServerDeps } from "./server-deps";
import { installSessionHook } from "./session";
import { installTextGuard } from "./text-guard";

export interface AppOptions {
  logger?: boolean | { level: string };
}

/**
 * The HTTP application: plugins, security headers, authentication and CSRF, the
 * error contract, and every route. It holds no state of its own; everything it needs
 * is in `deps`, so tests build it on an in-memory database.
 */
export async function buildApp(
  deps: ServerDeps,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A URL that does not decode (e.g. "%ED%A0%80", a lone surrogate) never reaches a
    // route; answer it in the API's own error shape.
    frameworkErrors: (_error, request, reply) => {
      const lang = requestLang(request as FastifyRequest);
      void (reply as FastifyReply).status(400).send({
        error: "bad_request",
        message:
          lang === "zh"
            ? "请求地址格式不正确（含有无法解码的字符）"
            : "the request URL is malformed (it holds characters that do not decode)",
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(helmet, {
    // The strictest policy the pages allow: nothing from other origins, no plugins, no
    // framing, no <base> tricks. Evidence downloads set a stricter one of their own.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    // Browsers ignore HSTS over plain HTTP; behind TLS it is what we want.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(cookie);
  await registerSignInThrottle(app, deps);
  await app.register(multipart, {
    limits: { fileSize: deps.config.uploadLimitBytes, files: 1, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Kaoping API",
        description: "基本公共服务均等化绩效考评 — HTTP API",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "kaoping_session" },
          csrf: { type: "apiKey", in: "header", name: "X-CSRF-Token" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook("onSend", async (_request, reply) => {
    reply.header("Cache-Control", reply.getHeader("Cache-Control") ?? "no-store");
  });
  installSessionHook(app, deps);
  installTextGuard(app);

  authRoutes(app, deps);
  twoFactorRoutes(app, deps);
  usersRoutes(app, deps);
  cyclesRoutes(app, deps);
  valuesRoutes(app, deps);
  workRoutes(app, deps);
  evidenceRoutes(app, deps);
  auditRoutes(app, deps);

  app.get("/api/docs", { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  app.get("/", { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>考评 Kaoping</title>' +
          "<h1>考评 Kaoping</h1><p>基本公共服务均等化绩效考评系统的服务已启动。网页端尚在建设中；" +
          '接口说明见 <a href="/api/docs">/api/docs</a>（OpenAPI）。</p>',
      ),
  );
  app.get("/api/health", { config: { public: true }, schema: { hide: true } }, () => ({
    ok: true,
  }));
  return app;
}
