import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { departmentsOverviewSchema, yearParamsSchema } from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser } from "../http/session";
import { requestLang } from "../http/lang";
import type { ServerDeps } from "../http/server-deps";
import { listDepartmentProgress } from "./list-department-progress";

export function departmentsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/cycles/:year/departments",
    {
      schema: {
        operationId: "listDepartmentProgress",
        tags: ["departments"],
        summary: "Every department's progress in the year",
        description:
          "Per department of the year's framework: its indicator and work item counts, the " +
          "figures entered of those expected, the items with evidence, what its items cost the " +
          "score, its latest change and who made it, and its hand-in state (submission). Office, leader, auditor and admin get " +
          "every department; a department user gets only their own.",
        params: yearParamsSchema,
        response: { 200: departmentsOverviewSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      listDepartmentProgress(deps, currentUser(request), request.params.year, requestLang(request)),
  );
}
