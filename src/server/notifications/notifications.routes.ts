import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  notificationListSchema,
  notificationParamsSchema,
  notificationsReadSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { requestLang } from "../http/lang";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "./read-notifications";

export function notificationsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];
  const WHO = "Any signed-in user, for their own notifications only.";

  api.get(
    "/api/notifications",
    {
      schema: {
        operationId: "listNotifications",
        tags,
        summary: "My notifications and how many are unread",
        description:
          `${WHO} Reminders before the departments' deadline, overdue notices and, for the ` +
          "office, escalations; newest first. Titles and texts in the language of " +
          "Accept-Language (Chinese unless English comes first).",
        response: { 200: notificationListSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => listNotifications(deps, currentUser(request), requestLang(request)),
  );

  api.post(
    "/api/notifications/:id/read",
    {
      schema: {
        operationId: "markNotificationRead",
        tags,
        summary: "Mark one of my notifications read",
        description: `${WHO} Another account's notification, or an unknown id, is 404. Marking one already read changes nothing.`,
        params: notificationParamsSchema,
        response: { 200: notificationsReadSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => markNotificationRead(deps, currentUser(request), request.params.id),
  );

  api.post(
    "/api/notifications/read-all",
    {
      schema: {
        operationId: "markAllNotificationsRead",
        tags,
        summary: "Mark all my notifications read",
        description: `${WHO} Answers how many were marked and how many are left unread (0).`,
        response: { 200: notificationsReadSchema, ...errorResponses(401, 403) },
      },
    },
    (request) => markAllNotificationsRead(deps, currentUser(request)),
  );
}
