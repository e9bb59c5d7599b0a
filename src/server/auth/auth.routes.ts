import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  errorSchema,
  loginBodySchema,
  meSchema,
  secondFactorChallengeSchema,
} from "../../contract/api";
import { recordAudit } from "../audit/record";
import { clearSessionCookie, currentUser, SESSION_COOKIE } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { decoyHash } from "./decoy-hash";
import { DEVICE_COOKIE } from "./device-trust";
import { logIn } from "./log-in";
import { endSession } from "./resolve-session";
import { replySignedIn, secureCookie } from "./sign-in-reply";
import { signInThrottle } from "./sign-in-throttle";
import { secondFactorStatus } from "./two-factor-policy";

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Made now, so that no sign-in attempt pays for it (see decoy-hash.ts).
  void decoyHash(deps.passwords);

  api.post(
    "/api/auth/login",
    {
      config: { public: true, handlesMalformedText: true },
      preHandler: signInThrottle(app).check,
      onResponse: signInThrottle(app).refundSuccess,
      schema: {
        tags: ["auth"],
        summary:
          "Sign in; sets the session cookie and returns the CSRF token, or (202) a challenge for the second factor",
        body: loginBodySchema,
        response: {
          200: meSchema,
          202: secondFactorChallengeSchema,
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const outcome = await logIn(deps, {
        ...request.body,
        previousToken: request.cookies[SESSION_COOKIE],
        deviceCookie: request.cookies[DEVICE_COOKIE],
        address: request.ip,
      });
      if (outcome.kind === "second_factor") {
        return reply.status(202).send({
          secondFactorRequired: true,
          challenge: outcome.challenge,
          expiresAt: outcome.expiresAt,
        });
      }
      return replySignedIn(deps.config, request, reply, outcome);
    },
  );

  api.post(
    "/api/auth/logout",
    {
      config: { allowedBeforeTwoFactorSetup: true },
      schema: {
        tags: ["auth"],
        summary: "Sign out (ends the session)",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(deps, token);
      await deps.repos.transaction((tx) =>
        recordAudit(tx, deps.clock, {
          actor: user.username,
          action: "auth.logout",
          objectType: "user",
          objectId: user.id,
        }),
      );
      clearSessionCookie(reply, { secure: secureCookie(deps.config, request) });
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/api/me",
    {
      config: { allowedBeforeTwoFactorSetup: true },
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, the CSRF token and the account's two-factor status",
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const session = request.session!;
      return {
        user: currentUser(request),
        csrfToken: session.csrfToken,
        twoFactor: secondFactorStatus(
          session.user.role,
          session.secondFactor,
          deps.config.requireTwoFactor,
        ),
      };
    },
  );
}
