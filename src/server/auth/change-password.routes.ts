import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { changePasswordBodySchema, passwordChangedSchema } from "../../contract/password-change";
import { errorResponses } from "../../contract/responses";
import type { ServerDeps } from "../http/server-deps";
import { changePassword } from "./change-password";
import { signInThrottle } from "./sign-in-throttle";

/** Choosing one's own password: the way out of a forced change, and open to everyone. */
export function changePasswordRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/auth/password",
    {
      // The one route (with /api/me and sign-out) a session that must change its password
      // may use; a new account of a two-factor role changes it before it sets the factor up.
      config: { allowedBeforePasswordChange: true, allowedBeforeTwoFactorSetup: true },
      // A wrong current password counts like a failed sign-in from this address.
      preHandler: signInThrottle(app).check,
      onResponse: signInThrottle(app).refundSuccess,
      schema: {
        operationId: "changePassword",
        tags: ["auth"],
        summary: "Change one's own password",
        description:
          "Any signed-in user. The current password must be right (else 422 naming currentPassword, audited); " +
          "the new one must pass the password policy and differ from it (else 422 naming newPassword). " +
          "Clears the forced change an administrator's password sets; this session stays, the account's " +
          "other sessions end. Rate-limited like sign-in (429).",
        body: changePasswordBodySchema,
        response: {
          200: passwordChangedSchema,
          ...errorResponses(401, 403, 422, 429),
        },
      },
    },
    async (request) => changePassword(deps, request.session!, request.body),
  );
}
