import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  cycleSummarySchema,
  deadlinesBodySchema,
  errorSchema,
  itemsQuerySchema,
  yearParamsSchema,
} from "../../contract/api";
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
      schema: { tags, summary: "Evaluation years", response: { 200: z.array(cycleSummarySchema) } },
    },
    (request) => listCycles(deps, currentUser(request)),
  );

  api.get(
    "/api/cycles/:year",
    { schema: { tags, summary: "One evaluation year with its regions", params: yearParamsSchema } },
    (request) => getCycle(deps, currentUser(request), request.params.year),
  );

  api.patch(
    "/api/cycles/:year",
    {
      schema: {
        tags,
        summary: "Move the year's deadlines (office and admin)",
        params: yearParamsSchema,
        body: deadlinesBodySchema,
        response: {
          200: cycleSummarySchema.extend({ regions: z.array(z.unknown()) }),
          403: errorSchema,
          404: errorSchema,
          422: errorSchema,
        },
      },
    },
    (request) => updateDeadlines(deps, currentUser(request), request.params.year, request.body),
  );

  api.get(
    "/api/cycles/:year/framework",
    {
      schema: {
        tags,
        summary: "The framework document (kaoping/framework@1) the year is pinned to",
        params: yearParamsSchema,
      },
    },
    (request) => getCycleFramework(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/score",
    {
      schema: {
        tags,
        summary: "The score of the stored data, exactly as `kaoping score --json`",
        params: yearParamsSchema,
        response: { 200: scoreReportSchema },
      },
    },
    (request) => scoreCycle(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/export",
    {
      schema: {
        tags,
        summary: "The year's data as a kaoping/data@1 document",
        params: yearParamsSchema,
      },
    },
    (request) => exportCycle(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/items",
    {
      schema: {
        tags,
        summary:
          "A department's indicators and work items with values, versions, status and evidence",
        params: yearParamsSchema,
        querystring: itemsQuerySchema,
      },
    },
    (request) =>
      listItems(deps, currentUser(request), request.params.year, request.query.department),
  );
}
