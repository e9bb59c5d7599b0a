import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  addCommentBodySchema,
  commentListSchema,
  commentSchema,
  commentsQuerySchema,
  yearParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { addComment } from "./add-comment";
import { listComments } from "./list-comments";

export function commentsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["comments"];
  const WHO =
    "The office and admin, and the users of the department that answers for the item; " +
    "anyone else gets 403, an item the year does not have 404.";

  api.get(
    "/api/cycles/:year/comments",
    {
      schema: {
        operationId: "listComments",
        tags,
        summary: "The comments on one indicator or work item",
        description: `${WHO} Oldest first, each with its author's name and role.`,
        params: yearParamsSchema,
        querystring: commentsQuerySchema,
        response: { 200: commentListSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => listComments(deps, currentUser(request), request.params.year, request.query),
  );

  api.post(
    "/api/cycles/:year/comments",
    {
      schema: {
        operationId: "addComment",
        tags,
        summary: "Comment on one indicator or work item",
        description:
          `${WHO} The body (at most 2,000 characters) must not be empty once cleaned. ` +
          "Audited. A closed year still takes comments. Answers 201 with the comment.",
        params: yearParamsSchema,
        body: addCommentBodySchema,
        response: { 201: commentSchema, ...errorResponses(400, 401, 403, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      const comment = await addComment(
        deps,
        currentUser(request),
        request.params.year,
        request.body,
      );
      return reply.status(201).send(comment);
    },
  );
}
