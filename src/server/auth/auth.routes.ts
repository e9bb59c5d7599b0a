import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  loginBodySchema,
  meSchema,
  noContentSchema,
  sessionStateSchema,
  secondFactorChallengeSchema,
} from "../../contract/api";
import { errorResponses } from "../../contract/responses";
import { recordAudit } from "../audit/record";
import { clearSessionCookie, currentUser, SESSION_COOKIE } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { decoyHash } from "./decoy-hash";
import { DEVICE_COOKIE } from "./device-trust";
import { logIn } from "./log-in";
import { endSession, resolveSession } from "./resolve-session";
import { presentMe } from "./auth.presenter";
import { replySignedIn, secureCookie } from "./sign-in-reply";
import { signInThrottle } from "./sign-in-throttle";

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
        operationId: "logIn",
        tags: ["auth"],
        summary:
          "Sign in; sets the session cookie and returns the CSRF token, or (202) a challenge for the second factor",
        description:
          "Anyone may call it. A right password opens a session (httpOnly cookie) and returns the " +
          "user with the CSRF token; an account that signs in with two factors gets a challenge " +
          "instead (202) to send with the code to POST /api/auth/2fa/verify. Every refusal is the " +
          "same 401, whatever the reason; attempts are rate-limited (429) and repeated failures " +
          "lock the account for browsers it does not know.",
        body: loginBodySchema,
        response: {
          200: meSchema,
          202: secondFactorChallengeSchema,
          ...errorResponses(400, 401, 413, 422, 429),
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
      config: { allowedBeforeTwoFactorSetup: true, allowedBeforePasswordChange: true },
      schema: {
        operationId: "logOut",
        tags: ["auth"],
        summary: "Sign out (ends the session)",
        description:
          "Any signed-in user, also before a required second factor or password change is done. " +
          "Ends the session and clears its cookie; audited.",
        response: { 204: noContentSchema, ...errorResponses(401, 403) },
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
      config: { allowedBeforeTwoFactorSetup: true, allowedBeforePasswordChange: true },
      schema: {
        operationId: "getMe",
        tags: ["auth"],
        summary: "The signed-in user, the CSRF token and the account's two-factor status",
        description:
          "Any signed-in user, also before a required second factor or password change is done: " +
          "who is signed in, the CSRF token for state-changing requests, and what the account " +
          "must do first.",
        response: { 200: meSchema, ...errorResponses(401) },
      },
    },
    async (request) => presentMe(request.session!, deps.config.requireTwoFactor),
  );

  api.get(
    "/api/auth/session",
    {
      config: { public: true },
      schema: {
        operationId: "getSessionState",
        tags: ["auth"],
        summary: "Whether this browser is signed in (never 401)",
        description:
          "Public. The web app asks this first: the account as GET /api/me gives it when the " +
          "session cookie is valid, otherwise `me: null` — so opening the login page is not an " +
          "error in the browser's console.",
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await resolveSession(deps, token) : undefined;
      return { me: session ? presentMe(session, deps.config.requireTwoFactor) : null };
    },
  );
}
