import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditVerdictSchema } from "../../contract/api";
import { currentUser } from "../http/session";
import { requestLang } from "../http/lang";
import type { ServerDeps } from "../http/server-deps";
import { verifyAuditForUser } from "./verify-audit";

export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "Verify the SM3 audit chain; names the first bad row",
        response: { 200: auditVerdictSchema },
      },
    },
    (request) => verifyAuditForUser(deps.repos, currentUser(request), requestLang(request)),
  );
}
