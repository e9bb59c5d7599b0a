import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { usernameParamsSchema } from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import {
  createUserBodySchema,
  passwordResetSchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
  userAccountSchema,
  userListSchema,
} from "../../contract/users-admin";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetUserPassword } from "./reset-user-password";
import { updateUser } from "./update-user";

/** Account administration (admin only): list, create, change, give a temporary password. */
export function adminUsersRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  api.get(
    "/api/users",
    {
      schema: {
        operationId: "listUsers",
        tags,
        summary: "Every account",
        description:
          "Admin only. Each account's name, role, department, whether it is disabled, must change " +
          "its password or has two-factor sign-in on, when it was created and last signed in.",
        response: { 200: userListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ users: await listUsers(deps, currentUser(request)) }),
  );

  api.post(
    "/api/users",
    {
      schema: {
        operationId: "createUser",
        tags,
        summary: "Create an account",
        description:
          "Admin only; audited. Department roles (dept_head, dept_clerk) need a departmentCode, other " +
          "roles have none (422). The password must pass the policy (422); it is a temporary one: the " +
          "holder must change it at first sign-in. An unknown department is a 404, a taken username 409.",
        body: createUserBodySchema,
        response: {
          201: userAccountSchema,
          ...errorResponses(401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(deps, currentUser(request), request.body)),
  );

  api.patch(
    "/api/users/:username",
    {
      schema: {
        operationId: "updateUser",
        tags,
        summary: "Change an account's name, role, department or disabled flag",
        description:
          "Admin only; audited with before and after. Role and department must fit as when creating " +
          "(422). Disabling ends the account's sessions. An administrator may not disable their own " +
          "account or change their own role (422, naming the field).",
        params: usernameParamsSchema,
        body: updateUserBodySchema,
        response: {
          200: userAccountSchema,
          ...errorResponses(401, 403, 404, 422),
        },
      },
    },
    async (request) =>
      updateUser(deps, currentUser(request), request.params.username, request.body),
  );

  api.post(
    "/api/users/:username/password",
    {
      schema: {
        operationId: "resetUserPassword",
        tags,
        summary: "Give an account a temporary password",
        description:
          "Admin only; audited. The password must pass the policy (422). The account's sign-in locks " +
          "are lifted and its sessions end; at its next sign-in it must choose its own password.",
        params: usernameParamsSchema,
        body: resetPasswordBodySchema,
        response: {
          200: passwordResetSchema,
          ...errorResponses(401, 403, 404, 422),
        },
      },
    },
    async (request) =>
      resetUserPassword(deps, currentUser(request), request.params.username, request.body.password),
  );
}
