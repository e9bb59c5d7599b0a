import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema, loginBodySchema, meSchema } from "../../contract/api";
import { recordAudit } from "../audit/record";
import { clearSessionCookie, currentUser, SESSION_COOKIE, setSessionCookie } from "../http/session";
import type { ServerDeps } from "../http/server-deps";
import { endSession } from "./resolve-session";
import { logIn } from "./log-in";

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = (request: FastifyRequest) => ({
    secure: deps.config.secureCookies || request.protocol === "https",
  });

  api.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Sign in; sets the session cookie and returns the CSRF token",
        body: loginBodySchema,
        response: { 200: meSchema, 401: errorSchema, 423: errorSchema },
      },
    },
    async (request, reply) => {
      const result = await logIn(deps, {
        ...request.body,
        previousToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(reply, result.token, cookieOptions(request));
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  api.post(
    "/api/auth/logout",
    {
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
      clearSessionCookie(reply, cookieOptions(request));
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/api/me",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and the CSRF token",
        response: { 200: meSchema },
      },
    },
    async (request) => ({ user: currentUser(request), csrfToken: request.session!.csrfToken }),
  );
}
