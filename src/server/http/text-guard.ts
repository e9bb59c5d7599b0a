import type { FastifyInstance } from "fastify";
import { localized } from "../../core";
import { isWellFormed } from "../../core/text/clean-text";
import { DomainError } from "../errors";

/** Text neither database can store as sent: a lone UTF-16 surrogate, or NUL (PostgreSQL). */
export const isUnstorable = (text: string) => !isWellFormed(text) || text.includes("\u0000");

/** The first string (or object key) in `value` that cannot be stored as sent, by its path. */
export function findMalformedText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return isUnstorable(value) ? path : undefined;
  // JSON bodies are capped at 1 MiB; the depth cap only keeps a pathological body cheap.
  if (value === null || typeof value !== "object" || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findMalformedText(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    if (isUnstorable(key)) return path || "(key)";
    const found = findMalformedText(item, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, before any handler runs, a request whose body, query or path holds text that
 * cannot be stored as sent: a lone UTF-16 surrogate (JSON can carry "\ud800"; UTF-8
 * cannot), or NUL (PostgreSQL refuses it, so even looking a code up would fail). It could
 * only be stored altered, or not at all. The answer is a 422 naming the field. Routes that must answer such text themselves (sign-in
 * answers it like any failed sign-in) set `config.handlesMalformedText`. Runs after
 * authentication, so an anonymous caller still learns nothing but "sign in".
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (request.routeOptions.config?.handlesMalformedText) return;
    const field =
      findMalformedText(request.params, "") ??
      findMalformedText(request.query, "") ??
      findMalformedText(request.body, "");
    if (field === undefined) return;
    const name = field || "body";
    throw new DomainError(
      "invalid",
      localized(
        `${name}：含有无法保存的字符（孤立的 UTF-16 代理项或 NUL 空字符，不是有效的 Unicode 文本），请删除后重新输入`,
        `${name}: holds characters that cannot be stored (a lone UTF-16 surrogate or NUL; not valid Unicode text); remove them and try again`,
      ),
      { field: name },
    );
  });
}
