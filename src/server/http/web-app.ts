import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { packageRoot } from "../../platform/package-files";

/** Where `vite build` puts the web app (see vite.config.ts). */
export function defaultWebRoot(): string {
  return join(packageRoot(), "build", "web");
}

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>考评 Kaoping</title>' +
  "<h1>考评 Kaoping</h1><p>服务已启动，但网页端尚未构建：请运行 <code>npm run build</code>" +
  "（<code>npm ci</code> 会自动构建）。接口说明见 " +
  '<a href="/api/docs">/api/docs</a>（OpenAPI）。</p>';

/**
 * Serves the built web app from the API's own origin: its hashed assets with a long
 * cache life, and index.html for every other path outside /api so the app's own routes
 * (e.g. /workspace) survive a reload. Unknown /api paths still get the API's JSON 404.
 */
export async function serveWebApp(app: FastifyInstance, webRoot = defaultWebRoot()) {
  const indexFile = join(webRoot, "index.html");
  const built = existsSync(indexFile);
  const indexHtml = built ? readFileSync(indexFile) : Buffer.from(NOT_BUILT_PAGE);
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: "/",
      wildcard: false,
      index: false,
      setHeaders(reply, path) {
        reply.header(
          "Cache-Control",
          path.includes(join("web", "assets")) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.type("text/html; charset=utf-8").header("Cache-Control", "no-cache").send(indexHtml);
  app.get("/", { config: { public: true }, schema: { hide: true } }, sendIndex);
  app.get("/*", { config: { public: true }, schema: { hide: true } }, (request, reply) =>
    request.url.startsWith("/api/") || request.url === "/api"
      ? reply.callNotFound()
      : sendIndex(request, reply),
  );
}
