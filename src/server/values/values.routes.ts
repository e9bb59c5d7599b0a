import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  clearValueQuerySchema,
  clearedValueSchema,
  saveValueBodySchema,
  savedValueSchema,
  valueConflictSchema,
  valueParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { clearValue } from "./clear-value";
import { saveValue } from "./save-value";

export function valuesRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/cycles/:year/values/:element/:region",
    {
      schema: {
        operationId: "saveValue",
        tags: ["values"],
        summary: "Save one figure (region code, or `city`) with optimistic concurrency",
        description:
          "A department user, for an element an indicator of their department reads; office and " +
          "admin for any. Send the version last seen (0 for a figure not entered): a stale one is " +
          "a 409 carrying the stored figure. Out-of-bounds figures are a 422 naming `value`; a " +
          "closed year is a 423. History and an audit row are written with the figure.",
        params: valueParamsSchema,
        body: saveValueBodySchema,
        response: {
          200: savedValueSchema,
          ...errorResponses(400, 401, 403, 404, 413, 422, 423),
          409: valueConflictSchema,
        },
      },
    },
    (request) =>
      saveValue(deps, currentUser(request), {
        year: request.params.year,
        element: request.params.element,
        region: request.params.region,
        ...request.body,
      }),
  );

  app.withTypeProvider<ZodTypeProvider>().delete(
    "/api/cycles/:year/values/:element/:region",
    {
      schema: {
        operationId: "clearValue",
        tags: ["values"],
        summary: "Clear one figure (it is no longer entered)",
        description:
          "The same users as saving the figure. Send `version`, the version last seen: a stale " +
          "one is a 409 carrying the stored figure, as for a save; a figure not entered is a 404. " +
          "A closed year is a 423. History (value null) and an audit row are written. Answers " +
          "200 with version 0: enter the figure again as a new one.",
        params: valueParamsSchema,
        querystring: clearValueQuerySchema,
        response: {
          200: clearedValueSchema,
          ...errorResponses(400, 401, 403, 404, 422, 423),
          409: valueConflictSchema,
        },
      },
    },
    (request) => clearValue(deps, currentUser(request), { ...request.params, ...request.query }),
  );
}
