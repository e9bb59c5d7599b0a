import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  errorSchema,
  saveValueBodySchema,
  savedValueSchema,
  valueParamsSchema,
} from "../../contract/api";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { saveValue } from "./save-value";

export function valuesRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/cycles/:year/values/:element/:region",
    {
      schema: {
        tags: ["values"],
        summary: "Save one figure (region code, or `city`) with optimistic concurrency",
        params: valueParamsSchema,
        body: saveValueBodySchema,
        response: { 200: savedValueSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema },
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
}
