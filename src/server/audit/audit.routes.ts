import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  auditVerdictSchema,
  checkpointSchema,
  errorSchema,
  writtenCheckpointSchema,
} from "../../contract/api";
import { currentUser } from "../http/session";
import { requestLang } from "../http/lang";
import type { ServerDeps } from "../http/server-deps";
import { listCheckpointsForUser, writeCheckpointForUser } from "./checkpoint-audit";
import { verifyAuditForUser } from "./verify-audit";

export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];

  api.get(
    "/api/audit/verify",
    {
      schema: {
        tags,
        summary: "Verify the audit chain (HMAC-SM3) against its checkpoints; lists every bad row",
        response: { 200: auditVerdictSchema, 403: errorSchema },
      },
    },
    (request) => verifyAuditForUser(deps, currentUser(request), requestLang(request)),
  );

  api.get(
    "/api/audit/checkpoints",
    {
      schema: {
        tags,
        summary: "The audit chain's checkpoints kept outside the database, to print or publish",
        response: { 200: z.array(checkpointSchema), 403: errorSchema },
      },
    },
    (request) => listCheckpointsForUser(deps, currentUser(request)),
  );

  api.post(
    "/api/audit/checkpoints",
    {
      schema: {
        tags,
        summary: "Write a checkpoint of the audit chain's head now (office and admin)",
        response: { 200: writtenCheckpointSchema, 403: errorSchema },
      },
    },
    (request) => writeCheckpointForUser(deps, currentUser(request)),
  );
}
