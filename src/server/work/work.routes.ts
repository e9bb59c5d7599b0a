import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  saveWorkBodySchema,
  workAnswerSchema,
  workConflictSchema,
  workParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { saveWorkAnswer } from "./save-work-answer";

export function workRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/cycles/:year/work/:item",
    {
      schema: {
        operationId: "saveWorkAnswer",
        tags: ["work"],
        summary: "Record the points a work item earns per criterion",
        description:
          "A department user, for a work item of their department; office and admin for any. " +
          "Send the version last seen (0 for an item not answered): a stale one is a 409 carrying " +
          "the stored answer. Points outside 0 to the criterion's maximum, or an unknown criterion, " +
          "are a 422 naming it; a closed year is a 423. Audited with before and after.",
        params: workParamsSchema,
        body: saveWorkBodySchema,
        response: {
          200: workAnswerSchema,
          ...errorResponses(400, 401, 403, 404, 413, 422, 423),
          409: workConflictSchema,
        },
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
