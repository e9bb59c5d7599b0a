import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { narrativesSchema, saveNarrativeBodySchema, scopeParamsSchema } from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import type { ServerDeps } from "../http/server-deps";
import { currentUser } from "../http/session";
import { getNarratives, saveNarrative } from "./narratives";

const WHO =
  'Scope "city": the city-wide readers (office, leader, auditor, admin). A department ' +
  "code: those readers and the department's own users; never another department.";

export function narrativesRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];

  api.get(
    "/api/cycles/:year/documents/:scope/narratives",
    {
      schema: {
        operationId: "getNarratives",
        tags,
        summary: "The report's written sections: 工作开展情况, 存在问题, 下一步措施",
        description: WHO,
        params: scopeParamsSchema,
        response: { 200: narrativesSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      getNarratives(deps, currentUser(request), request.params.year, request.params.scope),
  );

  api.put(
    "/api/cycles/:year/documents/:scope/narratives",
    {
      schema: {
        operationId: "saveNarrative",
        tags,
        summary: "Save one written section of the report",
        description:
          "The office writes the city's sections; a department's clerk or head its own. " +
          "Optimistic concurrency on `version` (409 when someone saved first); the department's " +
          "lock rule applies (423 once submitted, after the deadline, in an aggregated or closed " +
          "year). Audited with the text before and after.",
        params: scopeParamsSchema,
        body: saveNarrativeBodySchema,
        response: { 200: narrativesSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    (request) =>
      saveNarrative(
        deps,
        currentUser(request),
        request.params.year,
        request.params.scope,
        request.body,
      ),
  );
}
