import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  accountLocksSchema,
  twoFactorResetSchema,
  unlockResultSchema,
  usernameParamsSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { currentUser } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { listLocks, unlockAccount } from "./account-locks";
import { resetTwoFactor } from "./reset-two-factor";

/** Account guarding: sign-in locks (admin, office) and second-factor resets (admin). */
export function usersRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/users/locks",
    {
      schema: {
        operationId: "listAccountLocks",
        tags: ["users"],
        summary: "Accounts locked out of signing in now: since and until when, and the attempts",
        description:
          "Admin and office. The sign-in locks in force now, on accounts that exist, with the " +
          "failed attempts that caused them.",
        response: { 200: accountLocksSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ locks: await listLocks(deps, currentUser(request)) }),
  );

  api.post(
    "/api/users/:username/unlock",
    {
      schema: {
        operationId: "unlockAccount",
        tags: ["users"],
        summary: "Lift every sign-in lock on an account and clear its attempt counts (audited)",
        description:
          "Admin and office. Lifts the locks for unknown browsers and trusted ones alike and " +
          "clears the attempt counts; audited with the locks that were lifted.",
        params: usernameParamsSchema,
        response: { 200: unlockResultSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => unlockAccount(deps, currentUser(request), request.params.username),
  );

  api.post(
    "/api/users/:username/2fa/reset",
    {
      schema: {
        operationId: "resetTwoFactor",
        tags: ["users"],
        summary:
          "Remove an account's second factor and end its sessions, e.g. after a lost phone (admin; audited)",
        description:
          "Admin only. Removes the TOTP secret, the recovery codes and pending challenges, and ends " +
          "the account's sessions; its next sign-in leads to enrolment again where the role requires it.",
        params: usernameParamsSchema,
        response: { 200: twoFactorResetSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => resetTwoFactor(deps, currentUser(request), request.params.username),
  );
}
