import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  accountLocksSchema,
  errorSchema,
  twoFactorResetSchema,
  unlockResultSchema,
  usernameParamsSchema,
} from "../../contract/api";
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
        tags: ["users"],
        summary: "Accounts locked out of signing in now: since and until when, and the attempts",
        response: { 200: accountLocksSchema, 403: errorSchema },
      },
    },
    async (request) => ({ locks: await listLocks(deps, currentUser(request)) }),
  );

  api.post(
    "/api/users/:username/unlock",
    {
      schema: {
        tags: ["users"],
        summary: "Lift every sign-in lock on an account and clear its attempt counts (audited)",
        params: usernameParamsSchema,
        response: { 200: unlockResultSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => unlockAccount(deps, currentUser(request), request.params.username),
  );

  api.post(
    "/api/users/:username/2fa/reset",
    {
      schema: {
        tags: ["users"],
        summary:
          "Remove an account's second factor and end its sessions, e.g. after a lost phone (admin; audited)",
        params: usernameParamsSchema,
        response: { 200: twoFactorResetSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => resetTwoFactor(deps, currentUser(request), request.params.username),
  );
}
