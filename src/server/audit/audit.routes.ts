import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  auditVerdictSchema,
  checkpointListSchema,
  writtenCheckpointSchema,
} from "../../contract/api";
import { currentUser } from "../http/session";
import { requestLang } from "../http/lang";
import type { ServerDeps } from "../http/server-deps";
import { listCheckpointsForUser, writeCheckpointForUser } from "./checkpoint-audit";
import { verifyAuditForUser } from "./verify-audit";
import {
  auditActionsSchema,
  auditLogPageSchema,
  auditLogQuerySchema,
} from "../../contract/audit-log";
import { errorResponses } from "../../contract/responses";
import { listAuditActions, readAuditLog } from "./read-audit-log";

export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];

  api.get(
    "/api/audit/verify",
    {
      schema: {
        operationId: "verifyAuditChain",
        tags,
        summary: "Verify the audit chain (HMAC-SM3) against its checkpoints; lists every bad row",
        description:
          "Admin, office and auditor. Reads the whole chain on one snapshot, checks every row " +
          "against the key and every checkpoint kept outside the database, and lists every failure.",
        response: { 200: auditVerdictSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => verifyAuditForUser(deps, currentUser(request), requestLang(request)),
  );

  api.get(
    "/api/audit/checkpoints",
    {
      schema: {
        operationId: "listAuditCheckpoints",
        tags,
        summary: "The audit chain's checkpoints kept outside the database, to print or publish",
        description:
          "Admin, office and auditor. The checkpoints whose own HMAC holds; a copy printed or " +
          "published outside the machine is what a rewrite of the chain cannot reach.",
        response: { 200: checkpointListSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => listCheckpointsForUser(deps, currentUser(request)),
  );

  api.post(
    "/api/audit/checkpoints",
    {
      schema: {
        operationId: "writeAuditCheckpoint",
        tags,
        summary: "Write a checkpoint of the audit chain's head now (office and admin)",
        description:
          "Office and admin. Copies the committed head of the chain to the checkpoint file, " +
          "unless it has not moved since the last checkpoint.",
        response: { 200: writtenCheckpointSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => writeCheckpointForUser(deps, currentUser(request)),
  );

  api.get(
    "/api/audit/log",
    {
      schema: {
        operationId: "readAuditLog",
        tags,
        summary: "Read the audit log, newest first, a page at a time",
        description:
          "Admin, office and auditor (the readers who verify the chain). Filters: actor and action " +
          "(exact), object (the object id contains it, any case), from and to (days, UTC, both " +
          "included); page (1-based) and pageSize (at most 200, default 50). before/after are the " +
          "stored JSON, parsed.",
        querystring: auditLogQuerySchema,
        response: { 200: auditLogPageSchema, ...errorResponses(401, 403, 422) },
      },
    },
    (request) => readAuditLog(deps, currentUser(request), request.query),
  );

  api.get(
    "/api/audit/actions",
    {
      schema: {
        operationId: "listAuditActions",
        tags,
        summary: "The action names the audit log holds",
        description: "Admin, office and auditor: every distinct action, sorted, for a filter list.",
        response: { 200: auditActionsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ actions: await listAuditActions(deps, currentUser(request)) }),
  );
}
