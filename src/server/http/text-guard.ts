import type { FastifyInstance } from "fastify";
import { localized } from "../../core";
import { isWellFormed } from "../../core/text/clean-text";
import { DomainError } from "../errors";

/** The first string (or object key) in `value` that is not well-formed UTF-16, by its path. */
export function findMalformedText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return isWellFormed(value) ? undefined : path;
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
    if (!isWellFormed(key)) return path || "(key)";
    const found = findMalformedText(item, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, before any handler runs, a request whose body, query or path holds text that
 * is not well-formed Unicode (a lone UTF-16 surrogate, which JSON can carry as "\ud800"):
 * neither database can store it as sent, so it could only be stored altered. The answer
 * is a 422 naming the field. Routes that must answer such text themselves (sign-in
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
        `${name}：含有无效的 Unicode 字符（孤立的 UTF-16 代理项），请删除后重新输入`,
        `${name}: holds invalid Unicode (a lone UTF-16 surrogate); remove it and try again`,
      ),
      { field: name },
    );
  });
}
