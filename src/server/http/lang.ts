import type { FastifyRequest } from "fastify";
import type { Lang } from "../../core";

/** Chinese unless the client asks for English first (Accept-Language or ?lang=en). */
export function requestLang(request: FastifyRequest): Lang {
  const query = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof query === "string") return query.toLowerCase().startsWith("en") ? "en" : "zh";
  const header = request.headers["accept-language"] ?? "";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh";
}
