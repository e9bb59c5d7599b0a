import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  cycleDetailSchema,
  cycleListSchema,
  dataDocumentSchema,
  deadlinesBodySchema,
  departmentItemsSchema,
  frameworkDocumentSchema,
  itemsQuerySchema,
  yearParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { updateDeadlines } from "./update-deadlines";
import { scoreReportSchema } from "../../contract/score-report";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { exportCycle } from "./export-cycle";
import { listItems } from "./list-items";
import { getCycle, getCycleFramework, listCycles } from "./read-cycles";
import { scoreCycle } from "./score-cycle";

export function cyclesRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cycles"];

  api.get(
    "/api/cycles",
    {
      schema: {
        operationId: "listCycles",
        tags,
        summary: "Evaluation years",
        description:
          "Any signed-in user. Every evaluation year, newest first, with its status, framework " +
          "and deadlines.",
        response: { 200: cycleListSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => listCycles(deps, currentUser(request)),
  );

  api.get(
    "/api/cycles/:year",
    {
      schema: {
        operationId: "getCycle",
        tags,
        summary: "One evaluation year with its regions",
        description:
          "Any signed-in user. The year's status, framework and deadlines, and the regions its " +
          "figures are entered for.",
        params: yearParamsSchema,
        response: { 200: cycleDetailSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => getCycle(deps, currentUser(request), request.params.year),
  );

  api.patch(
    "/api/cycles/:year",
    {
      schema: {
        operationId: "updateCycleDeadlines",
        tags,
        summary: "Move the year's deadlines (office and admin)",
        description:
          "Office and admin. Sets when departments and the province are due (YYYY-MM-DD); " +
          "departments may not be due after the province. Audited with before and after.",
        params: yearParamsSchema,
        body: deadlinesBodySchema,
        response: { 200: cycleDetailSchema, ...errorResponses(400, 401, 403, 404, 413, 422) },
      },
    },
    (request) => updateDeadlines(deps, currentUser(request), request.params.year, request.body),
  );

  api.get(
    "/api/cycles/:year/framework",
    {
      schema: {
        operationId: "getCycleFramework",
        tags,
        summary: "The framework document (kaoping/framework@1) the year is pinned to",
        description:
          "Any signed-in user: the evaluation method, with its parts, indicators, formulas, rules " +
          "and work items, exactly as `kaoping validate` reads it.",
        params: yearParamsSchema,
        response: { 200: frameworkDocumentSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => getCycleFramework(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/score",
    {
      schema: {
        operationId: "scoreCycle",
        tags,
        summary: "The score of the stored data, exactly as `kaoping score --json`",
        description:
          "Office, leader, auditor and admin. Scores the figures stored now with the year's " +
          "framework: parts, composite, grade, losses and the plan to the target.",
        params: yearParamsSchema,
        response: {
          200: scoreReportSchema.describe("The score report (scoring spec §5)"),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    (request) => scoreCycle(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/export",
    {
      schema: {
        operationId: "exportCycleData",
        tags,
        summary: "The year's data as a kaoping/data@1 document",
        description:
          "Office, leader, auditor and admin. The stored figures, work answers, regions and " +
          "satisfaction as one data document; `kaoping score` on it gives the score of this API.",
        params: yearParamsSchema,
        response: { 200: dataDocumentSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => exportCycle(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/items",
    {
      schema: {
        operationId: "listDepartmentItems",
        tags,
        summary:
          "A department's indicators and work items with values, versions, status and evidence",
        description:
          "A department user sees their own department; office, leader, auditor and admin may " +
          "name any department, or see all. Each indicator with the figures it reads per region " +
          "(with versions for saving), its computed status and evidence; each work item with its answer.",
        params: yearParamsSchema,
        querystring: itemsQuerySchema,
        response: { 200: departmentItemsSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      listItems(deps, currentUser(request), request.params.year, request.query.department),
  );
}
