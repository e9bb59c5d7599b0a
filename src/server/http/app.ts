import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { auditRoutes } from "../audit/audit.routes";
import { authRoutes } from "../auth/auth.routes";
import { changePasswordRoutes } from "../auth/change-password.routes";
import { frameworksRoutes } from "../frameworks/frameworks.routes";
import { workflowRoutes } from "../workflow/workflow.routes";
import { timelinessRoutes } from "../timeliness/timeliness.routes";
import { notificationsRoutes } from "../notifications/notifications.routes";
import { documentsRoutes } from "../documents/documents.routes";
import { narrativesRoutes } from "../documents/narratives.routes";
import { templateImportRoutes } from "../documents/template-import.routes";
import { adminUsersRoutes } from "../users/admin-users.routes";
import { registerSignInThrottle } from "../auth/sign-in-throttle";
import { twoFactorRoutes } from "../auth/two-factor.routes";
import { cyclesRoutes } from "../cycles/cycles.routes";
import { commentsRoutes } from "../comments/comments.routes";
import { departmentsRoutes } from "../departments/departments.routes";
import { evidenceRoutes } from "../evidence/evidence.routes";
import { usersRoutes } from "../users/users.routes";
import { valuesRoutes } from "../values/values.routes";
import { workRoutes } from "../work/work.routes";
import { installErrorHandler } from "./error-handler";
import { requestLang } from "./lang";
import { openApiOptions } from "./openapi";
import type { ServerDeps } from "./server-deps";
import { installSessionHook } from "./session";
import { installTextGuard } from "./text-guard";
import { serveWebApp } from "./web-app";

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
        // antd writes its styles at run time (CSS-in-JS) into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
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
  await app.register(swagger, openApiOptions);

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
  departmentsRoutes(app, deps);
  commentsRoutes(app, deps);
  auditRoutes(app, deps);
  changePasswordRoutes(app, deps);
  adminUsersRoutes(app, deps);
  frameworksRoutes(app, deps);
  workflowRoutes(app, deps);
  timelinessRoutes(app, deps);
  notificationsRoutes(app, deps);
  narrativesRoutes(app, deps);
  documentsRoutes(app, deps);
  templateImportRoutes(app, deps);

  app.get("/api/docs", { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  await serveWebApp(app, deps.config.webRoot);
  app.get("/api/health", { config: { public: true }, schema: { hide: true } }, () => ({
    ok: true,
  }));
  return app;
}
