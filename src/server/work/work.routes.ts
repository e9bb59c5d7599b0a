import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  errorSchema,
  saveWorkBodySchema,
  workAnswerSchema,
  workParamsSchema,
} from "../../contract/api";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { saveWorkAnswer } from "./save-work-answer";

export function workRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/cycles/:year/work/:item",
    {
      schema: {
        tags: ["work"],
        summary: "Record the points a work item earns per criterion",
        params: workParamsSchema,
        body: saveWorkBodySchema,
        response: { 200: workAnswerSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema },
      },
    },
    (request) =>
      saveWorkAnswer(deps, currentUser(request), {
        year: request.params.year,
        item: request.params.item,
        ...request.body,
      }),
  );
}
