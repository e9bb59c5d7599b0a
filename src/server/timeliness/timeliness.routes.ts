import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { timelinessReportSchema, yearParamsSchema } from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import type { ServerDeps } from "../http/server-deps";
import { currentUser } from "../http/session";
import { listTimeliness } from "./list-timeliness";
import { downloadDisposition, timelinessFileName } from "./timeliness.presenter";
import { timelinessCsv } from "./timeliness-csv";
import { timelinessXlsx } from "./timeliness-xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const WHO =
  "Office, leader, auditor and admin get every department; a department user gets only " +
  "their own.";

const RULES =
  "On time: first submitted by the end of the due day, Beijing time; late: after it, by so " +
  "many calendar days (and whether a lock exception covered it); missing: not submitted and " +
  "its last day (the due date or an exception's) has passed; pending: not yet due. Items " +
  "complete: an indicator with every figure it needs entered and, if it requires evidence, " +
  "evidence filed; a work item answered.";

export function timelinessRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["workflow"];

  api.get(
    "/api/cycles/:year/timeliness",
    {
      schema: {
        operationId: "listTimeliness",
        tags,
        summary: "Every department's timeliness and completeness",
        description:
          `Per department: its hand-in state, first submission, on time / late by N days / ` +
          `missing / pending, returns, and the share of its items complete. ${RULES} ${WHO}`,
        params: yearParamsSchema,
        response: { 200: timelinessReportSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => listTimeliness(deps, currentUser(request), request.params.year),
  );

  api.get(
    "/api/cycles/:year/timeliness.csv",
    {
      schema: {
        operationId: "downloadTimelinessCsv",
        tags,
        summary: "The timeliness table as CSV (for Excel)",
        description:
          "The same rows as GET /api/cycles/{year}/timeliness, as an attachment: UTF-8 with a " +
          "byte order mark, CRLF line ends, Chinese headers (单位, 报送状态, 首次报送时间, 是否按时, " +
          "逾期天数, 退回次数, 完成率 …), times in Beijing time (2026-03-09 14:05); a text cell " +
          `starting with = + - or @ gets a leading apostrophe. ${WHO}`,
        produces: ["text/csv"],
        params: yearParamsSchema,
        response: {
          200: z.any().describe("The CSV file"),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const report = await listTimeliness(deps, currentUser(request), request.params.year);
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", downloadDisposition(timelinessFileName(report, "csv")))
        .header("X-Content-Type-Options", "nosniff")
        .send(timelinessCsv(report));
    },
  );

  api.get(
    "/api/cycles/:year/timeliness.xlsx",
    {
      schema: {
        operationId: "downloadTimelinessXlsx",
        tags,
        summary: "The timeliness table as an Excel workbook",
        description:
          "The same rows as GET /api/cycles/{year}/timeliness, as an attachment: one sheet " +
          "报送及时性 with a title row, a bold frozen header row, the first submission as an " +
          `Excel date (Beijing time) and 完成率 as a percentage. ${WHO}`,
        produces: [XLSX_TYPE],
        params: yearParamsSchema,
        response: {
          200: z.any().describe("The .xlsx file"),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const report = await listTimeliness(deps, currentUser(request), request.params.year);
      const content = await timelinessXlsx(report, deps.clock.now());
      return reply
        .type(XLSX_TYPE)
        .header("Content-Disposition", downloadDisposition(timelinessFileName(report, "xlsx")))
        .header("X-Content-Type-Options", "nosniff")
        .send(content);
    },
  );
}
